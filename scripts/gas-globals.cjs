// Generates the top-level Apps Script function stubs for the entry file's exports, keeping each one's
// JSDoc and parameter names. Why: esbuild drops comments and hides everything inside its IIFE, while
// Apps Script finds triggers, menu handlers and @customfunction by top-level declarations.

/** Index of the parenthesis closing the one at `open`. */
function closeParen(src, open) {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '(') depth++;
    else if (src[i] === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits a TypeScript parameter list at top-level commas and keeps each parameter's name. */
function paramNames(list) {
  const names = [];
  let depth = 0;
  let cur = '';
  for (const ch of list) {
    if ('([{<'.includes(ch)) depth++;
    if (')]}>'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      names.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) names.push(cur);
  return names
    .map((p) => /^\s*(?:\.\.\.)?([A-Za-z_$][\w$]*)/.exec(p))
    .filter(Boolean)
    .map((m) => m[1]);
}

/**
 * Finds `export function NAME(...)` declarations in the entry source.
 * @returns {{name: string, params: string[], jsdoc: string}[]}
 */
function findExportedFunctions(source) {
  const out = [];
  const re = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?export\s+(?:async\s+)?function\s+([A-Za-z_$][\w$]*)\s*\(/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const open = m.index + m[0].length - 1;
    const close = closeParen(source, open);
    out.push({ name: m[2], params: paramNames(source.slice(open + 1, close)), jsdoc: (m[1] || '').trim() });
  }
  return out;
}

/**
 * Builds the stubs for `exports` (names from esbuild's metafile). Throws when an export is not a
 * plain `export function` in the entry file, since it would lose its JSDoc and parameters.
 */
function generateStubs(source, exports, globalName) {
  const found = new Map(findExportedFunctions(source).map((f) => [f.name, f]));
  const missing = exports.filter((name) => !found.has(name));
  if (missing.length > 0) {
    throw new Error(`entry exports that are not 'export function' declarations: ${missing.join(', ')}`);
  }
  return exports
    .map((name) => {
      const f = found.get(name);
      const doc = f.jsdoc ? `${f.jsdoc}\n` : '';
      return `${doc}function ${name}(${f.params.join(', ')}) {\n  return ${globalName}.${name}.apply(this, arguments);\n}\n`;
    })
    .join('\n');
}

module.exports = { findExportedFunctions, generateStubs, paramNames };
