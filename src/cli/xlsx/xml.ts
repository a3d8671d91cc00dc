// Small XML helpers for SpreadsheetML parts: escaping, attributes, and the OOXML `_xHHHH_` string escapes.

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML entities and character references. */
export function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITY[e]!;
  });
}

/**
 * Decodes the `_xHHHH_` escapes of SpreadsheetML strings (Excel writes control characters such as
 * a carriage return as `_x000D_`, and a literal `_x0041_` as `_x005F_x0041_`).
 */
export function unescapeOoxml(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

// Characters XML 1.0 cannot carry at all; they are written as `_xHHHH_` (tab, LF and CR are fine).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for element content or attribute values, including OOXML escapes for control characters. */
export function escapeXml(s: string): string {
  let t = s;
  // A literal "_x0041_" in user text would be decoded as "A" by readers: protect its underscore.
  if (t.indexOf('_x') >= 0) t = t.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  t = t.replace(XML_INVALID, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return t.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

/** Attributes of a start tag's inner text (`r="A1" s="3"`), names without namespace prefixes kept as written. */
export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null = re.exec(tag);
  while (m) {
    out[m[1]!] = unescapeXml(m[2] ?? m[3] ?? '');
    m = re.exec(tag);
  }
  return out;
}

/** Text of every `<t>` in a string item or inline string, skipping phonetic runs (`<rPh>`). */
export function stringItemText(xml: string): string {
  const body = xml.indexOf('<rPh') >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;
  let m: RegExpExecArray | null = re.exec(body);
  while (m) {
    out += m[1] ?? '';
    m = re.exec(body);
  }
  return unescapeOoxml(unescapeXml(out));
}

/** 0-based column index of a cell reference's letters ('A1' → 0, 'AB7' → 27). */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Column letters of a 0-based index (0 → 'A', 27 → 'AB'). */
export function columnLetters(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
