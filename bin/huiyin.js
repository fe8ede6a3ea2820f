#!/usr/bin/env node
// The `huiyin` command: runs the TypeScript CLI through tsx's loader in this same process (no wrapper child,
// so signals reach the app directly and its shutdown stops the embedded PostgreSQL cleanly).
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
