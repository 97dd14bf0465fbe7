"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { renewConsent, renewConsentInput } from "@/lib/wizard/start-renew";
import { snoozeConsentReminder, snoozeConsentReminderInput } from "@/lib/consent/snooze-consent-reminder";

/** "Renew now": XS2A reset → a RENEW wizard session; the browser then opens /banks/wizard/<id>. */
export const renewConsentAction = defineAction({
  schema: renewConsentInput,
  run: async (input, viewer) => renewConsent({ viewer, input }),
});

export const snoozeConsentReminderAction = defineAction({
  schema: snoozeConsentReminderInput,
  run: async (input, viewer) => {
    const result = await snoozeConsentReminder({ viewer, input });
    revalidatePath("/", "layout");
    return result;
  },
});
