import { spawn, type ChildProcess } from "node:child_process";

/** Child processes started by a CLI, stopped together (Ctrl-C, or when one of them dies). */
export class ProcessGroup {
  private children: { name: string; child: ChildProcess }[] = [];
  private stopping = false;

  /**
   * `detached`: each child leads its own process group, so Ctrl-C in a terminal reaches only
   * us and we stop the children (with their own children) in order. Under a supervisor that
   * kills our whole process group (Playwright's webServer), children must stay in our group
   * (`detached: false`) or they would outlive us.
   */
  constructor(private readonly opts: { detached?: boolean } = {}) {}

  start(
    name: string,
    cmd: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    opts: { quiet?: boolean; onExit?: (code: number | null) => void } = {},
  ) {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: this.opts.detached ?? true });
    const prefix = (chunk: Buffer) =>
      chunk
        .toString()
        .split("\n")
        .filter(Boolean)
        .map((l) => `[${name}] ${l}\n`)
        .join("");
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
            const detached = this.opts.detached ?? true;
            const signal = (sig: NodeJS.Signals) => {
              try {
                // A detached child leads its own process group: stop its children too (next-server, …).
                if (detached) process.kill(-child.pid!, sig);
                else child.kill(sig);
              } catch {
                /* gone */
              }
            };
            const timer = setTimeout(() => signal("SIGKILL"), 5000);
            child.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            signal("SIGTERM");
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
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000}s`);
}
