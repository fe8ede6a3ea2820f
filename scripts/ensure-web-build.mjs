// `npm start` serves the production web build; build it once when it is missing (or always with --force).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const force = process.argv.includes('--force');
if (force || !existsSync('dist/web/index.html')) {
  console.log('[huiyin] building the web app (vite build)…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
