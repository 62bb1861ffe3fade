// Python source text for the exported scripts: number, string, list and dict literals that read back to exactly the
// values of the session (doubles printed shortest round-trip, as Python's repr does), and comment blocks. Pure.

/** A float literal: shortest round-trip digits, always with a decimal point or exponent (so Python reads a float). */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'float("nan")';
  if (!Number.isFinite(x)) return x > 0 ? 'float("inf")' : 'float("-inf")';
  if (Object.is(x, -0)) return '0.0';
  const s = String(x);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** An int literal (throws for a non-integer: a bug in the generator, never user data). */
export function pyInt(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return String(n);
}

/** A str literal. JSON's escapes (\" \\ \n \uXXXX) mean the same in Python; non-ASCII stays readable. */
export function pyStr(s: string): string {
  return JSON.stringify(s).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

export type PyValue = number | string | boolean | null | PyValue[] | { [k: string]: PyValue };

/** A literal of nested lists/dicts; numbers as floats unless listed in `ints`. */
export function pyLiteral(x: PyValue): string {
  if (x === null) return 'None';
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  if (typeof x === 'number') return pyFloat(x);
  if (typeof x === 'string') return pyStr(x);
  if (Array.isArray(x)) return `[${x.map(pyLiteral).join(', ')}]`;
  return `{${Object.entries(x).map(([k, v]) => `${pyStr(k)}: ${pyLiteral(v)}`).join(', ')}}`;
}

/** Text as one line fit for a comment or a plot title (line breaks and control characters become spaces). */
export function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/** A comment block: each paragraph wrapped at `width` columns, "# " in front; "" gives an empty comment line. */
export function commentBlock(paragraphs: readonly string[], width = 100, indent = ''): string {
  const out: string[] = [];
  for (const para of paragraphs) {
    if (para === '') { out.push(`${indent}#`); continue; }
    // A leading "- " makes a bullet: continuation lines are indented under its text.
    const bullet = /^(\s*- )/.exec(para)?.[1] ?? '';
    const words = oneLine(para.slice(bullet.length)).split(/\s+/).filter(Boolean);
    let line = bullet;
    let empty = true;
    const hang = ' '.repeat(bullet.length);
    for (const w of words) {
      if (!empty && (indent + '# ' + line + ' ' + w).length > width) {
        out.push(`${indent}# ${line}`.trimEnd());
        line = hang + w;
      } else {
        line = empty ? line + w : `${line} ${w}`;
      }
      empty = false;
    }
    out.push(`${indent}# ${line}`.trimEnd());
  }
  return out.join('\n');
}
