import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

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

// The staff console: src/web is the Vite root; the server serves dist/web with an SPA fallback (src/server/app.ts).
export default defineConfig({
  root: path.join(here, 'src/web'),
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy },
  preview: { proxy },
});
