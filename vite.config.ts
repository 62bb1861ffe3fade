// Vite build of the app (React + a module Web Worker) and the Vitest configuration for unit tests.
// The built page gets the Content-Security-Policy of src/csp.ts as a meta tag (build only: the dev server needs inline scripts).
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './src/csp.ts';

/** Writes the policy into the built index.html's <head>, ahead of every script and stylesheet. */
function cspMeta(): Plugin {
  return {
    name: 'izhikevich-csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      const charset = /<meta charset="UTF-8" \/>/i;
      if (!charset.test(html)) throw new Error('index.html: no <meta charset="UTF-8" /> to put the CSP meta tag after');
      // The policy holds single quotes only, so it sits in a double-quoted attribute as is (readable in the page source).
      return html.replace(charset, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}" />`);
    },
  };
}

export default defineConfig({
  plugins: [react(), cspMeta()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  define: { global: 'globalThis' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
