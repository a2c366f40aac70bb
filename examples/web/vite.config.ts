import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built by `npm run build` into dist/demo; the gateway serves it at /demo/ outside production.
export default defineConfig({
  root: __dirname,
  base: '/demo/',
  plugins: [react()],
  build: {
    outDir: path.resolve(__dirname, '../../dist/demo'),
    emptyOutDir: true,
    // The gateway's Content-Security-Policy admits only its own files: nothing inline.
    assetsInlineLimit: 0,
  },
  logLevel: 'warn',
});
