/**
 * `npm run bench`: every benchmark, each printing its numbers next to its target or baseline.
 * BENCH_ONLY=import (or cases, h5) runs one. Benchmarks start their own PostgreSQL (or use DATABASE_URL) and clean up.
 * The case desk's size comes from BENCH_SCALE (default 1,000,000 cases; CI smoke: BENCH_SCALE=10000).
 */
import { formatCasesBench, runCasesBench } from './cases';
import { formatH5SizeBench, runH5SizeBench } from './h5-size';
import { formatImportBench, runImportBench } from './import';

const only = process.env.BENCH_ONLY;
const log = (line: string) => console.error(`[bench] ${line}`);
const benches: Record<string, () => Promise<string>> = {
  import: async () => formatImportBench(await runImportBench({})),
  cases: async () => formatCasesBench(await runCasesBench({ log })),
  h5: async () => formatH5SizeBench(await runH5SizeBench()),
};

for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n=== bench: ${name}`);
  console.log(await run());
}
