// Documentation is tested for completeness (as Datasette does): every API route is in docs/API.md and
// every script the README tells people to run exists. A new route without docs fails here, by name.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiRouteFiles } from '../support/routes';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** A path with each parameter written the same way, whatever its name or brackets: /a/{collection}/<id> → /a/{}/{}. */
const shape = (p: string) => p.replace(/\{[^}/]*\}|<[^>/]*>/g, '{}').replace(/\/+$/, '');

/** Every /api/… path the document mentions, without query strings, `.csv` twins or trailing punctuation. */
function documentedPaths(markdown: string): Set<string> {
  const paths = new Set<string>();
  for (const match of markdown.matchAll(/\/api\/[A-Za-z0-9_\-./{}<>]*/g)) {
    const cleaned = match[0].replace(/[.,;:]+$/, '').replace(/\.csv$/, '');
    paths.add(shape(cleaned));
  }
  return paths;
}

describe('docs/API.md', () => {
  const routes = apiRouteFiles().map((r) => r.pattern);
  const documented = documentedPaths(read('docs/API.md'));

  it('finds the API routes', () => {
    expect(routes).toContain('/api/health');
    expect(routes).toContain('/api/v1/{collection}');
  });

  for (const route of routes) {
    it(`documents ${route}`, () => {
      expect(documented.has(shape(route)), `route ${route} is not mentioned in docs/API.md: document it there`).toBe(true);
    });
  }
});

describe('README.md', () => {
  const readme = read('README.md');
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

  it('names the test command and the scripts it mentions all exist in package.json', () => {
    const named = new Set<string>();
    for (const m of readme.matchAll(/\bnpm run ([\w:.-]+)/g)) named.add(m[1]);
    for (const m of readme.matchAll(/\bnpm (start|test)\b/g)) named.add(m[1]);
    expect(named.has('test'), 'README names `npm test`').toBe(true);
    const missing = [...named].filter((name) => !(name in scripts));
    expect(missing, `README names scripts that package.json does not define`).toEqual([]);
  });

  it('links the API reference and the screenshot it shows', () => {
    expect(readme).toContain('docs/API.md');
    for (const m of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
      expect(fs.existsSync(path.join(ROOT, m[1])), `README image ${m[1]}`).toBe(true);
    }
  });
});

/** The README's code layout: the fenced block under "## Code layout", split into one section per top-level folder. */
function layoutSections(readme: string): Map<string, string> {
  const block = /## Code layout[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const sections = new Map<string, string>();
  let current = '';
  for (const line of block.split('\n')) {
    const top = /^(\S+?)\/?\s/.exec(`${line} `);
    if (top && !line.startsWith(' ')) current = top[1].replace(/\/.*/, '');
    sections.set(current, `${sections.get(current) ?? ''}${line}\n`);
  }
  return sections;
}

/** Whether a section names an entry: `name/` for a folder, the file name or a glob like `import*.ts` for a file. */
function names(section: string, entry: fs.Dirent): boolean {
  const tokens = section.split(/[\s,;:()]+/).map((t) => t.replace(/^[`'"]|[`'".]+$/g, ''));
  if (entry.isDirectory()) return tokens.some((t) => t === `${entry.name}/` || t.startsWith(`${entry.name}/`));
  return tokens.some((t) => t === entry.name || (t.includes('*') && new RegExp(`^${t.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`).test(entry.name)));
}

describe('README code layout', () => {
  const sections = layoutSections(read('README.md'));

  for (const top of ['app', 'lib', 'db']) {
    it(`names every folder of ${top}/${top === 'app' ? '' : ' and every file in it'}`, () => {
      const section = sections.get(top) ?? '';
      const entries = fs.readdirSync(path.join(ROOT, top), { withFileTypes: true }).filter((e) => e.isDirectory() || (top !== 'app' && /\.tsx?$/.test(e.name)));
      const missing = entries.filter((e) => !names(section, e)).map((e) => `${top}/${e.name}${e.isDirectory() ? '/' : ''}`);
      expect(missing, 'add these to the code layout in README.md').toEqual([]);
    });
  }

  it('names the root files that run code (middleware.ts)', () => {
    for (const file of ['middleware.ts', 'next.config.js']) {
      if (fs.existsSync(path.join(ROOT, file))) expect(sections.has(file), file).toBe(true);
    }
  });
});

describe('docs/decisions', () => {
  for (const file of fs.readdirSync(path.join(ROOT, 'docs/decisions'))) {
    it(`${file} is a short record (at most 80 lines)`, () => {
      expect(read(`docs/decisions/${file}`).split('\n').length).toBeLessThanOrEqual(80);
    });
  }
});
