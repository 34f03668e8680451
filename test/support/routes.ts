// Every route handler under app/api, found on disk: the authorisation test walks them all, so a new route
// cannot slip in without a rule.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export interface RouteFile {
  /** URL pattern with {param} placeholders: /api/v1/{collection}/{id}. */
  pattern: string;
  /** Names of the dynamic segments, in order. */
  params: string[];
  file: string;
}

export function apiRouteFiles(dir = path.join(ROOT, 'app', 'api')): RouteFile[] {
  const found: RouteFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('_')) found.push(...apiRouteFiles(full));
    } else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
      const segments = path
        .relative(path.join(ROOT, 'app'), dir)
        .split(path.sep)
        .filter((s) => !/^\(.*\)$/.test(s));
      const params = segments.flatMap((s) => /^\[\[?(?:\.\.\.)?([^\]]+)\]?\]$/.exec(s)?.[1] ?? []);
      const pattern = `/${segments.map((s) => s.replace(/^\[\[?(?:\.\.\.)?([^\]]+)\]?\]$/, '{$1}')).join('/')}`;
      found.push({ pattern, params, file: full });
    }
  }
  return found.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

export type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The HTTP methods a route module exports, with their handlers. */
export async function handlersOf(route: RouteFile): Promise<[string, Handler][]> {
  const module = (await import(route.file)) as Record<string, unknown>;
  return METHODS.filter((m) => typeof module[m] === 'function').map((m) => [m, module[m] as Handler]);
}
