import pino, { type Logger } from "pino";
import { chooseLogFormat, prettyLine, type LogFormat } from "@/lib/log-format";

/**
 * Logging with pino. Two guards keep secrets out of logs:
 *  - `redact` removes fields whose names hold secrets, wherever they appear;
 *  - every secret value Saldo knows at runtime (API key, auth secret, decrypted tokens and
 *    credential halves) is registered and scrubbed from each line before it is written.
 */
const known = new Set<string>();
const MAX_KNOWN = 5000;

export function registerSecret(value: string | undefined | null) {
  if (!value || value.length < 6) return;
  if (known.size >= MAX_KNOWN) known.delete(known.values().next().value as string);
  known.add(value);
}

function scrub(line: string): string {
  let out = line;
  for (const s of known) if (out.includes(s)) out = out.split(s).join("[REDACTED]");
  return out;
}

const REDACT = [
  "password",
  "passwordHash",
  "token",
  "accessToken",
  "apiKey",
  "credentials",
  "secret",
  "authorization",
  "cookie",
  "*.password",
  "*.passwordHash",
  "*.token",
  "*.accessToken",
  "*.apiKey",
  "*.credentials",
  "*.secret",
  "*.authorization",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  "*.tokenCiphertext",
  "*.credentialsCiphertext",
];

/**
 * pino's error serializer, without the `client` object pg and pg-boss attach to database errors
 * (a whole connection: hundreds of lines that explain nothing).
 */
function serializeError(err: unknown) {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (out && typeof out === "object") delete out.client;
  return out;
}

/** Colours in readable lines: on a terminal or with FORCE_COLOR, never with NO_COLOR. */
function wantsColour(): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return true;
  return Boolean(process.stderr?.isTTY);
}

export function createLogger(
  opts: { level?: string; destination?: pino.DestinationStream; format?: LogFormat } = {},
): Logger {
  const destination = opts.destination ?? pino.destination({ dest: 2, sync: true });
  const format = opts.format ?? chooseLogFormat(process.env);
  const colour = format === "pretty" && !opts.destination && wantsColour();
  return pino(
    {
      level: opts.level ?? process.env.LOG_LEVEL ?? "info",
      redact: { paths: REDACT, censor: "[REDACTED]" },
      serializers: { err: serializeError },
      hooks: { streamWrite: scrub },
      base: { app: "saldo" },
    },
    format === "pretty" ? { write: (line: string) => destination.write(prettyLine(line, { colour })) } : destination,
  );
}

const g = globalThis as unknown as { saldoLogger?: Logger };
export const log: Logger = (g.saldoLogger ??= createLogger());
