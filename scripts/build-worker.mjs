// The production worker as one compiled file: `node scripts/build-worker.mjs` (the second half of
// `npm run build`) bundles scripts/worker.ts into dist/worker.mjs, which `npm run start:worker`
// runs with plain `node` — no tsx loader and no TypeScript compiled at start-up.
//
// Why (README "Benchmark", issue 15): the benchmark's import process held 192–195 MB through tsx
// before its import started (the loader, TypeScript compiled at start-up), 166 MB bundled, 122 MB
// bundled and run with `--liftoff-only` (V8 then compiles Prisma's WebAssembly query compiler with
// its baseline tier only), 117 MB with `MALLOC_ARENA_MAX=2` too (package.json "start:worker").
// What the bundle does as `node --conditions=react-server --import tsx` did:
//   - `@/…` resolves through tsconfig.json's paths (esbuild reads them);
//   - the `react-server` condition is applied at build time (`server-only` is the empty module);
//   - every dependency is bundled except Prisma's query-compiler runtime, which the generated
//     client loads with a dynamic import only when the first query runs (its WebAssembly, 4.5 MB
//     of base64, then stays out of the bundle that is parsed at start-up).
// The benchmark's import child (scripts/bench/import-child.ts) is bundled by the same function and
// run with the same node flags, so the figures it reports are the production worker's.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles `entry` (relative to the repository) into `outfile`; the bundle runs with plain `node`. */
export async function bundleWorker({ entry, outfile }) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["react-server"],
    external: ["@prisma/client/runtime/*"],
    // Bundled CommonJS packages (pg, pino, …) call require(); an ES module has none.
    banner: {
      js: "import { createRequire as __saldoRequire } from 'node:module'; const require = __saldoRequire(import.meta.url);",
    },
    sourcemap: "linked",
    logLevel: "warning",
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const t0 = Date.now();
  await bundleWorker({ entry: "scripts/worker.ts", outfile: "dist/worker.mjs" });
  console.log(`worker bundled into dist/worker.mjs in ${Date.now() - t0} ms`);
}
