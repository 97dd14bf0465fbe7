"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { requireRecentAuth } from "@/lib/auth/reauth";
import { requireVerifiedEmail } from "@/lib/auth/verify-email";
import { abortWizard, abortWizardInput } from "@/lib/wizard/abort-wizard";
import { completeWizard, completeWizardInput } from "@/lib/wizard/complete-wizard";
import { removeConnection, removeConnectionInput } from "@/lib/connections/remove-connection";
import { renameConnection, renameConnectionInput } from "@/lib/connections/rename-connection";
import { startLink, startLinkInput } from "@/lib/wizard/start-link";
import { getLocale } from "@/lib/i18n/server";

export const startLinkAction = defineAction({
  schema: startLinkInput,
  // Linking a bank waits for a confirmed email and a fresh re-authentication (issue 14).
  run: async (input, viewer) => {
    await requireVerifiedEmail(viewer);
    await requireRecentAuth(viewer);
    return startLink({ viewer, locale: await getLocale(), input });
  },
});

/**
 * No revalidation here: the wizard page stays while the queued import runs (a re-render would
 * find its wizard closed), then navigates and refreshes itself.
 */
export const completeWizardAction = defineAction({
  schema: completeWizardInput,
  run: async (input, viewer) => completeWizard({ viewer, input }),
});

export const abortWizardAction = defineAction({
  schema: abortWizardInput,
  run: async (input, viewer) => abortWizard({ viewer, input }),
});

export const removeConnectionAction = defineAction({
  schema: removeConnectionInput,
  run: async (input, viewer) => {
    await requireRecentAuth(viewer);
    await removeConnection({ viewer, input });
    revalidatePath("/", "layout");
  },
});

export const renameConnectionAction = defineAction({
  schema: renameConnectionInput,
  run: async (input, viewer) => {
    const result = await renameConnection({ viewer, input });
    revalidatePath("/", "layout");
    return result;
  },
});
