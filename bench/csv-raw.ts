import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import Papa from 'papaparse';
import pg from 'pg';
import { investments } from '../lib/collections/investments';
import { MONEY_COLUMNS, STORED_COLUMNS } from './csv-data';
import { clock, runChild, type Measured } from './csv-measure';
import { copyInto } from './pg-copy';

// The bare limit of the CSV benchmark (issue 16), run in a child process by bench/csv.ts: the same CSV streamed
// through papaparse and written by the raw driver into plain tables with primary keys only — no other index, no
// trigger, no change log, no validation — in one transaction: SQLite a prepared INSERT, PostgreSQL COPY FROM
// STDIN. The plain tables hold the same rounds and participants the app's database holds before its import.
// Nothing of the app is loaded here.

const ROUND_COLUMNS = [...STORED_COLUMNS, 'created_at', 'updated_at'];
// The participants' table and its columns, as the registry declares them (the baseline loads nothing else of the
// app: only this collection's declaration).
const link = investments.columns.find((c) => c.id === 'investors')?.relation?.link;
if (!link) throw new Error('investments.investors declares no link table');
const LINKS = link.table;
const LINK_COLUMNS = [link.from, link.to, 'is_lead'];

function plainTables(money: string): string[] {
  const type = (c: string) => (MONEY_COLUMNS.has(c) ? money : 'text');
  return [
    `create table investments (${ROUND_COLUMNS.map((c) => `${c} ${type(c)}${c === 'id' ? ' primary key' : ''}`).join(', ')})`,
    `create table ${LINKS} (${LINK_COLUMNS[0]} text, ${LINK_COLUMNS[1]} text, is_lead integer, primary key (${LINK_COLUMNS[0]}, ${LINK_COLUMNS[1]}))`,
  ];
}

/** A SQLite file of plain tables holding the rounds and participants of the app's database `source`. */
export function prepareBareSqlite(source: string, file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  for (const statement of plainTables('integer')) db.exec(statement);
  db.prepare('attach database ? as app').run(source);
  db.exec(`insert into investments select ${ROUND_COLUMNS.join(', ')} from app.investments order by id`);
  db.exec(`insert into ${LINKS} select ${LINK_COLUMNS.join(', ')} from app.${LINKS} order by ${LINK_COLUMNS[0]}, ${LINK_COLUMNS[1]}`);
  db.exec('detach database app');
  db.close();
}

/** A PostgreSQL schema of plain tables holding the rounds and participants of the app's schema `source`. */
export async function prepareBarePg(url: string, source: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.query(`create schema ${schema}`);
    await client.query(`set search_path = ${schema}`);
    for (const statement of plainTables('bigint')) await client.query(statement);
    await client.query(`insert into investments select ${ROUND_COLUMNS.join(', ')} from ${source}.investments`);
    await client.query(`insert into ${LINKS} select ${LINK_COLUMNS.join(', ')} from ${source}.${LINKS}`);
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

interface ParsedRound {
  values: unknown[];
  links: [string, string, number][];
}

/** Stream the file through papaparse, handing each data row (cells as written; '' as null) to `take`, which may pause. */
function streamRounds(csvFile: string, take: (round: ParsedRound) => void | Promise<void>): Promise<number> {
  let rows = 0;
  let index: Map<string, number> | null = null;
  return new Promise<number>((resolve, reject) => {
    Papa.parse<string[]>(fs.createReadStream(csvFile, { encoding: 'utf8' }), {
      skipEmptyLines: true,
      chunk(result, parser) {
        const pending: Promise<void>[] = [];
        for (const cells of result.data) {
          if (!index) {
            index = new Map(cells.map((c, i) => [c, i]));
            continue;
          }
          const at = index;
          const now = new Date().toISOString();
          const values = STORED_COLUMNS.map((c) => {
            const cell = cells[at.get(c) as number];
            return cell === '' ? null : MONEY_COLUMNS.has(c) ? Number(cell) : cell;
          });
          values.push(now, now);
          const leads = cells[at.get('lead_investors') as number].split(';').filter(Boolean);
          const all = new Set([...leads, ...cells[at.get('investors') as number].split(';').filter(Boolean)]);
          const links = [...all].map((id): [string, string, number] => [cells[0], id, leads.includes(id) ? 1 : 0]);
          const waited = take({ values, links });
          if (waited) pending.push(waited);
          rows++;
        }
        if (pending.length) {
          parser.pause();
          Promise.all(pending).then(() => parser.resume(), reject);
        }
      },
      complete: () => resolve(rows),
      error: reject,
    });
  });
}

/** SQLite: prepared INSERTs, one transaction. */
export async function rawImport(dbFile: string, csvFile: string): Promise<Measured> {
  const db = new BetterSqlite3(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insert = db.prepare(`insert into investments (${ROUND_COLUMNS.join(', ')}) values (${ROUND_COLUMNS.map(() => '?').join(', ')})`);
  const linkInsert = db.prepare(`insert into ${LINKS} (${LINK_COLUMNS.join(', ')}) values (?, ?, ?)`);
  const elapsed = clock();
  db.exec('begin');
  const rows = await streamRounds(csvFile, ({ values, links }) => {
    insert.run(...values);
    for (const l of links) linkInsert.run(...l);
  });
  db.exec('commit');
  const time = elapsed();
  db.close();
  return { rows, ...time };
}

/** PostgreSQL: COPY FROM STDIN of the rounds as they are parsed, then of their participants, one transaction. */
export async function rawImportPg(url: string, csvFile: string): Promise<Measured> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const elapsed = clock();
  await client.query('begin');
  const rounds = copyInto(client, 'investments', ROUND_COLUMNS);
  // One connection runs one COPY at a time: the participants wait in memory for the second.
  const links: [string, string, number][] = [];
  let sinceDrain = 0;
  const rows = await streamRounds(csvFile, (round) => {
    rounds.push(round.values);
    for (const l of round.links) links.push(l);
    if (++sinceDrain >= 2000) {
      sinceDrain = 0;
      return rounds.drain();
    }
  });
  await rounds.end();
  const participants = copyInto(client, LINKS, LINK_COLUMNS);
  for (const l of links) await participants.row(l);
  await participants.end();
  await client.query('commit');
  const time = elapsed();
  await client.end();
  return { rows, ...time };
}

type Link = { owner: string; linked: string; is_lead: number };
type ExportSource = { rounds: () => Promise<Record<string, unknown>[]>; links: () => Promise<Iterable<Link>> };

/** One select of every round, one of every participant, joined in memory, Papa.unparse of the lot. */
async function unparseAll(source: ExportSource, outFile: string): Promise<Measured> {
  const rounds = await source.rounds();
  const lists = new Map<string, { leads: string[]; all: string[] }>();
  for (const p of await source.links()) {
    let list = lists.get(p.owner);
    if (!list) lists.set(p.owner, (list = { leads: [], all: [] }));
    if (Number(p.is_lead) === 1) list.leads.push(p.linked);
    list.all.push(p.linked);
  }
  const columns = [...Object.keys(rounds[0] ?? {}), 'lead_investors', 'investors'];
  const data = rounds.map((r) => {
    const list = lists.get(String(r.id));
    return columns.map((c) => (c === 'lead_investors' ? list?.leads.join(';') : c === 'investors' ? list?.all.join(';') : r[c]) ?? '');
  });
  const text = `\ufeff${Papa.unparse({ fields: columns, data }, { newline: '\r\n' })}\r\n`;
  fs.writeFileSync(outFile, text);
  return { rows: rounds.length, ms: 0, cpuMs: 0, bytes: Buffer.byteLength(text) };
}

/** SQLite: raw select + papaparse unparse (the baseline of the export target). */
export async function rawExport(dbFile: string, outFile: string): Promise<Measured> {
  const db = new BetterSqlite3(dbFile, { readonly: true });
  const elapsed = clock();
  const measured = await unparseAll(
    {
      rounds: async () => db.prepare('select * from investments order by announced_on desc nulls last, id asc').all() as Record<string, unknown>[],
      links: async () => db.prepare(`select ${LINK_COLUMNS[0]} as owner, ${LINK_COLUMNS[1]} as linked, is_lead from ${LINKS}`).iterate() as Iterable<Link>,
    },
    outFile,
  );
  const time = elapsed();
  db.close();
  return { ...measured, ...time };
}

/** PostgreSQL: the same, through pg. */
export async function rawExportPg(url: string, outFile: string): Promise<Measured> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const elapsed = clock();
  const measured = await unparseAll(
    {
      rounds: async () => (await client.query('select * from investments order by announced_on desc nulls last, id asc')).rows,
      links: async () => (await client.query(`select ${LINK_COLUMNS[0]} as owner, ${LINK_COLUMNS[1]} as linked, is_lead from ${LINKS}`)).rows as Link[],
    },
    outFile,
  );
  const time = elapsed();
  await client.end();
  return { ...measured, ...time };
}

if (require.main === module) runChild({ rawImport, rawImportPg, rawExport, rawExportPg });
