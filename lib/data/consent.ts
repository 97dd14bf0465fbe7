import "server-only";
import { cachedForUser, clockMinute } from "@/lib/cache/user-cache";
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import {
  consentStatusAt,
  isConsentDue,
  isSnoozed,
  snoozeUntil,
  toYmd,
  type ConsentStep,
} from "@/lib/consent/consent-status";
import { planRenewWalk, type DueConnection, type RenewWalk } from "@/lib/consent/renew-all";
import { smtpConfigured } from "@/lib/email/send-email";
import { connectionNamer, namingSelect } from "@/lib/data/connection-names";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export interface ConsentBannerDto {
  connectionId: string;
  /** The bank login's name (the user's own, or the default that tells two logins at one bank apart). */
  bankName: string | null;
  validUntil: string;
  step: ConsentStep;
  daysLeft: number;
  canSnooze: boolean;
}

/** The viewer's ACTIVE connections whose consent is due (14 days or less, or expired), most urgent first. */
async function dueConnections(viewer: Viewer, at: Date): Promise<(DueConnection & { snoozedUntil: Date | null })[]> {
  const rows = await db.bankConnection.findMany({
    where: { userId: viewer.id, status: "ACTIVE", consentValidUntil: { not: null } },
    orderBy: [{ consentValidUntil: "asc" }, { createdAt: "asc" }],
    select: { id: true, consentValidUntil: true, consentSnoozedUntil: true, ...namingSelect },
  });
  const nameOfConnection = await connectionNamer(viewer.id);
  return rows
    .map((r) => {
      const validUntil = toYmd(r.consentValidUntil)!;
      return {
        id: r.id,
        bankName: nameOfConnection(r),
        validUntil,
        consent: consentStatusAt(validUntil, at),
        snoozedUntil: r.consentSnoozedUntil,
      };
    })
    .filter((r) => isConsentDue(r.consent));
}

/** Banners for every signed-in page: due and not snoozed; `dueCount` includes snoozed ones ("Renew all (n)"). */
export async function listConsentBanners(viewer: Viewer): Promise<{ banners: ConsentBannerDto[]; dueCount: number }> {
  const at = await now();
  // Days left and snoozes are read against the clock: cached for the clock's minute.
  return cachedForUser(viewer.id, "consent-banners", [clockMinute(at)], () => readConsentBanners(viewer, at));
}

async function readConsentBanners(
  viewer: Viewer,
  at: Date,
): Promise<{ banners: ConsentBannerDto[]; dueCount: number }> {
  const due = await dueConnections(viewer, at);
  const banners = due
    .filter((d) => !isSnoozed(d.snoozedUntil, at))
    .map((d) => ({
      connectionId: d.id,
      bankName: d.bankName,
      validUntil: d.validUntil,
      step: d.consent.step!,
      daysLeft: d.consent.daysLeft!,
      canSnooze: snoozeUntil(d.validUntil, at) !== null,
    }));
  return { banners, dueCount: due.length };
}

export interface RenewPageDto {
  walk: RenewWalk;
  /** A bank asked for by id (email link, "Renew" on a card), due or not. */
  focus: DueConnection | null;
  renewed: { id: string; bankName: string | null; validUntil: string | null }[];
}

/** What /banks/renew shows. All ids come from the URL and are checked against the viewer here. */
export async function getRenewPage(
  viewer: Viewer,
  opts: { unverifiedFocusId?: string; done: string[]; skip: string[] },
): Promise<RenewPageDto> {
  const at = await now();
  const due = (await dueConnections(viewer, at)).map((d) => ({
    id: d.id,
    bankName: d.bankName,
    validUntil: d.validUntil,
    consent: d.consent,
  }));
  const mine = await db.bankConnection.findMany({
    where: {
      userId: viewer.id,
      id: { in: [...opts.done, ...(opts.unverifiedFocusId ? [opts.unverifiedFocusId] : [])] },
      status: { in: ["ACTIVE", "DISABLED"] },
    },
    select: { id: true, consentValidUntil: true, status: true, ...namingSelect },
  });
  const nameOfConnection = await connectionNamer(viewer.id);
  const done = opts.done.filter((id) => mine.some((c) => c.id === id));
  const focusRow = mine.find((c) => c.id === opts.unverifiedFocusId && c.status === "ACTIVE");
  const focusYmd = toYmd(focusRow?.consentValidUntil);
  return {
    walk: planRenewWalk({ due, done, skip: opts.skip }),
    focus:
      focusRow && focusYmd
        ? {
            id: focusRow.id,
            bankName: nameOfConnection(focusRow),
            validUntil: focusYmd,
            consent: consentStatusAt(focusYmd, at),
          }
        : null,
    renewed: done
      .map((id) => mine.find((c) => c.id === id)!)
      .map((c) => ({ id: c.id, bankName: nameOfConnection(c), validUntil: toYmd(c.consentValidUntil) })),
  };
}

/** The in-app outbox exists only where emails do not leave the machine: outside production, or without SMTP. */
export const outboxAvailable = () => !env().isProduction || !smtpConfigured();

export interface OutboxEmailDto {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: Date;
}

/** The viewer's own emails, newest first. */
export async function listOutbox(viewer: Viewer, { take = 100 }: { take?: number } = {}): Promise<OutboxEmailDto[]> {
  return db.outboxEmail.findMany({
    where: { userId: viewer.id },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, to: true, subject: true, text: true, createdAt: true },
  });
}

export async function getEmailReminderSetting(viewer: Viewer) {
  const user = await db.user.findUnique({ where: { id: viewer.id }, select: { emailReminders: true } });
  return user?.emailReminders ?? false;
}
