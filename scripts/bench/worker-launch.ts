/**
 * How the bench starts a worker process: package.json's "start:worker" in production (environment
 * assignments, `node`, its flags, the compiled file), "worker" in development (tsx). Read from
 * package.json, so the processes the bench measures cannot drift from what production runs.
 */
import fs from "node:fs";
import { bundleWorker } from "../build-worker.mjs";

export function workerLaunch(script: "start:worker" | "worker"): { env: Record<string, string>; flags: string[] } {
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  const words = pkg.scripts[script]!.split(/\s+/).filter(Boolean);
  const node = words.indexOf("node");
  const env = Object.fromEntries(words.slice(0, node).map((w) => w.split("=", 2) as [string, string]));
  // Node's flags, without the entry module tsx's `--import` takes (its value is not a flag).
  return { env, flags: words.slice(node + 1).filter((w, i, all) => w.startsWith("--") || all[i - 1] === "--import") };
}

const bundles = new Map<string, Promise<void>>();

/** `entry` compiled as the production worker is (scripts/build-worker.mjs), once per bench process. */
function bundledOnce(entry: string, outfile: string): Promise<void> {
  let built = bundles.get(outfile);
  if (!built) bundles.set(outfile, (built = bundleWorker({ entry, outfile })));
  return built;
}

/**
 * How to start `entry` as a worker: compiled into `bundle` and run with "start:worker"'s flags and
 * environment, or (`dev`) through tsx as "worker" runs it.
 */
export async function benchWorker(entry: string, bundle: string, dev: boolean) {
  if (!dev) await bundledOnce(entry, bundle);
  return { ...workerLaunch(dev ? "worker" : "start:worker"), file: dev ? entry : bundle };
}
