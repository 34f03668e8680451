// Call real route handlers with real Request objects.
type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export async function call<P, T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  handler: Handler<P>,
  url: string,
  params: P,
  init: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  const request = new Request(new URL(url, 'http://localhost:3000'), { method: init.method ?? 'GET', body, headers });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, body: parsed as T, headers: response.headers, text };
}
