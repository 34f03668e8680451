// `npx tsx scripts/js-budgets.ts`: the JavaScript each page loads first ("First Load JS" of `next build`),
// read from the build in ATLAS_DIST_DIR (default .next), against its budget in scripts/js-budgets/budgets.ts.
// Sizes are computed the way Next.js computes them: the gzip (level 9) size of each .js file the
// app-build-manifest lists for the page, summed. Exit 1 naming every page over its budget, or loading the chart
// library (recharts) up front; 2 without a build.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHART_LIBRARY_MARKER, checkBudgets, formatKb, pageFiles } from './js-budgets/budgets';

const distDir = path.resolve(process.env.ATLAS_DIST_DIR || '.next');
const manifestPath = path.join(distDir, 'app-build-manifest.json');
if (!fs.existsSync(manifestPath)) {
  console.error(`js-budgets: no ${manifestPath}; run \`next build\` first (into ATLAS_DIST_DIR when set).`);
  process.exit(2);
}

const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { pages: Record<string, string[]> };
const gzipBytes = new Map<string, number>();
const sizeOf = (file: string) => {
  let bytes = gzipBytes.get(file);
  if (bytes === undefined) {
    bytes = gzipSync(fs.readFileSync(path.join(distDir, file)), { level: 9 }).length;
    gzipBytes.set(file, bytes);
  }
  return bytes;
};

const sizes = new Map<string, number>();
const chartsUpFront: string[] = [];
for (const [route, files] of pageFiles(manifest.pages)) {
  sizes.set(route, files.reduce((sum, file) => sum + sizeOf(file), 0));
  if (files.some((file) => fs.readFileSync(path.join(distDir, file), 'utf8').includes(CHART_LIBRARY_MARKER))) chartsUpFront.push(route);
}
const results = checkBudgets(sizes);

const width = Math.max(...results.map((r) => r.route.length), 5);
console.log(`${'Page'.padEnd(width)}  ${'First Load JS'.padStart(13)}  ${'budget'.padStart(8)}`);
for (const r of results) {
  const budget = r.budgetKb === null ? 'none' : `${r.budgetKb} kB`;
  console.log(`${r.route.padEnd(width)}  ${formatKb(r.bytes).padStart(13)}  ${budget.padStart(8)}${r.over ? '  OVER' : ''}`);
}
const over = results.filter((r) => r.over);
for (const route of chartsUpFront) {
  console.error(`js-budgets: ${route} loads the chart library (recharts) with the page; charts load their plot on demand (app/_components/chart/LazyPlot.tsx)`);
}
if (over.length || chartsUpFront.length) {
  for (const r of over) {
    console.error(r.budgetKb === null
      ? `js-budgets: ${r.route} loads ${formatKb(r.bytes)} of JavaScript and has no budget (add one to scripts/js-budgets/budgets.ts)`
      : `js-budgets: ${r.route} loads ${formatKb(r.bytes)} of JavaScript, over its budget of ${r.budgetKb} kB`);
  }
  process.exit(1);
}
console.log(`js-budgets: all ${results.length} pages within their budgets (${path.relative(process.cwd(), distDir) || '.'})`);
