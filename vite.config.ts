import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
/** where `vite` (dev) and `vite preview` send /api: `npm start`'s default port unless HUIYIN_API_URL says otherwise */
const api = process.env.HUIYIN_API_URL ?? 'http://127.0.0.1:3000';
const proxy: Record<string, ProxyOptions> = {
  '/api': {
    target: api,
    // The Host stays the browser's (localhost:5173), so the Origin of the console's writes equals the origin the
    // server sees and its same-origin rule for cookie writes (src/server/http/same-origin.ts) accepts them with no
    // configuration. With changeOrigin the server would see its own port: then HUIYIN_ALLOWED_ORIGINS must list
    // the dev server's origin.
    changeOrigin: false,
    // src/web/api/*.ts are the console's own modules (served by Vite in dev), not server endpoints
    bypass: (req) => (/^\/api\/[^?]*\.tsx?(\?|$)/.test(req.url ?? '') ? req.url : undefined),
  },
};

/**
 * The residents' H5 is a second page of the same build. Its html lives in src/h5/, outside the console's root, so
 * the build takes it as `src/web/h5.html` (written as dist/web/h5.html beside the console's index.html, its script
 * `../h5/main.tsx`); the server answers it for /h5/<companyCode>/…. In dev the same html answers /h5/… here.
 * Its assets share /assets/ and none of the console's code.
 */
const H5_SOURCE = path.join(here, 'src/h5/index.html');
const H5_INPUT = path.join(here, 'src/web/h5.html');
const h5Html = (): Plugin => ({
  name: 'huiyin-h5-html',
  resolveId: (id) => (id === H5_INPUT ? id : null),
  load: (id) =>
    id === H5_INPUT ? fs.readFileSync(H5_SOURCE, 'utf8').replace('"./main.tsx"', '"../h5/main.tsx"') : null,
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (!req.url?.startsWith('/h5/')) return next();
      const html = fs
        .readFileSync(H5_SOURCE, 'utf8')
        .replace('"./main.tsx"', `"/@fs${path.join(here, 'src/h5/main.tsx')}"`);
      server
        .transformIndexHtml(req.url, html)
        .then((out) => res.setHeader('Content-Type', 'text/html').end(out), next);
    });
  },
});

// The staff console: src/web is the Vite root; the server serves dist/web with an SPA fallback (src/server/app.ts).
export default defineConfig({
  root: path.join(here, 'src/web'),
  plugins: [react(), h5Html()],
  build: {
    outDir: path.join(here, 'dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        main: path.join(here, 'src/web/index.html'),
        h5: H5_INPUT,
      },
    },
  },
  server: { proxy },
  preview: { proxy },
});
