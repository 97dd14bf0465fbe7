/**
 * A preload for the scale bench's workers run through tsx (BENCH_SCALE_WORKER=dev
 * BENCH_WORKER_NODE_OPTIONS="--import
 * ./scripts/bench/scale-query-count.ts", BENCH_QUERY_COUNT_DIR=<dir>): counts every statement the
 * process sends through `pg`, by its text, and writes the counts to <dir>/queries-<pid>.json when
 * the process exits. Bench tooling only: it measures statements per sync, it changes nothing.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const dir = process.env.BENCH_QUERY_COUNT_DIR;
if (dir) {
  const counts = new Map<string, number>();
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const c = args[0];
    const text =
      typeof c === "string"
        ? c
        : c && typeof c === "object" && "text" in c
          ? String((c as { text: unknown }).text)
          : "?";
    const key = text.replace(/\s+/g, " ").slice(0, 160);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return query.apply(this, args);
  };
  process.on("exit", () => {
    fs.mkdirSync(dir, { recursive: true });
    const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    fs.writeFileSync(path.join(dir, `queries-${process.pid}-${Date.now()}.json`), JSON.stringify(sorted, null, 1));
  });
}
