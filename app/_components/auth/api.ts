// The auth pages' one way to call the API from the browser: JSON in, JSON out, an error message on failure.

export interface Sent<T> {
  ok: boolean;
  status: number;
  data: T | null;
  /** The API's error message (or `HTTP <status>`) when not ok. */
  message: string;
  retryAfter: number | null;
}

export async function send<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<Sent<T>> {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const parsed = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
    const retry = Number(response.headers.get('retry-after'));
    return {
      ok: response.ok,
      status: response.status,
      data: response.ok ? parsed : null,
      message: response.ok ? '' : (parsed?.error?.message ?? `HTTP ${response.status}`),
      retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null,
    };
  } catch (error) {
    return { ok: false, status: 0, data: null, message: error instanceof Error ? error.message : String(error), retryAfter: null };
  }
}
