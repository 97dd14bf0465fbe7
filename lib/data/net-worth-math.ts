/**
 * One account's end-of-day balances from `from` to `today` (pure, cents). Walks back from the
 * current booked balance, taking each day's booked movements off; on a day with a balance snapshot
 * the bank's figure wins and the walk continues from it, so a gap between snapshots is filled from
 * the transactions of the gap, and an error in one stretch does not run into the days before the
 * next snapshot. Movements dated after today (banks book ahead) are already in the balance.
 */
export function dailyBalances(opts: {
  today: string;
  from: string;
  currentCents: number;
  /** Booked movements per day ("YYYY-MM-DD" → cents). */
  movements: ReadonlyMap<string, number>;
  /** The bank's end-of-day balance on the days it reported one. */
  snapshots: ReadonlyMap<string, number>;
}): { date: string; cents: number }[] {
  let cents = opts.currentCents;
  for (const [day, c] of opts.movements) if (day > opts.today) cents -= c;
  const out: { date: string; cents: number }[] = [];
  for (let day = opts.today; day >= opts.from; day = addDays(day, -1)) {
    const snap = opts.snapshots.get(day);
    if (snap !== undefined) cents = snap;
    out.push({ date: day, cents });
    cents -= opts.movements.get(day) ?? 0;
  }
  return out.reverse();
}

/** Sums per-account series of the same days into one (accounts without a day count as 0 then). */
export function sumSeries(series: { date: string; cents: number }[][]): { date: string; cents: number }[] {
  const byDay = new Map<string, number>();
  for (const s of series) for (const p of s) byDay.set(p.date, (byDay.get(p.date) ?? 0) + p.cents);
  return [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, cents]) => ({ date, cents }));
}

/** The last day of each month in the series (and the series' last day for the running month). */
export function monthEnds(points: { date: string; cents: number }[]) {
  const out: { date: string; cents: number }[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const next = points[i + 1];
    if (!next || next.date.slice(0, 7) !== p.date.slice(0, 7)) out.push(p);
  }
  return out;
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
