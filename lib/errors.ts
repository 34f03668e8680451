/** The one error type the API turns into responses (see app/api/_lib/respond.ts). */
export interface ErrorIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: { param?: string; issues?: ErrorIssue[] } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody() {
    return { error: { message: this.message, ...this.details } };
  }
}

export const badRequest = (message: string, param?: string) => new ApiError(400, message, param ? { param } : {});
export const notFound = (message = 'not found') => new ApiError(404, message);
export const unprocessable = (message: string, issues: ErrorIssue[]) => new ApiError(422, message, { issues });
