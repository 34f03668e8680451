import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import Papa from 'papaparse';
import { migrateToLatest, openAtlas } from '../db/connection';
import { addTouchedRounds } from '../db/kept-analysis';
import { KEPT_FOR_INVESTMENTS } from '../db/kept-counts';
import { compactSearchIndexes } from '../db/search';
import { getCollection, linkTableOf } from '../lib/collections';

// A synthetic market for the benchmarks, in issue 16's data shape: N companies (a tenth of them investors, plus
// OpenAI and its fund; the Chinese ones with a Chinese name too) and M rounds with one to three participants each
// (a lead in 60% of the rounds), dated 2015–2025, 5% without an amount, written straight into a migrated SQLite
// file. Some values are common and some rare on purpose, so that the list benchmark (bench/lists.ts) has a facet
// value matching about a fifth of the rows and one matching about a thousandth: a fifth of the rounds are seed
// rounds and a thousandth IPOs; about a fifth of the companies are in the foundation layer and a thousandth in SG.

const LAYERS = ['foundation', 'infrastructure', 'application', null];
const MODALITIES = ['text', 'image', 'video', 'audio', 'code', 'multimodal'];
const COUNTRIES = ['US', 'CN', 'GB', 'FR', 'CA', 'DE', 'IL', 'KR'];
/** A country about a thousandth of the companies are in. */
export const RARE_COUNTRY = 'SG';
/** Round types and their shares of the rounds: seed about a fifth, IPOs about a thousandth. */
const ROUNDS: [string, number][] = [
  ['seed', 0.2],
  ['series_a', 0.2],
  ['series_b', 0.15],
  ['series_c', 0.1],
  ['series_d', 0.05],
  ['strategic', 0.15],
  ['ipo', 0.001],
  ['other', 0.149],
];
const CONFIDENCE = ['verified', 'reported', 'estimate'];
const ZH_FIRST = [...'智百月零深华商云天星光海风山远新金长青蓝'];
const ZH_SECOND = [...'谱度之一思为汤启河辰合数联图语视算元极力'];

/** Bump when the data a size gives changes, so that files of an earlier generation are built again. */
const GENERATION = 4;

/**
 * The Chinese name of a company in China: 400 two-character brands from the index (so that the random sequence,
 * and every other value, stays as it was), then 科技 and the index: 智谱科技 names about 1 Chinese company in 400.
 */
export const companyNameZh = (i: number) => `${ZH_FIRST[i % 20]}${ZH_SECOND[Math.floor(i / 20) % 20]}科技${i}`;

export function seededRandom(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export interface DatasetSize {
  companies: number;
  rounds: number;
}

export const companyId = (i: number) => `c-${String(i).padStart(6, '0')}`;

/**
 * The exchange rates of data/fx-rates.csv (the generated rounds are all in US dollars: the rates serve
 * `currency=` only), written once into a file that has none.
 */
function loadRates(file: string): void {
  const db = new BetterSqlite3(file);
  try {
    if ((db.prepare('select count(*) as n from fx_rates').get() as { n: number }).n > 0) return;
    const text = fs.readFileSync(path.resolve('data/fx-rates.csv'), 'utf8');
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' }).data;
    const insert = db.prepare('insert into fx_rates (id, currency_code, year, rate, quote, source_url, confidence, notes, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const now = '2026-01-01T00:00:00.000Z';
    db.transaction(() => {
      for (const r of rows) insert.run(r.id, r.currency_code, Number(r.year), Number(r.rate), r.quote, r.source_url || null, r.confidence || null, r.notes || null, now, now);
    })();
  } finally {
    db.close();
  }
}

/** Bring a reused file up to the current migrations (new indexes are built here, not in the app's first request). */
async function migrateReused(file: string): Promise<void> {
  const applied = () => {
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      return (db.prepare('select count(*) as n from kysely_migration').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const before = applied();
  const atlas = openAtlas(file);
  await migrateToLatest(atlas.db);
  await atlas.db.destroy();
  loadRates(file);
  if (applied() === before) return;
  const db = new BetterSqlite3(file);
  db.exec('analyze');
  db.close();
}

/** Build (or reuse, when the file already has this size) the benchmark database. */
export async function ensureDataset(file: string, size: DatasetSize): Promise<void> {
  const marker = `${file}.size.json`;
  const made = JSON.stringify({ ...size, generation: GENERATION });
  if (fs.existsSync(file) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === made) return migrateReused(file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '.size.json']) fs.rmSync(file + suffix, { force: true });
  const atlas = openAtlas(file);
  await migrateToLatest(atlas.db);
  await atlas.db.destroy();

  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -512000');
  // Loaded as the app's bulk writes load (docs/decisions/030-import-write-path.md): counting triggers off, the
  // participants' copies written with them, the indexes built once the rows are in, the counts from the rows.
  db.exec('insert into bulk_writes (id) values (1)');
  const indexes = db.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and sql not like 'create unique%'
      and tbl_name in ('companies', 'investments', ?)`).all(linkTableOf(getCollection('investments'), 'investors').table) as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`drop index "${index.name}"`);
  const random = seededRandom(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const weighted = (list: readonly [string, number][]) => {
    let r = random();
    for (const [value, share] of list) if ((r -= share) < 0) return value;
    return list[list.length - 1][0];
  };
  const now = '2026-01-01T00:00:00.000Z';
  const investors = Math.max(2, Math.floor(size.companies / 10));

  const insertCompany = db.prepare(
    `insert into companies (id, name, name_zh, kind, country, region, layer, modality, founded_year, parent_id, confidence, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRound = db.prepare(
    `insert into investments (id, company_id, round_type, announced_on, date_precision, amount_usd, amount_usd_basis, post_money_usd, instrument, notes, confidence, created_at, updated_at)
     values (?, ?, ?, ?, 'day', ?, ?, ?, 'equity', ?, ?, ?, ?)`,
  );
  const link = linkTableOf(getCollection('investments'), 'investors');
  const insertParticipant = db.prepare(`insert or ignore into ${link.table} (${link.from}, ${link.to}, is_lead, round_type, announced_on) values (?, ?, ?, ?, ?)`);

  db.transaction(() => {
    insertCompany.run('openai', 'OpenAI', null, 'builder', 'US', 'overseas', 'foundation', 'multimodal', 2015, null, 'verified', now, now);
    insertCompany.run('openai-startup-fund', 'OpenAI Startup Fund', null, 'investor', 'US', 'overseas', null, null, 2021, 'openai', 'verified', now, now);
    for (let i = 0; i < size.companies; i++) {
      const country = random() < 0.001 ? RARE_COUNTRY : pick(COUNTRIES);
      const investor = i < investors;
      insertCompany.run(companyId(i), `Company ${i}`, country === 'CN' ? companyNameZh(i) : null, investor ? 'investor' : 'builder', country, country === 'CN' ? 'china' : 'overseas', investor ? null : pick(LAYERS), investor ? null : pick(MODALITIES), 1990 + Math.floor(random() * 35), null, pick(CONFIDENCE), now, now);
    }
  })();

  const batch = 50_000;
  for (let start = 0; start < size.rounds; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(size.rounds, start + batch); i++) {
        const id = `r-${String(i).padStart(7, '0')}`;
        const amount = random() < 0.05 ? null : Math.floor(random() * 5e8) + 100_000;
        const date = `${2015 + Math.floor(random() * 11)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
        const company = companyId(investors + Math.floor(random() * (size.companies - investors)));
        const round = weighted(ROUNDS);
        insertRound.run(id, company, round, date, amount, amount ? 'reported' : null, amount && random() < 0.3 ? amount * 8 : null, random() < 0.1 ? `Round ${i} note` : null, pick(CONFIDENCE), now, now);
        const count = 1 + Math.floor(random() * 3);
        const led = random() < 0.6;
        for (let k = 0; k < count; k++) insertParticipant.run(id, random() < 0.005 ? 'openai-startup-fund' : companyId(Math.floor(random() * investors)), led && k === 0 ? 1 : 0, round, date);
      }
    })();
  }
  for (const index of indexes) db.exec(index.sql);
  db.exec('delete from investment_facet_counts; delete from investor_round_counts');
  for (const column of KEPT_FOR_INVESTMENTS) {
    db.exec(`insert into investment_facet_counts (column_id, value, rounds) select '${column}', coalesce(${column}, ''), count(*) from investments group by coalesce(${column}, '')`);
  }
  db.exec(`insert into investor_round_counts (investor_id, rounds) select ${link.to}, count(*) from ${link.table} group by ${link.to}`);
  db.exec('delete from bulk_writes');
  db.close();
  loadRates(file);
  // As the app's import leaves them: the analysis counts of the rounds written added (decision 029), the search
  // indexes compacted.
  const written = openAtlas(file);
  await written.db.transaction().execute((trx) => addTouchedRounds(trx));
  await compactSearchIndexes(written.db, 'sqlite');
  await written.db.destroy();
  const analysed = new BetterSqlite3(file);
  analysed.exec('analyze');
  analysed.close();
  fs.writeFileSync(marker, made);
}
