import type { ConsentStatus } from "@/lib/consent/consent-status";

/**
 * "Renew all (n)": a guided walk through every connection due within 14 days or expired, one
 * bank after another. Its state is derived, not stored: the queue is whatever is still due now,
 * and the URL carries only what this walk did (`done`, `skip`). Renewed banks drop out of the
 * queue by themselves (their end date moved), so leaving the walk and pressing "Renew all" again
 * resumes with exactly the banks still due.
 */
export interface DueConnection {
  id: string;
  bankName: string | null;
  validUntil: string;
  consent: ConsentStatus;
}

export interface RenewWalk<T extends DueConnection = DueConnection> {
  current: T | null;
  /** Still to do after `current`. */
  upcoming: T[];
  skipped: T[];
  /** 1-based position of `current`; equals `total` when finished. */
  position: number;
  total: number;
  doneCount: number;
  /**
   * Banks still due and not renewed in this walk (queue + skipped): what "Renew all (n)" counts,
   * like the header's button, which counts what is due now.
   */
  remaining: number;
}

/** `due` ordered most urgent first (earliest end date). */
export function planRenewWalk<T extends DueConnection>({
  due,
  done,
  skip,
}: {
  due: T[];
  done: string[];
  skip: string[];
}): RenewWalk<T> {
  const doneSet = new Set(done);
  const skipSet = new Set(skip);
  // A bank renewed in this walk counts as done even if (oddly) it is still due.
  const queue = due.filter((d) => !doneSet.has(d.id) && !skipSet.has(d.id));
  const skipped = due.filter((d) => skipSet.has(d.id) && !doneSet.has(d.id));
  const doneCount = doneSet.size;
  const total = doneCount + skipped.length + queue.length;
  return {
    current: queue[0] ?? null,
    upcoming: queue.slice(1),
    skipped,
    position: queue.length ? doneCount + skipped.length + 1 : total,
    total,
    doneCount,
    remaining: queue.length + skipped.length,
  };
}

const ID = /^[a-z0-9_-]{1,64}$/i;
/** One id from a URL parameter; anything malformed (a NUL answered 500) is none. Unverified. */
export function parseId(raw: string | string[] | undefined): string | undefined {
  return typeof raw === "string" && ID.test(raw) ? raw : undefined;
}
/** Ids from a URL parameter (comma-separated); anything malformed is dropped. Unverified. */
export function parseIdList(raw: string | string[] | undefined): string[] {
  const joined = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
  return [
    ...new Set(
      joined
        .split(",")
        .map((s) => s.trim())
        .filter((s) => ID.test(s)),
    ),
  ].slice(0, 50);
}

/** Where the walk continues (the wizard returns here after each bank). */
export function renewWalkUrl({ done = [], skip = [] }: { done?: string[]; skip?: string[] }) {
  const params = new URLSearchParams({ all: "1" });
  if (done.length) params.set("done", done.join(","));
  if (skip.length) params.set("skip", skip.join(","));
  return `/banks/renew?${params.toString()}`;
}
