import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { berlinToday } from "@/lib/berlin-time";

/**
 * "Now" for everything that compares with XS2A's dates (consent, token validity, schedules).
 * With the sandbox in development and tests it follows the sandbox's clock, so advancing the
 * sandbox by 80 days moves Saldo's consent banners too. In production it is the system clock.
 */
let cache: { at: number; offsetMs: number } | null = null;

export async function now(opts: { fresh?: boolean } = {}): Promise<Date> {
  const config = env();
  if (config.clock !== "sandbox") return new Date();
  // `fresh`: ask the sandbox even within the cache's second (e.g. to date a new access token
  // right after XS2A refused one: the sandbox clock may just have jumped days ahead).
  if (!opts.fresh && cache && Date.now() - cache.at < 1000) return new Date(Date.now() + cache.offsetMs);
  try {
    const res = await fetch(`${config.xs2a.apiUrl}/__sandbox/clock`, {
      headers: { authorization: "Basic " + Buffer.from(`api:${config.xs2a.apiKey}`).toString("base64") },
      signal: AbortSignal.timeout(2000),
    });
    const body = (await res.json()) as { offsetDays?: number; offsetMs?: number };
    const offsetMs = typeof body.offsetMs === "number" ? body.offsetMs : (body.offsetDays ?? 0) * 86_400_000;
    cache = { at: Date.now(), offsetMs };
  } catch (err) {
    log.warn({ err }, "sandbox clock unreachable; using the system clock");
    cache = { at: Date.now(), offsetMs: cache?.offsetMs ?? 0 };
  }
  return new Date(Date.now() + cache.offsetMs);
}

/** Today's calendar date in Europe/Berlin ("YYYY-MM-DD"). */
export async function today(): Promise<string> {
  return berlinToday(await now());
}
