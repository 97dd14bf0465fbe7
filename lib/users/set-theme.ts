import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/auth/viewer";

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const themeInput = z.object({ theme: z.enum(THEMES) }).strict();

/** The viewer's appearance: follow the device ("system"), or always light or dark. */
export async function setTheme({ viewer, input }: { viewer: Viewer; input: z.infer<typeof themeInput> }) {
  await db.user.update({ where: { id: viewer.id }, data: { theme: input.theme } });
}
