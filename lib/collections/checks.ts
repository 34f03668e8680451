// Checks of single values that the browser needs too (URL parsing in the view-state codec): no zod here, so
// that client code importing them does not ship zod. schemas.ts builds the zod schemas on the same checks.

export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const MAX_ID_LENGTH = 120;

export const isValidId = (value: string): boolean => value.length >= 1 && value.length <= MAX_ID_LENGTH && ID_PATTERN.test(value);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * False for a string holding half of a surrogate pair: JSON can spell one (`"\uD800"`), but no text encoding
 * can store it, so the database would keep bytes that read back as other characters.
 */
export const isWellFormed = (s: string) => !LONE_SURROGATE.test(s);

export function isValidIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
