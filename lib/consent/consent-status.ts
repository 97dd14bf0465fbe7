/**
 * A connection's consent status from XS2A's `consent_valid_until` (a calendar date, the last
 * day access is valid) and today's date in Europe/Berlin. Pure: no clock, no constants like
 * "90 days" (banks give 90 or 180; the date XS2A reports is the truth).
 */
export type ConsentLevel = "valid" | "expiring" | "urgent" | "expired" | "unknown";

/** Reminder steps, in days before the end: banners from 14, more urgent at 7, 3, 1 and on the day. */
export const BANNER_FROM_DAYS = 14;
export const URGENT_DAYS = 3;

export interface ConsentStatus {
  level: ConsentLevel;
  /** Whole days from today to the end date (0 = ends today, negative = ended). */
  daysLeft: number | null;
  /** The step the banner is at: 14, 7, 3, 1, 0 (today) or -1 (expired); null when no banner. */
  step: 14 | 7 | 3 | 1 | 0 | -1 | null;
}

const dayNumber = (ymd: string) => {
  const [y, m, d] = ymd.slice(0, 10).split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

export function consentStatus(validUntil: string | null | undefined, today: string): ConsentStatus {
  if (!validUntil) return { level: "unknown", daysLeft: null, step: null };
  const daysLeft = dayNumber(validUntil) - dayNumber(today);
  if (daysLeft < 0) return { level: "expired", daysLeft, step: -1 };
  const step = daysLeft === 0 ? 0 : daysLeft <= 1 ? 1 : daysLeft <= 3 ? 3 : daysLeft <= 7 ? 7 : daysLeft <= BANNER_FROM_DAYS ? 14 : null;
  const level = daysLeft <= URGENT_DAYS ? "urgent" : daysLeft <= BANNER_FROM_DAYS ? "expiring" : "valid";
  return { level, daysLeft, step };
}

export const toYmd = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
