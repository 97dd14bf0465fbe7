"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { deleteAccount, deleteAccountInput } from "@/lib/users/delete-account";
import { signOutEverywhere } from "@/lib/users/sign-out-everywhere";
import { requestDataExport } from "@/lib/export/request-data-export";
import { settingsInput, updateSettings } from "@/lib/users/update-settings";
import { setTheme, themeInput } from "@/lib/users/set-theme";

export const updateSettingsAction = defineAction({
  schema: settingsInput,
  run: async (input, viewer) => {
    await updateSettings({ viewer, input });
    revalidatePath("/", "layout");
  },
});

export const setThemeAction = defineAction({
  schema: themeInput,
  run: async (input, viewer) => {
    await setTheme({ viewer, input });
    revalidatePath("/", "layout");
  },
});

export const signOutEverywhereAction = defineAction({
  schema: z.object({}).strict(),
  run: async (_input, viewer) => signOutEverywhere({ viewer }),
});

export const deleteAccountAction = defineAction({
  schema: deleteAccountInput,
  run: async (input, viewer) => deleteAccount({ viewer, input }),
});

export const requestDataExportAction = defineAction({
  schema: z.object({}).strict(),
  run: async (_input, viewer) => requestDataExport({ viewer }),
});
