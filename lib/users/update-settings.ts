import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/auth/viewer";

export const settingsInput = z
  .object({
    locale: z.enum(["de", "en", "auto"]).optional(),
    emailReminders: z.boolean().optional(),
    contractAlertEmails: z.boolean().optional(),
  })
  .strict();

export async function updateSettings({ viewer, input }: { viewer: Viewer; input: z.infer<typeof settingsInput> }) {
  const userId = viewer.id;
  await db.user.update({
    where: { id: userId },
    data: {
      ...(input.locale !== undefined ? { locale: input.locale === "auto" ? null : input.locale } : {}),
      ...(input.emailReminders !== undefined ? { emailReminders: input.emailReminders } : {}),
      ...(input.contractAlertEmails !== undefined ? { contractAlertEmails: input.contractAlertEmails } : {}),
    },
  });
}
