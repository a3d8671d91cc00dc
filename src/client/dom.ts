// DOM helpers for the client pages: build elements from text only (never innerHTML with data).

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

/**
 * Creates an element. Attributes go through setAttribute (booleans add/omit the attribute) and
 * children that are strings become text nodes, so user text such as `<script>` shows literally.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

/** Appends children (strings as text nodes; null/false skipped). */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces all children of a node. */
export function replaceChildren(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

/** The element with this id; throws if the page template lacks it (a build mistake, not user error). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`页面缺少元素 #${id}`);
  return node as T;
}

/** A button with a click handler. */
export function button(
  label: string,
  onClick: (ev: MouseEvent) => void,
  attrs: Attrs = {},
): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** Only http(s) links become clickable: a `javascript:` evidence link must never run. */
export function safeUrl(text: string): string | null {
  const t = text.trim();
  if (!/^https?:\/\//i.test(t)) return null;
  try {
    const u = new URL(t);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Text with its http(s) addresses as links (opening in a new tab); lines are kept by CSS (pre-line). */
export function linkified(text: string): Child[] {
  const out: Child[] = [];
  let last = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s，。；、）)]+/g)) {
    if (m.index! > last) out.push(text.slice(last, m.index));
    const href = safeUrl(m[0]);
    out.push(href ? el('a', { href, target: '_blank', rel: 'noopener' }, m[0]) : m[0]);
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
