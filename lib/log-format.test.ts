import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, registerSecret } from "@/lib/log";
import { chooseLogFormat, prettyLine } from "@/lib/log-format";

function capture(format: "json" | "pretty") {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, logger: createLogger({ level: "debug", destination, format }) };
}

describe("log format", () => {
  it("is readable in development and JSON in production and tests", () => {
    expect(chooseLogFormat({ NODE_ENV: "development" })).toBe("pretty");
    expect(chooseLogFormat({ NODE_ENV: "production" })).toBe("json");
    expect(chooseLogFormat({ NODE_ENV: "test" })).toBe("json");
    expect(chooseLogFormat({})).toBe("json");
  });

  it("follows LOG_FORMAT over NODE_ENV", () => {
    expect(chooseLogFormat({ NODE_ENV: "production", LOG_FORMAT: "pretty" })).toBe("pretty");
    expect(chooseLogFormat({ NODE_ENV: "development", LOG_FORMAT: "json" })).toBe("json");
    expect(chooseLogFormat({ NODE_ENV: "development", LOG_FORMAT: "yaml" })).toBe("pretty");
  });

  it("writes a readable line with time, level, message and fields, not JSON", () => {
    const { lines, logger } = capture("pretty");
    logger.warn({ connectionId: "c1", attempt: 2, reason: "bank said no" }, "sync retrying");
    const out = lines.join("");
    expect(out).toMatch(/^\d\d:\d\d:\d\d WARN {2}sync retrying {2}connectionId=c1 attempt=2 reason="bank said no"\n$/);
    expect(() => JSON.parse(out) as unknown).toThrow();
  });

  it("prints an error's stack under its line, and still scrubs secrets", () => {
    const { lines, logger } = capture("pretty");
    registerSecret("CANARY-PRETTY-7c1d");
    logger.error({ err: new Error("failed with CANARY-PRETTY-7c1d"), token: "CANARY-TOKEN-8" }, "import failed");
    const out = lines.join("");
    expect(out).toMatch(/ERROR import failed {2}token=\[REDACTED\]\n {4}Error: failed with \[REDACTED\]\n {8}at /);
    expect(out).not.toContain("CANARY");
  });

  it("keeps JSON lines in production", () => {
    const { lines, logger } = capture("json");
    logger.info({ runId: "r9" }, "sync finished");
    expect(JSON.parse(lines.join(""))).toMatchObject({ level: 30, msg: "sync finished", runId: "r9" });
  });

  it("passes a line that is not JSON through unchanged", () => {
    expect(prettyLine("plain text")).toBe("plain text\n");
  });
});
