import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, registerSecret } from "@/lib/log";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, logger: createLogger({ level: "debug", destination }) };
}

describe("log redaction", () => {
  it("removes secret-named fields wherever they are", () => {
    const { lines, logger } = capture();
    logger.info(
      {
        token: "CANARY-TOKEN-1",
        req: { headers: { authorization: "Basic CANARY-AUTH-2" } },
        user: { password: "CANARY-PW-3", credentials: "CANARY-HALF-4" },
      },
      "request",
    );
    const out = lines.join("");
    for (const canary of ["CANARY-TOKEN-1", "CANARY-AUTH-2", "CANARY-PW-3", "CANARY-HALF-4"])
      expect(out).not.toContain(canary);
    expect(out).toContain("[REDACTED]");
  });

  it("scrubs registered secret values from messages and errors", () => {
    const { lines, logger } = capture();
    registerSecret("CANARY-API-KEY-5f3a9");
    logger.error(
      { err: new Error("request with key CANARY-API-KEY-5f3a9 failed"), note: "x CANARY-API-KEY-5f3a9 y" },
      "failed with CANARY-API-KEY-5f3a9",
    );
    const out = lines.join("");
    expect(out).not.toContain("CANARY-API-KEY-5f3a9");
    expect(out).toContain("failed with [REDACTED]");
  });

  it("logs a database error's code and message without the connection object attached to it", () => {
    const { lines, logger } = capture();
    const err = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
      client: { connectionParameters: { host: "127.0.0.1", port: 5432 } },
    });
    logger.error({ err }, "pg-boss error");
    const line = JSON.parse(lines.join("")) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ message: "terminating connection due to administrator command", code: "57P01" });
    expect(line.err.client).toBeUndefined();
  });
});
