"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getLocale } from "@/lib/i18n/server";
import { requestSync, requestSyncAll, requestSyncInput } from "@/lib/connections/request-sync";
import { startRelink, startRelinkInput } from "@/lib/wizard/start-relink";

export const syncNowAction = defineAction({
  schema: requestSyncInput,
  run: async (input, viewer) => requestSync({ viewer, input }),
});

export const syncAllAction = defineAction({
  schema: z.object({}).strict(),
  run: async (_input, viewer) => {
    const result = await requestSyncAll({ viewer });
    revalidatePath("/banks");
    return result;
  },
});

export const relinkAction = defineAction({
  schema: startRelinkInput,
  run: async (input, viewer) => startRelink({ viewer, locale: await getLocale(), input }),
});
