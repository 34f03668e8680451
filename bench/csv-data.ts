import fs from 'node:fs';
import Papa from 'papaparse';
import { companyId, seededRandom } from './dataset';

// The CSV of issue 16's import target: N new rounds over the companies of the benchmark dataset (bench/dataset.ts:
// the first tenth are investors), 1–3 participants per round (a lead in 60% of rounds), dates 2015–2025, 5%
// undisclosed amounts, participants named by id and in a tenth of cases by English name, notes in English and
// Chinese with the awkward cells real deal exports have (quotes, commas, line breaks). Written line by line.

export const INVESTMENT_COLUMNS = [
  'id', 'company_id', 'round_type', 'announced_on', 'date_precision', 'amount_usd', 'post_money_usd', 'instrument',
  'lead_investors', 'investors', 'notes', 'source_url', 'confidence',
];

/** Columns stored in the investments table as the CSV gives them (the participant lists go to the link table). */
export const STORED_COLUMNS = INVESTMENT_COLUMNS.filter((c) => c !== 'lead_investors' && c !== 'investors');
export const MONEY_COLUMNS = new Set(['amount_usd', 'post_money_usd']);

const ROUNDS = ['pre_seed', 'seed', 'series_a', 'series_b', 'series_c', 'series_d', 'strategic', 'other'];
const CONFIDENCE = ['verified', 'reported', 'estimate'];
const INSTRUMENTS = ['equity', 'equity', 'equity', 'convertible', 'strategic'];
const ZH = ['红杉中国领投,老股东跟投', '智谱科技新一轮融资', '高瓴资本参与;估值翻倍', '腾讯投资与阿里巴巴联合投资'];

/** Investors are the first tenth of the dataset's companies (bench/dataset.ts). */
export const investorCount = (companies: number) => Math.max(2, Math.floor(companies / 10));

/** The id of new round i: sorts after the dataset's `r-…` rounds. */
export const newRoundId = (i: number) => `x-${String(i).padStart(7, '0')}`;

function note(i: number, random: () => number): string {
  const r = random();
  if (r < 0.01) return `Two lines:\nled by "Company ${i % 97}", with others`;
  if (r < 0.06) return `${ZH[i % ZH.length]} (round ${i})`;
  if (r < 0.12) return `Round ${i}, "oversubscribed"; follow-on expected`;
  return '';
}

/** One row of the file, as strings. */
export function roundCells(i: number, random: () => number, companies: number): string[] {
  const investors = investorCount(companies);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const company = companyId(investors + Math.floor(random() * (companies - investors)));
  const count = 1 + Math.floor(random() * 3);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, investors)) chosen.add(Math.floor(random() * investors));
  // A tenth of the participants named by their English name ("Company 17", bench/dataset.ts), the rest by id.
  const tokens = [...chosen].map((n) => (random() < 0.1 ? `Company ${n}` : companyId(n)));
  const lead = random() < 0.6 ? tokens[0] : '';
  const amount = random() < 0.05 ? '' : String(Math.floor(random() * 5e8) + 100_000);
  const postMoney = amount && random() < 0.3 ? String(Number(amount) * 8) : '';
  const date = `${2015 + Math.floor(random() * 11)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  return [
    newRoundId(i), company, pick(ROUNDS), date, 'day', amount, postMoney, pick(INSTRUMENTS),
    lead, tokens.join(';'), note(i, random), `https://example.com/deal/${i}`, pick(CONFIDENCE),
  ];
}

/** Write the file with a stream (never the whole file in memory). */
export async function writeRoundsCsv(file: string, rows: number, companies: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const random = seededRandom(16);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${Papa.unparse([INVESTMENT_COLUMNS], { newline: '\r\n' })}\r\n`);
  for (let start = 0; start < rows; start += 10_000) {
    const chunk: string[][] = [];
    for (let i = start; i < Math.min(rows, start + 10_000); i++) chunk.push(roundCells(i, random, companies));
    await write(`${Papa.unparse(chunk, { newline: '\r\n' })}\r\n`);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
