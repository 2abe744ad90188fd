import { defineConfig } from 'vite';

/**
 * The playground's build (`vite build src/web`, part of `npm run build`): one page, its scripts and
 * styles bundled into `dist/web`, which `ventros serve` serves at `/`. Nothing is loaded from
 * elsewhere at run time (system fonts, no CDN); Chart.js is a separate chunk loaded with the first chart.
 */
export default defineConfig({
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
  },
});
