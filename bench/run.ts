/**
 * `npm run bench`: every benchmark, each printing its numbers next to its target or baseline.
 * BENCH_ONLY=import runs one. Benchmarks start their own PostgreSQL (or use DATABASE_URL) and clean up.
 */
import { formatImportBench, runImportBench } from './import';

const only = process.env.BENCH_ONLY;
const benches: Record<string, () => Promise<string>> = {
  import: async () => formatImportBench(await runImportBench({})),
};

for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n=== bench: ${name}`);
  console.log(await run());
}
