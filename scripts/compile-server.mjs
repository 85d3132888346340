// Compiles `npm start` (scripts/start.ts and the lib/ code it uses) into dist/start.mjs, so that
// production runs one plain Node process. Packages stay external: node_modules is there at runtime.
import { build } from 'esbuild';

await build({
  entryPoints: ['scripts/start.ts'],
  outfile: 'dist/start.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // Packages that are CommonJS still get a require() inside the ES module.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
