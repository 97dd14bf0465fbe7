import { spawn, type ChildProcess } from "node:child_process";

/** Child processes started by a CLI, stopped together (Ctrl-C, or when one of them dies). */
export class ProcessGroup {
  private children: { name: string; child: ChildProcess }[] = [];
  private stopping = false;

  start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, opts: { quiet?: boolean; onExit?: (code: number | null) => void } = {}) {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const prefix = (chunk: Buffer) =>
      chunk.toString().split("\n").filter(Boolean).map((l) => `[${name}] ${l}\n`).join("");
    child.stdout?.on("data", (c: Buffer) => !opts.quiet && process.stdout.write(prefix(c)));
    child.stderr?.on("data", (c: Buffer) => process.stderr.write(prefix(c)));
    child.on("exit", (code) => {
      this.children = this.children.filter((c) => c.child !== child);
      if (!this.stopping) opts.onExit?.(code);
    });
    this.children.push({ name, child });
    return child;
  }

  async stopAll() {
    this.stopping = true;
    await Promise.all(
      this.children.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            const timer = setTimeout(() => {
              try { process.kill(-child.pid!, "SIGKILL"); } catch { /* gone */ }
            }, 5000);
            child.once("exit", () => { clearTimeout(timer); resolve(); });
            // Each child leads its own process group: stop its children too (next-server, …).
            try { process.kill(-child.pid!, "SIGTERM"); } catch { resolve(); }
          }),
      ),
    );
  }
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function waitForHttp(url: string, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000}s`);
}
