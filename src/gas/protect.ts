// Protections: only the owner and the committee may edit add-on tabs, snapshots and published rows.

type Protection = GoogleAppsScript.Spreadsheet.Protection;

/**
 * Restricts a protection to the committee. Adds the running user first: removing editors can fail
 * for someone whose own right comes through a group (apps-script-facts §1.7).
 */
export function restrictToCommittee(
  p: Protection,
  committee: readonly string[],
  description: string,
): Protection {
  p.setDescription(description);
  const me = Session.getEffectiveUser().getEmail();
  if (me) p.addEditor(me);
  const keep = new Set([...committee.map((e) => e.toLowerCase()), ...(me ? [me.toLowerCase()] : [])]);
  const stale = p.getEditors().filter((u) => !keep.has(u.getEmail().toLowerCase()));
  if (stale.length > 0) p.removeEditors(stale.map((u) => u.getEmail()));
  const have = new Set(p.getEditors().map((u) => u.getEmail().toLowerCase()));
  const add = committee.filter((e) => !have.has(e.toLowerCase()));
  if (add.length > 0) p.addEditors(add);
  return p;
}
