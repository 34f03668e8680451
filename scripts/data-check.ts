// npm run data:check — every seed row in data/ meets the rules of lib/seed-data/check.ts; exits 1 otherwise.
import { checkSeedData } from '../lib/seed-data/check';
import { readSeedInput } from '../lib/seed-data/files';

const problems = checkSeedData(readSeedInput(process.cwd()));
for (const problem of problems) console.error(problem);
console.log(problems.length ? `data:check: ${problems.length} problem(s)` : 'data:check: ok');
process.exit(problems.length ? 1 : 0);
