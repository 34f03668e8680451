import fs from 'node:fs';
import { Readable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import Papa from 'papaparse';
import { INVESTMENT_COLUMNS } from './csv-data';

// The four contenders of the CSV benchmark, each run alone in a child process so that its peak RSS is its own:
// the app's import and export through the real route handlers, and the raw papaparse + better-sqlite3 baseline.

export interface Measured {
  rows: number;
  /** Wall time of the measured part. */
  ms: number;
  /** CPU time (user + system) of the measured part: steadier than wall time on a busy machine. */
  cpuMs: number;
  bytes?: number;
}

/** Start a clock; calling the result gives wall and CPU milliseconds since. */
function clock(): () => { ms: number; cpuMs: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
  };
}

const MONEY = new Set(['amount_usd', 'post_money_usd', 'amount_original']);

function openRaw(file: string, readonly = false): BetterSqlite3.Database {
  const db = new BetterSqlite3(file, { readonly });
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
  }
  return db;
}

/** Raw baseline: papaparse streaming the file, prepared better-sqlite3 inserts, one transaction. */
export async function rawImport(dbFile: string, csvFile: string): Promise<Measured> {
  const db = openRaw(dbFile);
  const stored = INVESTMENT_COLUMNS.filter((c) => c !== 'lead_investors' && c !== 'investors');
  const insert = db.prepare(`insert into investments (${stored.join(', ')}, created_at, updated_at) values (${stored.map(() => '?').join(', ')}, ?, ?)`);
  const participant = db.prepare('insert into investment_participants (investment_id, investor_id, is_lead) values (?, ?, ?)');
  const index = new Map(INVESTMENT_COLUMNS.map((c, i) => [c, i]));
  const now = new Date().toISOString();
  let rows = 0;
  const elapsed = clock();
  db.exec('begin');
  await new Promise<void>((resolve, reject) => {
    let header = true;
    Papa.parse<string[]>(fs.createReadStream(csvFile, { encoding: 'utf8' }), {
      skipEmptyLines: true,
      chunk(result) {
        for (const cells of result.data) {
          if (header) {
            header = false;
            continue;
          }
          const values = stored.map((c) => {
            const cell = cells[index.get(c) as number];
            return cell === '' ? null : MONEY.has(c) ? Number(cell) : cell;
          });
          insert.run(...values, now, now);
          const leads = cells[index.get('lead_investors') as number].split(';').filter(Boolean);
          const all = new Set([...leads, ...cells[index.get('investors') as number].split(';').filter(Boolean)]);
          for (const id of all) participant.run(cells[0], id, leads.includes(id) ? 1 : 0);
          rows++;
        }
      },
      complete: () => resolve(),
      error: reject,
    });
  });
  db.exec('commit');
  const time = elapsed();
  db.close();
  return { rows, ...time };
}

/** The app: POST /api/v1/investments/import with the file streamed as the request body. */
export async function atlasImport(dbFile: string, csvFile: string): Promise<Measured> {
  process.env.DATABASE_URL = dbFile;
  process.env.ATLAS_SEED = 'off';
  process.env.ATLAS_MAX_UPLOAD_MB = '10000';
  const { getAtlas, closeAtlas } = await import('../db/connection');
  const route = await import('../app/api/v1/[collection]/import/route');
  await getAtlas();
  const elapsed = clock();
  const body = Readable.toWeb(fs.createReadStream(csvFile)) as ReadableStream<Uint8Array>;
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body, headers: { 'content-type': 'text/csv' }, duplex: 'half' };
  const response = await route.POST(new Request('http://localhost/api/v1/investments/import', init), { params: Promise.resolve({ collection: 'investments' }) });
  const result = (await response.json()) as { inserted?: number; rejectedRows?: number; error?: unknown };
  const time = elapsed();
  await closeAtlas();
  if (response.status !== 200 || result.rejectedRows) throw new Error(`import failed: ${response.status} ${JSON.stringify(result).slice(0, 500)}`);
  return { rows: result.inserted ?? 0, ...time };
}

/** Raw baseline: one select of every round and one of every participant, Papa.unparse of the lot. */
export async function rawExport(dbFile: string, outFile: string): Promise<Measured> {
  const db = openRaw(dbFile, true);
  const elapsed = clock();
  const rounds = db.prepare('select * from investments order by announced_on desc nulls last, id asc').all() as Record<string, unknown>[];
  const lists = new Map<string, { leads: string[]; all: string[] }>();
  for (const p of db.prepare('select investment_id, investor_id, is_lead from investment_participants order by investor_id').iterate() as Iterable<{ investment_id: string; investor_id: string; is_lead: number }>) {
    const list = lists.get(p.investment_id) ?? { leads: [], all: [] };
    if (p.is_lead) list.leads.push(p.investor_id);
    list.all.push(p.investor_id);
    lists.set(p.investment_id, list);
  }
  const columns = [...INVESTMENT_COLUMNS, 'created_at', 'updated_at'];
  const data = rounds.map((r) => columns.map((c) => (c === 'lead_investors' ? lists.get(String(r.id))?.leads.join(';') : c === 'investors' ? lists.get(String(r.id))?.all.join(';') : r[c]) ?? ''));
  const text = Papa.unparse({ fields: columns, data }, { newline: '\r\n' });
  fs.writeFileSync(outFile, text);
  const time = elapsed();
  db.close();
  return { rows: rounds.length, ...time, bytes: Buffer.byteLength(text) };
}

/** The app: GET /api/v1/investments.csv, the streamed body written to a file (rows: counted by the caller). */
export async function atlasExport(dbFile: string, outFile: string): Promise<Measured> {
  process.env.DATABASE_URL = dbFile;
  process.env.ATLAS_SEED = 'off';
  const { getAtlas, closeAtlas } = await import('../db/connection');
  const route = await import('../app/api/v1/[collection]/route');
  await getAtlas();
  const elapsed = clock();
  const response = await route.GET(new Request('http://localhost/api/v1/investments.csv'), { params: Promise.resolve({ collection: 'investments.csv' }) });
  if (!response.body || response.status !== 200) throw new Error(`export failed: ${response.status} ${await response.text()}`);
  const out = fs.createWriteStream(outFile);
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  const time = elapsed();
  await closeAtlas();
  return { rows: 0, ...time, bytes };
}
