/**
 * Runs one import in its own process so its memory is measured alone (the sandbox, which builds
 * the 100k-turnover response, lives in the parent). Prints one `BENCH_RESULT {json}` line.
 * Run by scripts/bench/run-bench.ts as the production worker runs: bundled by scripts/build-worker.mjs
 * into dist/bench/import-child.mjs, started with package.json's "start:worker" flags
 * (BENCH_IMPORT_CHILD=dev: through tsx with the "worker" script's flags, as in development).
 */
import fs from "node:fs";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { db } from "@/lib/db";
import { xs2aImportSource } from "@/lib/bank-gateway/import-source";
import { createTurnoverNormalizer } from "@/lib/import/normalize-turnover";
import { importNow, type ImportPhases } from "./import-now";
import { since } from "./stats";

const kb = (field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? NaN);

const connectionId = process.argv[2];
if (!connectionId) throw new Error("usage: import-child.ts <connectionId>");

// Warm up what is not the import: the database pool and the user's XS2A token.
const connection = await db.bankConnection.findUniqueOrThrow({ where: { id: connectionId } });
await withUserApi(connection.userId, async () => null);
global.gc?.();
const rssBeforeKb = kb("VmRSS");

const heapBefore = process.memoryUsage();

// A sampled high-water mark too, as a cross-check of the kernel's VmHWM, and the heap's and
// off-heap buffers' (external) high-water marks, to tell which of them the import's memory is.
let sampledPeak = heapBefore.rss;
let heapPeak = heapBefore.heapUsed;
let externalPeak = heapBefore.external;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  sampledPeak = Math.max(sampledPeak, m.rss);
  heapPeak = Math.max(heapPeak, m.heapUsed);
  externalPeak = Math.max(externalPeak, m.external);
}, 10);

const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const phases: ImportPhases = { fetchMs: 0 };
const result = await importNow({ connectionId, phases });
const ms = since(t0);
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
const peakRssKb = kb("VmHWM");
// The pure part of the import, timed again on its own (the write is what remains): the same
// pages read again after the measurement, only the normaliser's time counted.
let normalizeMs = 0;
await withUserApi(connection.userId, async (api) => {
  const source = xs2aImportSource(api, connection.xs2aId!);
  for (const account of await source.listAccounts()) {
    const normalizer = createTurnoverNormalizer({ accountCurrency: "EUR" });
    for await (const page of source.turnoverPages!(account.id, {})) {
      const n0 = process.hrtime.bigint();
      normalizer.add(page.turnovers);
      normalizeMs += since(n0);
    }
  }
});

console.log(
  "BENCH_RESULT " +
    JSON.stringify({
      ms,
      // The import process's own CPU time (all its threads: JS, GC, libuv), less swayed by the load.
      cpuMs: (cpu.user + cpu.system) / 1000,
      fetchMs: phases.fetchMs,
      normalizeMs,
      added: result.added,
      updated: result.updated,
      removed: result.removed,
      rssBeforeMb: rssBeforeKb / 1024,
      peakRssMb: peakRssKb / 1024,
      sampledPeakRssMb: sampledPeak / 1048576,
      heapBeforeMb: heapBefore.heapUsed / 1048576,
      heapPeakMb: heapPeak / 1048576,
      externalPeakMb: externalPeak / 1048576,
    }),
);
await db.$disconnect();
process.exit(0);
