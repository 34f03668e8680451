import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../collections';
import type { SeedInput } from './check';

/** The source report, beside the clone: /work/shared ↔ /work/main here, shared/ ↔ the checkout in CI. */
export const REPORT_RELATIVE_PATH = '../shared/seeds/000_af8c5df4f2525c29.txt';

/** Read data/*.csv and the source report under a repository root, for checkSeedData. */
export function readSeedInput(root: string): SeedInput {
  const csv: Record<string, string> = {};
  for (const collection of COLLECTIONS) {
    const file = path.join(root, 'data', `${collection.id}.csv`);
    if (fs.existsSync(file)) csv[collection.id] = fs.readFileSync(file, 'utf8');
  }
  const reportFile = path.resolve(root, REPORT_RELATIVE_PATH);
  return { csv, report: fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : null };
}
