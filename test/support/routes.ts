// Every API route handler (app/api route.ts files and pages/api files), found on disk: the authorisation test walks them all, so a new route
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

/** Every API route: route.ts files under app/api and the API files under pages/api (docs/decisions/009). */
export function apiRouteFiles(): RouteFile[] {
  const found: RouteFile[] = [];
  const walk = (root: string, dir: string, isRoute: (name: string) => boolean) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.name.startsWith('_')) continue; // _private folders and files are not routes
      if (entry.isDirectory()) walk(root, full, isRoute);
      else if (isRoute(entry.name)) {
        const segments = path.relative(root, full).split(path.sep);
        const last = segments.pop()!;
        const page = last.replace(/\.(ts|js)$/, '');
        found.push(routeFile(root.endsWith('app') || page === 'index' ? segments : [...segments, page], full));
      }
    }
  };
  walk(path.join(ROOT, 'app'), path.join(ROOT, 'app', 'api'), (name) => /^route\.(ts|tsx|js)$/.test(name));
  walk(path.join(ROOT, 'pages'), path.join(ROOT, 'pages', 'api'), (name) => /\.(ts|js)$/.test(name));
  return found.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

export type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The HTTP methods a route module exports, with their handlers. */
export async function handlersOf(route: RouteFile): Promise<[string, Handler][]> {
  const module = (await import(route.file)) as Record<string, unknown>;
  return METHODS.filter((m) => typeof module[m] === 'function').map((m) => [m, module[m] as Handler]);
}
