import type { SourceTurnoverBatch, TurnoverQuery } from "@/lib/import/types";

/**
 * XS2A answers an account's turnovers in one response: the wrapper has no paginator, and its only
 * documented handles are `from`/`to` on the booking date and `days`, how many days it collected
 * (xs2a-api.md §2.4). So that an import holds a bounded number of turnovers at a time, a long
 * history is read in booking-date windows, newest first, each window sized from what the one
 * before brought. A short read (a daily sync from a recent date) stays one request, as before.
 *
 * Windows are disjoint, so a dated turnover comes once. An item the client could not read and that
 * has no usable booking date cannot be filtered by the bank, so it may come with every window: it
 * is passed on once (the same raw item). A turnover that moves between windows while they are read
 * (a pending one booked on another day) can be seen twice or not at all in this run; the import
 * replaces pending rows and the next sync reads again, as with any read racing the bank.
 *
 * The next window is asked for as soon as a window has come (its span follows from that window
 * alone), so XS2A prepares and sends it while the caller writes this one: at most two windows are
 * held at once.
 */
export interface WindowedBatch extends SourceTurnoverBatch {
  /** The wrapper's `days`: how many days back XS2A collected turnovers (null when it does not say). */
  days: number | null;
  /** YYYY-MM-DD (UTC) of the wrapper's `date`, the collection the `days` count back from. */
  collectedOn: string | null;
}

export interface TurnoverWindowOptions {
  /** YYYY-MM-DD: nothing booked before it is asked for (omitted: as far back as XS2A holds). */
  from?: string;
  /** YYYY-MM-DD: the app's today (the first window is open towards the future, for pending items). */
  today: string;
  /** Turnovers a window should bring about (the memory an import holds at once). */
  target?: number;
  /** A read that starts within this many days of today is one request. */
  singleReadDays?: number;
}

// Measured against 10,000 (issue 15, 100,000 items): with the next window read ahead the round
// trips no longer showed in the import's time, while two 10,000-item windows held at once raised
// the import's peak memory by 40–60 MB.
export const WINDOW_TARGET = 2000;
const SINGLE_READ_DAYS = 92;
// A week first: a big account's first window stays small (its density is not known yet), and a
// normal account's 90 days still come in three requests.
const FIRST_SPAN_DAYS = 7;
const MAX_SPAN_DAYS = 400;
/** A history that never ends must not be read forever (10,000 windows ≥ 27 years of days). */
const MAX_WINDOWS = 10_000;

const DAY_MS = 86_400_000;
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The next window's length: scaled to bring about `target` items, at most 4× longer, ≥ 1 day. */
export function nextSpan(span: number, items: number, target: number): number {
  const scaled = Math.floor((span * target) / Math.max(items, 1));
  return Math.max(1, Math.min(scaled, span * 4, MAX_SPAN_DAYS));
}

export async function* turnoverWindows(
  read: (query: TurnoverQuery) => Promise<WindowedBatch>,
  opts: TurnoverWindowOptions,
): AsyncGenerator<SourceTurnoverBatch> {
  const target = opts.target ?? WINDOW_TARGET;
  const { from, today } = opts;
  if (from !== undefined && from >= addDays(today, -(opts.singleReadDays ?? SINGLE_READ_DAYS))) {
    yield strip(await read({ from }));
    return;
  }
  const seenUnreadable = new Set<string>();
  const once = (batch: WindowedBatch): SourceTurnoverBatch => {
    const rejected = batch.rejected.filter((r) => {
      const key = JSON.stringify(r.raw);
      if (seenUnreadable.has(key)) return false;
      seenUnreadable.add(key);
      return true;
    });
    return { turnovers: batch.turnovers, rejected, roundedAmounts: batch.roundedAmounts };
  };

  let horizon: string | null = from ?? null; // the oldest day to ask for; null: not known yet
  const windowFrom = (to: string | null, span: number) => {
    const start = addDays(to ?? today, -(span - 1));
    return horizon !== null && start < horizon ? horizon : start;
  };
  // A window asked for ahead: if the caller stops before taking it, its failure is nobody's.
  const ahead = (query: TurnoverQuery) => {
    const p = read(query);
    p.catch(() => undefined);
    return p;
  };
  let span = FIRST_SPAN_DAYS;
  let to: string | null = null; // null: open towards the future
  let asked = windowFrom(to, span);
  let next = ahead({ from: asked });
  for (let n = 0; n < MAX_WINDOWS; n++) {
    const batch = await next;
    if (horizon === null) {
      if (batch.days === null) {
        // XS2A did not say how far back it reaches: everything older comes in one last read.
        next = ahead({ to: addDays(asked, -1) });
        yield once(batch);
        yield once(await next);
        return;
      }
      // A day's margin for the wall clock's time zone: an extra day asked for costs nothing.
      const collected = batch.collectedOn !== null && batch.collectedOn < today ? batch.collectedOn : today;
      horizon = addDays(collected, -(batch.days + 1));
    }
    const last = asked <= horizon;
    if (!last) {
      span = nextSpan(span, batch.turnovers.length + batch.rejected.length, target);
      to = addDays(asked, -1);
      asked = windowFrom(to, span);
      next = ahead({ from: asked, to });
    }
    yield once(batch);
    if (last) return;
  }
  throw new Error(`turnovers: more than ${MAX_WINDOWS} windows`);
}

function strip(batch: WindowedBatch): SourceTurnoverBatch {
  return { turnovers: batch.turnovers, rejected: batch.rejected, roundedAmounts: batch.roundedAmounts };
}
