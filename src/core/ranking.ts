// Competition ranking and the tiers of SPEC §5 (top third, bottom third, bottom three, ties at a boundary).

export type Tier = 'top-third' | 'bottom-third' | 'bottom-three';

export interface RankInput {
  id: string;
  total: number;
}

export interface RankResult {
  /** Competition rank: equal totals share a rank (1, 2, 2, 4). */
  rank: number;
  tiers: Tier[];
  /** Sharing a total across a tier boundary: the committee decides (并列，需两委研究). */
  tieAtBoundary: boolean;
  /** Cadres with a strictly higher / strictly lower total, and how many share this total. */
  higher: number;
  lower: number;
  equal: number;
}

/** Group size k = round(N × fraction), half up (a tiny epsilon absorbs 0.3333-style fractions). */
export function groupSize(n: number, fraction: number): number {
  return Math.floor(n * fraction + 0.5 + 1e-9);
}

/**
 * Ranks totals and assigns tiers by counting: top third when fewer than k are strictly higher;
 * bottom third when fewer than k are strictly lower; bottom three when fewer than `bottomCount`
 * are strictly lower. Top and bottom at once (tiny or all-equal groups) → none of them.
 */
export function rankAndTier(
  items: readonly RankInput[],
  fraction: number,
  bottomCount: number,
): Map<string, RankResult> {
  const n = items.length;
  const k = groupSize(n, fraction);
  const sorted = items.map((x) => x.total).sort((a, b) => b - a);
  // count of each distinct total and how many are strictly higher
  const higherOf = new Map<number, number>();
  const equalOf = new Map<number, number>();
  sorted.forEach((t, i) => {
    if (!higherOf.has(t)) higherOf.set(t, i);
    equalOf.set(t, (equalOf.get(t) ?? 0) + 1);
  });
  const out = new Map<string, RankResult>();
  for (const { id, total } of items) {
    const h = higherOf.get(total)!;
    const e = equalOf.get(total)!;
    const l = n - h - e;
    const top = h < k;
    const bottomThird = l < k;
    const bottomThree = l < bottomCount;
    let tiers: Tier[] = [];
    if (top && !(bottomThird || bottomThree)) tiers = ['top-third'];
    else if (!top) {
      if (bottomThird) tiers.push('bottom-third');
      if (bottomThree) tiers.push('bottom-three');
    }
    const tieAtBoundary =
      (h < k && k < h + e) || (l < k && k < l + e) || (l < bottomCount && bottomCount < l + e);
    out.set(id, { rank: h + 1, tiers, tieAtBoundary, higher: h, lower: l, equal: e });
  }
  return out;
}

/** Chinese label and consequence of each tier (SPEC §5), for tabs and reports. */
export const TIER_ZH: Record<Tier, { label: string; consequence: string }> = {
  'top-third': { label: '前三分之一', consequence: '物质奖励（半年）' },
  'bottom-third': { label: '后三分之一', consequence: '取消评先评优资格、书记或主任谈话' },
  'bottom-three': { label: '倒数三名', consequence: '取消一切评先评优资格、按规定组织处置' },
};
