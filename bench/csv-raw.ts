import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import Papa from 'papaparse';
import { investments } from '../lib/collections/investments';
import { INVESTMENT_COLUMNS } from './csv-data';
import { clock, runChild, type Measured } from './csv-measure';

// The raw baseline of the CSV benchmark, run in a child process by bench/csv.ts: papaparse and better-sqlite3
// with nothing of the app in between (no validation, no change log).

const MONEY = new Set(['amount_usd', 'post_money_usd', 'amount_original']);

// The participants' table and its columns, as the registry declares them (the baseline loads nothing else of
// the app: only this collection's declaration).
const link = investments.columns.find((c) => c.id === 'investors')?.relation?.link;
if (!link) throw new Error('investments.investors declares no link table');
const { table: LINKS, from: OWNER, to: LINKED } = link;
const LEAD = 'is_lead';

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
  const participant = db.prepare(`insert into ${LINKS} (${OWNER}, ${LINKED}, ${LEAD}) values (?, ?, ?)`);
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

/** Raw baseline: one select of every round and one of every participant, Papa.unparse of the lot. */
export async function rawExport(dbFile: string, outFile: string): Promise<Measured> {
  const db = openRaw(dbFile, true);
  const elapsed = clock();
  const rounds = db.prepare('select * from investments order by announced_on desc nulls last, id asc').all() as Record<string, unknown>[];
  const lists = new Map<string, { leads: string[]; all: string[] }>();
  const participants = db.prepare(`select ${OWNER} as investment_id, ${LINKED} as investor_id, ${LEAD} as is_lead from ${LINKS} order by ${LINKED}`);
  for (const p of participants.iterate() as Iterable<{ investment_id: string; investor_id: string; is_lead: number }>) {
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

/**
 * A second raw reference, streamed like the app: one select with the participant lists joined in, iterated,
 * `Papa.unparse` per 1,000 rows, written with back-pressure. Printed for comparison only; the issue's
 * baseline is rawExport above.
 */
export async function rawExportStreamed(dbFile: string, outFile: string): Promise<Measured> {
  const db = openRaw(dbFile, true);
  const elapsed = clock();
  const list = (lead: string) => `(select group_concat(p.${LINKED}, ';') from ${LINKS} p where p.${OWNER} = i.id${lead})`;
  const stored = INVESTMENT_COLUMNS.filter((c) => c !== 'lead_investors' && c !== 'investors');
  const select = [...stored.map((c) => `i.${c}`), `${list(` and p.${LEAD} = 1`)} as lead_investors`, `${list('')} as investors`, 'i.created_at', 'i.updated_at'];
  const columns = [...INVESTMENT_COLUMNS, 'created_at', 'updated_at'];
  const rows = db.prepare(`select ${select.join(', ')} from investments i order by i.announced_on desc nulls last, i.id asc`).raw().iterate() as Iterable<unknown[]>;
  const index = columns.map((c) => select.findIndex((s) => s === `i.${c}` || s.endsWith(` as ${c}`)));
  const out = fs.createWriteStream(outFile);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  let count = 0;
  let bytes = 0;
  let chunk: unknown[][] = [];
  const flush = async () => {
    const text = `${Papa.unparse(chunk, { newline: '\r\n' })}\r\n`;
    bytes += Buffer.byteLength(text);
    chunk = [];
    await write(text);
  };
  const header = `${Papa.unparse([columns], { newline: '\r\n' })}\r\n`;
  bytes += Buffer.byteLength(header);
  await write(header);
  for (const row of rows) {
    chunk.push(index.map((i) => row[i] ?? ''));
    count++;
    if (chunk.length === 1000) await flush();
  }
  if (chunk.length) await flush();
  await new Promise<void>((r) => out.end(() => r()));
  const time = elapsed();
  db.close();
  return { rows: count, ...time, bytes };
}

if (require.main === module) runChild({ rawImport, rawExport, rawExportStreamed });
