// JSON calls from the hypothesis and scenario pages, with the API's error body read back.

export interface ApiIssue {
  path: string;
  message: string;
}

export type ApiResult = { ok: true; body: Record<string, unknown> | null } | { ok: false; message: string; issues: ApiIssue[] };

export async function sendJson(url: string, method: 'POST' | 'PATCH' | 'DELETE' | 'GET', body?: unknown): Promise<ApiResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error), issues: [] };
  }
  const reply = (await response.json().catch(() => null)) as (Record<string, unknown> & { error?: { message?: string; issues?: ApiIssue[] } }) | null;
  if (response.ok) return { ok: true, body: reply };
  return { ok: false, message: reply?.error?.message ?? `HTTP ${response.status}`, issues: reply?.error?.issues ?? [] };
}

/** "message — path: problem; path: problem" for a status line. */
export function describeProblem(result: { message: string; issues: ApiIssue[] }): string {
  const details = result.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return details ? `${result.message} — ${details}` : result.message;
}
