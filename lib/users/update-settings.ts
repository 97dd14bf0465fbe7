import { z } from "zod";
import { db } from "@/lib/db";

export const settingsInput = z
  .object({
    locale: z.enum(["de", "en", "auto"]).optional(),
    emailReminders: z.boolean().optional(),
  })
  .strict();

export async function updateSettings({ userId, input }: { userId: string; input: z.infer<typeof settingsInput> }) {
  await db.user.update({
    where: { id: userId },
    data: {
      ...(input.locale !== undefined ? { locale: input.locale === "auto" ? null : input.locale } : {}),
      ...(input.emailReminders !== undefined ? { emailReminders: input.emailReminders } : {}),
    },
  });
}
