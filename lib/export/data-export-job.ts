import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { deliverEmail, queueEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { emailLocale } from "@/lib/i18n/locale";
import { messages } from "@/lib/i18n/messages";
import { defineJob } from "@/lib/jobs/define-job";
import { log } from "@/lib/log";
import { buildUserExport } from "./build-user-export.ts";

/**
 * Builds one requested export (PENDING → READY) and emails its owner that it is waiting in
 * Settings. A redelivered job finds it no longer PENDING and does nothing.
 */
export const dataExportJob = defineJob({
  name: "data-export",
  payload: z.object({ exportId: z.string().min(1).max(64) }),
  queue: { policy: "standard", retryLimit: 2, retryDelay: 30, expireInSeconds: 900 },
  async handle({ exportId }) {
    const request = await db.dataExport.findUnique({
      where: { id: exportId },
      select: { status: true, userId: true, user: { select: { email: true, locale: true, browserLocale: true } } },
    });
    if (!request || request.status !== "PENDING") return;
    let content: Buffer;
    try {
      content = await buildUserExport(request.userId);
    } catch (err) {
      log.error({ err, exportId }, "data export failed");
      await db.dataExport.updateMany({ where: { id: exportId, status: "PENDING" }, data: { status: "FAILED" } });
      return;
    }
    const m = messages(emailLocale(request.user)).dataExport;
    const emailId = await db.$transaction(async (tx) => {
      const done = await tx.dataExport.updateMany({
        where: { id: exportId, status: "PENDING" },
        data: { status: "READY", readyAt: new Date(), content: new Uint8Array(content), size: content.length },
      });
      if (done.count === 0) return null;
      const email = await queueEmail(tx, {
        userId: request.userId,
        to: request.user.email,
        subject: m.emailSubject,
        text: m.emailBody(`${env().appUrl}/settings`),
      });
      return email.id;
    });
    if (emailId) await deliverEmail(emailId);
    log.info({ exportId, bytes: content.length }, "data export ready");
  },
});
