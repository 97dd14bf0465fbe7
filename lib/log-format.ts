/**
 * How log lines look. Production (and tests, which parse them) get pino's JSON, one object a
 * line, for log collectors; `npm run dev` gets readable lines in the terminal:
 *
 *   14:42:21 INFO  sync finished  connectionId=c1 runId=r9
 *
 * `LOG_FORMAT=json|pretty` overrides the choice. No dependency: a small formatter of pino's own
 * JSON lines (so redaction and secret scrubbing have already happened when it runs).
 */
export type LogFormat = "json" | "pretty";

export function chooseLogFormat(env: { NODE_ENV?: string; LOG_FORMAT?: string }): LogFormat {
  if (env.LOG_FORMAT === "json" || env.LOG_FORMAT === "pretty") return env.LOG_FORMAT;
  return env.NODE_ENV === "development" ? "pretty" : "json";
}

const LEVELS: Record<number, { name: string; colour: string }> = {
  10: { name: "TRACE", colour: "\x1b[90m" },
  20: { name: "DEBUG", colour: "\x1b[36m" },
  30: { name: "INFO ", colour: "\x1b[32m" },
  40: { name: "WARN ", colour: "\x1b[33m" },
  50: { name: "ERROR", colour: "\x1b[31m" },
  60: { name: "FATAL", colour: "\x1b[35m" },
};
const DIM = "\x1b[2m";
const RESET = "\x1b[0m";
/** Fields every line has, shown in the head of the line or not at all. */
const HIDDEN = new Set(["level", "time", "msg", "pid", "hostname", "app", "err"]);

function pad2(n: number) {
  return String(n).padStart(2, "0");
}

function fieldValue(v: unknown): string {
  if (typeof v === "string") return /[\s"=]/.test(v) || v === "" ? JSON.stringify(v) : v;
  return JSON.stringify(v) ?? String(v);
}

/** One pino JSON line → one readable line (plus an error's stack, indented). Not JSON: unchanged. */
export function prettyLine(line: string, opts: { colour?: boolean } = {}): string {
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith("\n") ? line : `${line}\n`;
  }
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return line.endsWith("\n") ? line : `${line}\n`;
  const c = (code: string, s: string) => (opts.colour ? `${code}${s}${RESET}` : s);
  const t = typeof obj.time === "number" ? new Date(obj.time) : new Date();
  const time = `${pad2(t.getHours())}:${pad2(t.getMinutes())}:${pad2(t.getSeconds())}`;
  const level = LEVELS[Number(obj.level)] ?? { name: String(obj.level ?? "?").padEnd(5), colour: "" };
  const fields = Object.entries(obj)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${fieldValue(v)}`)
    .join(" ");
  let out = `${c(DIM, time)} ${c(level.colour, level.name)} ${String(obj.msg ?? "")}`;
  if (fields) out += `  ${c(DIM, fields)}`;
  const err = obj.err as { type?: string; message?: string; stack?: string; code?: unknown } | undefined;
  if (err && typeof err === "object") {
    const head = err.stack ?? `${err.type ?? "Error"}: ${err.message ?? ""}`;
    const code = err.code !== undefined ? ` (code ${fieldValue(err.code)})` : "";
    out += `\n${head
      .split("\n")
      .map((l) => `    ${l}`)
      .join("\n")}${code}`;
  }
  return `${out}\n`;
}
