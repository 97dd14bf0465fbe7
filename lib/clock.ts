import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { berlinToday } from "@/lib/berlin-time";

/**
 * "Now" for everything that compares with XS2A's dates (consent, token validity, schedules).
 * With the sandbox in development and tests it follows the sandbox's clock, so advancing the
 * sandbox by 80 days moves Saldo's consent banners too. In production it is the system clock.
 */
let cache: { at: number; offsetMs: number } | null = null;

/** How long a strict read waits for the sandbox: a loaded development machine can take seconds. */
const STRICT_TIMEOUT_MS = 8000;

export async function now(opts: { fresh?: boolean; strict?: boolean } = {}): Promise<Date> {
  const config = env();
  if (config.clock !== "sandbox") return new Date();
  // `fresh`: ask the sandbox even within the cache's second (e.g. to date a new access token
  // right after XS2A refused one: the sandbox clock may just have jumped days ahead).
  // `strict`: a time that is stored and later compared with other reads (a snooze's end) must come
  // from the sandbox itself, now: never the cache, never the fallback below.
  if (!opts.fresh && !opts.strict && cache && Date.now() - cache.at < 1000)
    return new Date(Date.now() + cache.offsetMs);
  try {
    const res = await fetch(`${config.xs2a.apiUrl}/__sandbox/clock`, {
      headers: { authorization: "Basic " + Buffer.from(`api:${config.xs2a.apiKey}`).toString("base64") },
      signal: AbortSignal.timeout(opts.strict ? STRICT_TIMEOUT_MS : 2000),
    });
    if (!res.ok) throw new Error(`sandbox clock answered ${res.status}`);
    const body = (await res.json()) as { offsetDays?: number; offsetMs?: number };
    const offsetMs =
      typeof body.offsetMs === "number"
        ? body.offsetMs
        : typeof body.offsetDays === "number"
          ? body.offsetDays * 86_400_000
          : NaN;
    if (!Number.isFinite(offsetMs)) throw new Error("sandbox clock answered without an offset");
    cache = { at: Date.now(), offsetMs };
  } catch (err) {
    // The fallback (the last offset seen, else the system clock) may be days away from the
    // sandbox's day: fine for drawing a page, wrong for a time that is written down.
    if (opts.strict) throw new AppError("unavailable", "sandbox_clock_unreachable", { cause: err });
    log.warn({ err }, "sandbox clock unreachable; using the system clock");
    cache = { at: Date.now(), offsetMs: cache?.offsetMs ?? 0 };
  }
  return new Date(Date.now() + cache.offsetMs);
}

/** Today's calendar date in Europe/Berlin ("YYYY-MM-DD"). */
export async function today(): Promise<string> {
  return berlinToday(await now());
}
