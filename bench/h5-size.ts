/**
 * Benchmark of the residents' H5 first load: a phone on a slow line opens /h5/<companyCode> and must not wait for
 * the console. Builds the web app (`vite build`, both entries) unless BENCH_H5_REUSE=1 and dist/web/h5.html exists,
 * then follows what h5.html loads before the first render — its module script, the modules it preloads and every
 * module they import statically (lazy `import()` is not first load) — and sums their gzip sizes against the goal:
 * at most 150 KB of JavaScript. Also checks that none of it is antd's or ECharts'.
 *
 *   npx tsx bench/h5-size.ts
 *   BENCH_H5_REUSE=1 npx tsx bench/h5-size.ts   # read the existing build
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist/web');
/** the first-load budget of the H5's JavaScript, gzip */
export const H5_GOAL_BYTES = 150 * 1024;

export interface H5SizeResult {
  files: { file: string; bytes: number; gzip: number }[];
  jsGzip: number;
  cssGzip: number;
  /** first-load files that carry antd's or ECharts' code */
  forbidden: string[];
  pass: boolean;
}

const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

export async function runH5SizeBench(opts: { build?: boolean } = {}): Promise<H5SizeResult> {
  const reuse = process.env.BENCH_H5_REUSE === '1' && fs.existsSync(path.join(DIST, 'h5.html'));
  if (opts.build ?? !reuse) {
    const { build } = await import('vite');
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  const html = fs.readFileSync(path.join(DIST, 'h5.html'), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);

  // every module reached by static imports from the entries (`import"./x.js"`, `from"./x.js"`)
  const seen = new Set<string>();
  const queue = entries.map((src) => path.join(DIST, src));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g))
      queue.push(path.join(path.dirname(file), m[1]));
  }
  const files = [...seen].map((file) => {
    const buf = fs.readFileSync(file);
    return { file: path.relative(DIST, file), bytes: buf.length, gzip: gz(buf) };
  });
  const forbidden = [...seen]
    .filter((file) => /anticon|@ant-design\/|echarts/i.test(fs.readFileSync(file, 'utf8')))
    .map((file) => path.relative(DIST, file));
  const jsGzip = files.reduce((n, f) => n + f.gzip, 0);
  const cssGzip = css.reduce((n, href) => n + gz(fs.readFileSync(path.join(DIST, href))), 0);
  return { files, jsGzip, cssGzip, forbidden, pass: jsGzip <= H5_GOAL_BYTES && forbidden.length === 0 };
}

export function formatH5SizeBench(r: H5SizeResult): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const out = ['H5 first load (/h5/<companyCode>), gzip -9:'];
  for (const f of r.files.sort((a, b) => b.gzip - a.gzip))
    out.push(`  ${f.file.padEnd(40)} ${kb(f.bytes).padStart(10)} raw ${kb(f.gzip).padStart(9)} gzip`);
  out.push(
    `  JavaScript ${kb(r.jsGzip)} gzip  goal ≤ ${kb(H5_GOAL_BYTES)}  ${r.pass ? 'PASS' : 'FAIL'}`,
    `  CSS ${kb(r.cssGzip)} gzip`,
    `  antd or ECharts in the first load: ${r.forbidden.length ? r.forbidden.join(', ') : 'none'}`,
  );
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runH5SizeBench()
    .then((r) => {
      console.log(formatH5SizeBench(r));
      if (!r.pass) process.exitCode = 1;
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
