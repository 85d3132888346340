// Compiles the production entry points into plain JavaScript, so production runs plain Node
// processes with no tsx or esbuild resident: `npm start` (scripts/start.ts → dist/start.mjs) and
// `npm run worker` (scripts/worker.ts → dist/worker.mjs), each with the lib/ code it uses.
// Packages stay external: node_modules is there at runtime.
import { build } from 'esbuild';

for (const name of ['start', 'worker']) {
  await build({
    entryPoints: [`scripts/${name}.ts`],
    outfile: `dist/${name}.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // The worker renders emails (React Email components in emails/).
    jsx: 'automatic',
    sourcemap: true,
    logLevel: 'warning',
    // Packages that are CommonJS still get a require() inside the ES module.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
}
