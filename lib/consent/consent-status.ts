import { berlinToday, berlinWallClockToDate } from "@/lib/berlin-time";

/**
 * A connection's consent status from XS2A's `consent_valid_until` (a calendar date, the last
 * day access is valid) and today's date in Europe/Berlin. Pure: no clock, no constants like
 * "90 days" (banks give 90 or 180; the date XS2A reports is the truth).
 */
export type ConsentLevel = "valid" | "expiring" | "urgent" | "expired" | "unknown";

/** Reminder steps, in days before the end: banners from 14, more urgent at 7, 3, 1 and on the day. */
export const BANNER_FROM_DAYS = 14;
const URGENT_DAYS = 3;

export type ConsentStep = 14 | 7 | 3 | 1 | 0 | -1;

export interface ConsentStatus {
  level: ConsentLevel;
  /** Whole days from today to the end date (0 = ends today, negative = ended). */
  daysLeft: number | null;
  /** The step the banner is at: 14, 7, 3, 1, 0 (today) or -1 (expired); null when no banner. */
  step: ConsentStep | null;
}

const dayNumber = (ymd: string) => {
  const [y, m, d] = ymd.slice(0, 10).split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

export function consentStatus(validUntil: string | null | undefined, today: string): ConsentStatus {
  if (!validUntil) return { level: "unknown", daysLeft: null, step: null };
  const daysLeft = dayNumber(validUntil) - dayNumber(today);
  if (daysLeft < 0) return { level: "expired", daysLeft, step: -1 };
  const step =
    daysLeft === 0
      ? 0
      : daysLeft <= 1
        ? 1
        : daysLeft <= 3
          ? 3
          : daysLeft <= 7
            ? 7
            : daysLeft <= BANNER_FROM_DAYS
              ? 14
              : null;
  const level = daysLeft <= URGENT_DAYS ? "urgent" : daysLeft <= BANNER_FROM_DAYS ? "expiring" : "valid";
  return { level, daysLeft, step };
}

/** The status at an instant: "today" is the Berlin calendar day of that instant, whatever the server's zone. */
export function consentStatusAt(validUntil: string | null | undefined, at: Date): ConsentStatus {
  return consentStatus(validUntil, berlinToday(at));
}

export const toYmd = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

/** Due for renewal: a banner is shown and "Renew all" includes it (14 days or less, or expired). */
export const isConsentDue = (s: ConsentStatus) => s.step !== null;

/** Email reminder thresholds: 14, 7 and 1 days before the end, and 0 = expired. */
export type ReminderThreshold = 14 | 7 | 1 | 0;

/**
 * The email threshold reached today, or null. Only the most urgent one is due: a job that did
 * not run for a week sends "1 day left", not a stale "14 days left" as well.
 */
export function reminderThreshold(s: ConsentStatus): ReminderThreshold | null {
  if (s.daysLeft === null) return null;
  if (s.daysLeft < 0) return 0;
  if (s.daysLeft <= 1) return 1;
  if (s.daysLeft <= 7) return 7;
  if (s.daysLeft <= BANNER_FROM_DAYS) return 14;
  return null;
}

const addDays = (ymd: string, days: number) =>
  new Date((dayNumber(ymd) + days) * 86_400_000).toISOString().slice(0, 10);

/** The instant the consent's last day ends: midnight in Berlin after `validUntil` (23 or 25 hours on DST days). */
export function consentEndsAt(validUntil: string): Date {
  const [y, m, d] = addDays(validUntil, 1).split("-").map(Number);
  return berlinWallClockToDate(y, m, d, 0, 0, 0);
}

const SNOOZE_MS = 86_400_000;

/**
 * Until when "snooze for a day" hides a banner: 24 hours, but never past the end of the expiry
 * day, so the "expired" banner always appears. Null when nothing can be snoozed (already expired
 * or no end date).
 */
export function snoozeUntil(validUntil: string | null | undefined, at: Date): Date | null {
  if (!validUntil) return null;
  const end = consentEndsAt(validUntil).getTime();
  if (end <= at.getTime()) return null;
  return new Date(Math.min(at.getTime() + SNOOZE_MS, end));
}

export const isSnoozed = (snoozedUntil: Date | null | undefined, at: Date) =>
  !!snoozedUntil && snoozedUntil.getTime() > at.getTime();
