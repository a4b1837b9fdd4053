/**
 * Bounds on a profile's size and text, checked before anything is built from
 * it: a profile is a small hand-written file, so anything far larger is a
 * mistake or an attack, and is refused before it can cost memory or time.
 */

/** Largest profile file read (the built-in office tower is about 4 KB). */
export const MAX_PROFILE_BYTES = 1024 * 1024;
/** YAML aliases expanded at most this many times (a "billion laughs" document expands exponentially). */
export const MAX_YAML_ALIASES = 100;
/** Longest string value or key: names and descriptions, not documents. */
export const MAX_PROFILE_STRING = 1024;

/** Control characters other than tab and newline (NUL, ESC, DEL, C1): they break Zinc, CSV and SQL text downstream. */
const CONTROL_CHAR = /(?![\t\n])\p{Cc}/u;

/** Every string value and key of the parsed YAML that is too long or holds a control character. */
export function checkProfileText(value: unknown, add: (pathParts: (string | number)[], message: string) => void): void {
  walk(value, [], add);
}

function walk(value: unknown, at: (string | number)[], add: (pathParts: (string | number)[], message: string) => void): void {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) add(at, problem);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, [...at, i], add));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) add(at, `a key: ${problem}`);
      else walk(item, [...at, key], add);
    }
  }
}

function textProblem(text: string): string | undefined {
  if (text.length > MAX_PROFILE_STRING) return `text of ${text.length} characters; at most ${MAX_PROFILE_STRING} are allowed`;
  const control = CONTROL_CHAR.exec(text);
  if (control)
    return `control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} in text; only printable characters, tabs and newlines are allowed`;
  return undefined;
}
