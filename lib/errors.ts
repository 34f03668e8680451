/** The one error type the API turns into responses (see app/api/_lib/respond.ts). */
export interface ErrorIssue {
  path: string;
  message: string;
}

/** Machine-readable kinds of error, sent as `error.code` beside the human `message` (docs/API.md, "Errors"). */
export type ErrorCode =
  | 'invalid_param' // a URL parameter (or a named body field) is unknown or malformed
  | 'invalid_body' // the body cannot be read (malformed JSON, undecodable CSV) or fails validation
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone' // a revoked or expired share link
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal'
  | 'unavailable'; // the database cannot be reached (health check)

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'gone',
  413: 'too_large',
  415: 'unsupported_media_type',
  422: 'invalid_body',
  429: 'rate_limited',
};

export function errorCodeFor(status: number, param?: string): ErrorCode {
  if (status === 400) return param ? 'invalid_param' : 'invalid_body';
  return CODE_OF_STATUS[status] ?? (status >= 500 ? 'internal' : 'invalid_body');
}

export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(
    readonly status: number,
    message: string,
    readonly details: { param?: string; issues?: ErrorIssue[]; code?: ErrorCode } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = details.code ?? errorCodeFor(status, details.param);
  }

  toBody() {
    const { code: _code, ...details } = this.details;
    return { error: { code: this.code, message: this.message, ...details } };
  }
}

export const badRequest = (message: string, param?: string) => new ApiError(400, message, param ? { param } : {});
export const notFound = (message = 'not found') => new ApiError(404, message);
export const unprocessable = (message: string, issues: ErrorIssue[]) => new ApiError(422, message, { issues });
