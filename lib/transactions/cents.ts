/** Exact money arithmetic for display sums: decimal strings ↔ integer cents (never floats). */
export function toCents(s: string): number {
  const t = s.trim();
  const neg = t.startsWith("-");
  const [i, f = ""] = t.replace(/^[-+]/, "").split(".");
  const v = Number(i) * 100 + Number((f + "00").slice(0, 2));
  return neg ? -v : v;
}

export function fromCents(c: number): string {
  const a = Math.abs(c);
  return `${c < 0 ? "-" : ""}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** Calendar-date arithmetic on "YYYY-MM-DD" (UTC, so no time-zone shifts). */
export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
