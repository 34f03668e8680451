// npm run bench — every benchmark, each printed side by side with the raw driver on the same data.
// Sizes default to the issues' targets; BENCH_ROUNDS / BENCH_COMPANIES shrink them for a quick look.

import { dropSharedPgCopies } from './pg-copy';
import { targetTable } from './targets';

const rounds = Number(process.env.BENCH_ROUNDS ?? 1_000_000);
const companies = Number(process.env.BENCH_COMPANIES ?? 100_000);

interface Part {
  name: string;
  run: () => Promise<string[]>;
  /** Reads the one PostgreSQL copy of the bench data (bench/pg-copy.ts sharedPgCopy), dropped after the last such part. */
  sharesPg?: true;
}

const parts: Part[] = [
  { name: 'tables', run: async () => (await import('./tables')).benchTables({ rounds, companies }) },
  { name: 'lists', run: async () => (await import('./lists')).benchLists({ rounds, companies }), sharesPg: true },
  { name: 'search', run: async () => (await import('./search')).benchSearch({ rounds, companies }), sharesPg: true },
  { name: 'concentration', run: async () => (await import('./concentration')).benchConcentration({ rows: rounds, companies }), sharesPg: true },
  { name: 'csv', run: async () => (await import('./csv')).benchCsv({ rows: rounds, companies }) },
  { name: 'analysis', run: async () => (await import('./analysis')).benchAnalysis({ rounds, companies }) },
  { name: 'boards', run: async () => (await import('./boards')).benchBoards({ rounds, companies }) },
  { name: 'load', run: async () => (await import('./load')).benchLoad({ rounds, companies }) },
];

async function main() {
  const only = process.argv.slice(2);
  const chosen = parts.filter((p) => only.length === 0 || only.includes(p.name));
  const lastSharing = chosen.findLastIndex((p) => p.sharesPg);
  try {
    for (const [i, part] of chosen.entries()) {
      const started = performance.now();
      console.log(`\n== ${part.name} ==`);
      for (const line of await part.run()) console.log(line);
      console.log(`(${part.name}: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
      if (i === lastSharing) await dropSharedPgCopies();
    }
  } finally {
    await dropSharedPgCopies();
  }
  console.log('\n== targets ==');
  for (const line of targetTable()) console.log(line);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
