/** Calendar arithmetic on "YYYY-MM-DD" strings (bank dates have no time zone). */
export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export interface ConsentWeek {
  /** First and last day of the week, both inclusive. Week 0 starts today. */
  from: string;
  to: string;
  count: number;
}

/**
 * How many consents end in each of the next `weeks` weeks. Weeks start today rather than on a
 * Monday, so "week 1" always means "the next 7 days" — the horizon the reminders work with.
 * Ends before today (expired) or after the horizon are not counted here.
 */
export function consentWeeks({
  today,
  ends,
  weeks = 12,
}: {
  today: string;
  ends: string[];
  weeks?: number;
}): ConsentWeek[] {
  const out: ConsentWeek[] = Array.from({ length: weeks }, (_, i) => ({
    from: addDays(today, i * 7),
    to: addDays(today, i * 7 + 6),
    count: 0,
  }));
  const last = out[out.length - 1]?.to;
  for (const end of ends) {
    const day = end.slice(0, 10);
    if (day < today || !last || day > last) continue;
    const index = Math.floor((Date.parse(day) - Date.parse(today)) / (7 * 86_400_000));
    out[index].count += 1;
  }
  return out;
}

/**
 * A renewal may be recorded twice (the `bank.renewed` audit entry and the RENEW sync run of the
 * same wizard): count one per connection and day.
 */
export function countRenewals(events: { connectionId: string | null; day: string }[]): number {
  return new Set(events.filter((e) => e.connectionId).map((e) => `${e.connectionId}|${e.day}`)).size;
}
