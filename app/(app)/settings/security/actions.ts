"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { requestEmailChange, requestEmailChangeInput } from "@/lib/auth/change-email";
import { changePassword, changePasswordInput } from "@/lib/auth/change-password";
import {
  finishPasskeyReauth,
  finishPasskeyReauthInput,
  startPasskeyReauth,
  startPasskeyReauthInput,
} from "@/lib/auth/passkeys/reauth-with-passkey";
import { reauthenticate, reauthenticateInput } from "@/lib/auth/reauth";
import { revokeOtherSessions, revokeSession, revokeSessionInput } from "@/lib/auth/sessions/revoke-session";
import { resendVerification } from "@/lib/auth/verify-email";

export const reauthenticateAction = defineAction({
  schema: reauthenticateInput,
  run: async (input, viewer) => reauthenticate({ viewer, input }),
});

/** The re-auth dialog's "Use a passkey": options for the viewer's own passkeys, then the check. */
export const startPasskeyReauthAction = defineAction({
  schema: startPasskeyReauthInput,
  run: async (_input, viewer) => startPasskeyReauth({ viewer }),
});

export const finishPasskeyReauthAction = defineAction({
  schema: finishPasskeyReauthInput,
  run: async (input, viewer) => finishPasskeyReauth({ viewer, input }),
});

export const revokeSessionAction = defineAction({
  schema: revokeSessionInput,
  run: async (input, viewer) => {
    const result = await revokeSession({ viewer, input });
    revalidatePath("/settings/security");
    return result;
  },
});

export const revokeOtherSessionsAction = defineAction({
  schema: z.object({}).strict(),
  run: async (_input, viewer) => {
    const result = await revokeOtherSessions({ viewer });
    revalidatePath("/settings/security");
    return result;
  },
});

export const changePasswordAction = defineAction({
  schema: changePasswordInput,
  run: async (input, viewer) => {
    const result = await changePassword({ viewer, input });
    revalidatePath("/settings/security");
    return result;
  },
});

export const requestEmailChangeAction = defineAction({
  schema: requestEmailChangeInput,
  run: async (input, viewer) => {
    const result = await requestEmailChange({ viewer, input });
    revalidatePath("/settings/security");
    return result;
  },
});

export const resendVerificationAction = defineAction({
  schema: z.object({}).strict(),
  run: async (_input, viewer) => resendVerification({ viewer }),
});
