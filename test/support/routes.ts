// Every API route handler (the route.ts files under app/api), found on disk: the authorisation test walks them all, so a new route
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

const PARAM = /^\[\[?(?:\.\.\.)?([^\]]+)\]?\]$/;

function routeFile(segments: string[], file: string): RouteFile {
  const kept = segments.filter((s) => !/^\(.*\)$/.test(s)); // (route groups) do not appear in the URL
  const params = kept.flatMap((s) => PARAM.exec(s)?.[1] ?? []);
  return { pattern: `/${kept.map((s) => s.replace(PARAM, '{$1}')).join('/')}`, params, file };
}

/** Every API route: the route.ts files under app/api. */
export function apiRouteFiles(): RouteFile[] {
  const appDir = path.join(ROOT, 'app');
  const found: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.name.startsWith('_')) continue; // _private folders and files are not routes
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js)$/.test(entry.name)) found.push(routeFile(path.relative(appDir, dir).split(path.sep), full));
    }
  };
  walk(path.join(appDir, 'api'));
  return found.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

export type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The HTTP methods a route module exports, with their handlers. */
export async function handlersOf(route: RouteFile): Promise<[string, Handler][]> {
  const module = (await import(route.file)) as Record<string, unknown>;
  return METHODS.filter((m) => typeof module[m] === 'function').map((m) => [m, module[m] as Handler]);
}
