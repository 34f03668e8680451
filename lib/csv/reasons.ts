// Why a record was rejected: a code (for translation in the UI), its parameters, and the English message
// the API returns. One place for every wording.

type Params = Record<string, string | number>;

const MESSAGES = {
  ragged: (p: { expected: number; found: number }) => `expected ${p.expected} fields, found ${p.found} (a missing or extra delimiter?)`,
  unclosedQuote: () => 'unclosed quote: the quoted field runs to the end of the file',
  badQuote: () => 'a quote inside a quoted field must be doubled ("")',
  recordTooLong: (p: { limit: number }) => `the record is longer than ${p.limit.toLocaleString('en')} characters: probably an unclosed quote`,
  duplicate: (p: { id: string; first: number }) => `duplicate id "${p.id}": the file already has it on line ${p.first}`,
  notJson: () => 'not valid JSON',
  required: () => 'a value is required',
  notNumber: () => 'not a number',
  notInteger: () => 'not a whole number',
  notDate: () => 'not a real date: use YYYY-MM-DD',
  textTooLong: (p: { max: number }) => `longer than ${p.max} characters`,
  tooMany: (p: { max: number }) => `more than ${p.max} entries`,
  min: (p: { min: number }) => `must be at least ${p.min}`,
  max: (p: { max: number }) => `must be at most ${p.max}`,
  oneOf: (p: { values: string }) => `must be one of: ${p.values}`,
  invalid: (p: { detail: string }) => p.detail,
  exists: (p: { id: string }) => `a row with id "${p.id}" already exists (mode=insert)`,
  noRow: (p: { target: string; id: string }) => `no ${p.target} with id "${p.id}"`,
  noRowYet: (p: { target: string; id: string }) => `no ${p.target} with id "${p.id}" (a row the file defines must come before the rows that point at it)`,
  selfRef: () => "must differ from the row's own id",
  ambiguous: (p: { name: string; ids: string }) => `"${p.name}" is the name of several companies (${p.ids}): use the id`,
  noCompany: (p: { name: string }) => `no company with id or name "${p.name}"`,
  badName: (p: { name: string }) => `"${p.name}" cannot be a company name`,
} as const;

export type ReasonCode = keyof typeof MESSAGES;
export const REASON_CODES = Object.keys(MESSAGES) as ReasonCode[];

export interface Reason {
  code: ReasonCode;
  params?: Params;
  message: string;
}

export function reason<C extends ReasonCode>(code: C, ...params: Parameters<(typeof MESSAGES)[C]>): Reason {
  const make = MESSAGES[code] as (p?: Params) => string;
  const given = params[0] as Params | undefined;
  return { code, ...(given ? { params: given } : {}), message: make(given) };
}
