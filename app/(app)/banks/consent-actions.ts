"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { formFields } from "@/lib/actions/form-fields";
import { renewConsent, renewConsentInput } from "@/lib/wizard/start-renew";
import { snoozeConsentReminder, snoozeConsentReminderInput } from "@/lib/consent/snooze-consent-reminder";

/** "Renew now": XS2A reset → a RENEW wizard session; the browser then opens /banks/wizard/<id>. */
export const renewConsentAction = defineAction({
  schema: renewConsentInput,
  run: async (input, viewer) => renewConsent({ viewer, input }),
});

/**
 * "Remind me tomorrow". Also the banner form's action: a click before the page's JavaScript ran
 * (or without JavaScript) posts the form, and the page comes back without the banner.
 */
export const snoozeConsentReminderAction = defineAction({
  schema: z.preprocess(formFields("connectionId"), snoozeConsentReminderInput),
  run: async (input, viewer) => {
    const result = await snoozeConsentReminder({ viewer, input });
    revalidatePath("/", "layout");
    return result;
  },
});
