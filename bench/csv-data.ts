import fs from 'node:fs';
import Papa from 'papaparse';

// Synthetic data for the CSV benchmark: companies (builders and investors) and a large investments file
// written line by line, with the awkward cells real deal exports have (quotes, commas, line breaks, Chinese).

export const INVESTMENT_COLUMNS = [
  'id', 'company_id', 'round_type', 'announced_on', 'date_precision', 'amount_usd', 'amount_original', 'currency',
  'post_money_usd', 'instrument', 'lead_investors', 'investors', 'notes', 'source_url', 'confidence',
];

const ROUNDS = ['seed', 'series_a', 'series_b', 'series_c', 'strategic', 'other'];
const CONFIDENCE = ['verified', 'reported', 'estimate'];

export function companyRows(builders: number, investors: number): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < builders; i++) rows.push({ id: `builder-${i}`, name: `Builder ${i}`, kind: 'builder', country: i % 3 ? 'US' : 'CN' });
  for (let i = 0; i < investors; i++) rows.push({ id: `investor-${i}`, name: `Investor ${i}`, kind: 'investor', country: 'US' });
  return rows;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function note(i: number): string {
  if (i % 100 === 0) return `Two lines:\nled by "Investor ${i % 97}", with others`;
  if (i % 10 === 0) return `Round ${i}, 红杉中国 participated; "oversubscribed"`;
  if (i % 3 === 0) return `Plain note ${i}`;
  return '';
}

/** One investments CSV row (cells as strings) for row number i. */
export function investmentCells(i: number, random: () => number, builders: number, investors: number): string[] {
  const lead = `investor-${Math.floor(random() * investors)}`;
  const other = `investor-${Math.floor(random() * investors)}`;
  const amount = Math.floor(random() * 5e8) + 1;
  const year = 2015 + Math.floor(random() * 9);
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  return [
    `inv-${String(i).padStart(7, '0')}`, `builder-${Math.floor(random() * builders)}`, ROUNDS[i % ROUNDS.length],
    `${year}-${month}-${day}`, 'day', i % 7 === 0 ? '' : String(amount), i % 5 === 0 ? String(amount * 7.1) : '', i % 5 === 0 ? 'CNY' : '',
    i % 4 === 0 ? String(amount * 10) : '', 'equity', lead, other === lead ? lead : `${lead};${other}`, note(i),
    `https://example.com/deal/${i}`, CONFIDENCE[i % CONFIDENCE.length],
  ];
}

/** Write the investments file with a stream (never the whole file in memory). */
export async function writeInvestmentsCsv(file: string, rows: number, builders: number, investors: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const random = rng(42);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${Papa.unparse([INVESTMENT_COLUMNS], { newline: '\r\n' })}\r\n`);
  for (let start = 0; start < rows; start += 10_000) {
    const chunk: string[][] = [];
    for (let i = start; i < Math.min(rows, start + 10_000); i++) chunk.push(investmentCells(i, random, builders, investors));
    await write(`${Papa.unparse(chunk, { newline: '\r\n' })}\r\n`);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

export function companiesCsv(rows: Record<string, string>[]): string {
  return `${Papa.unparse(rows, { newline: '\r\n' })}\r\n`;
}
