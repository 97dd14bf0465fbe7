"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import {
  finishPasskeyRegistration,
  finishPasskeyRegistrationInput,
} from "@/lib/auth/passkeys/finish-passkey-registration";
import { removePasskey, removePasskeyInput } from "@/lib/auth/passkeys/remove-passkey";
import { renamePasskey, renamePasskeyInput } from "@/lib/auth/passkeys/rename-passkey";
import {
  startPasskeyRegistration,
  startPasskeyRegistrationInput,
} from "@/lib/auth/passkeys/start-passkey-registration";
import { regenerateRecoveryCodes, regenerateRecoveryCodesInput } from "@/lib/auth/regenerate-recovery-codes";
import { confirmTotpSetup, confirmTotpSetupInput } from "@/lib/auth/totp/confirm-totp-setup";
import { startTotpSetup, startTotpSetupInput } from "@/lib/auth/totp/start-totp-setup";
import { turnOffTotp, turnOffTotpInput } from "@/lib/auth/totp/turn-off-totp";
import { forgetTrustedDevice, forgetTrustedDeviceInput } from "@/lib/auth/forget-trusted-device";
import { revokeTrustedDevices } from "@/lib/auth/trusted-device";

const PAGE = "/settings/two-factor";

export const startTotpSetupAction = defineAction({
  schema: startTotpSetupInput,
  run: async (input, viewer) => startTotpSetup({ viewer, input }),
});

export const confirmTotpSetupAction = defineAction({
  schema: confirmTotpSetupInput,
  run: async (input, viewer) => {
    const result = await confirmTotpSetup({ viewer, input });
    revalidatePath(PAGE);
    return result;
  },
});

export const turnOffTotpAction = defineAction({
  schema: turnOffTotpInput,
  run: async (input, viewer) => {
    await turnOffTotp({ viewer, input });
    revalidatePath(PAGE);
  },
});

export const regenerateRecoveryCodesAction = defineAction({
  schema: regenerateRecoveryCodesInput,
  run: async (input, viewer) => {
    const result = await regenerateRecoveryCodes({ viewer, input });
    revalidatePath(PAGE);
    return result;
  },
});

export const forgetDevicesAction = defineAction({
  schema: z.object({}).strict(),
  run: async (_input, viewer) => {
    await revokeTrustedDevices({ userId: viewer.id });
    revalidatePath(PAGE);
  },
});

export const forgetDeviceAction = defineAction({
  schema: forgetTrustedDeviceInput,
  run: async (input, viewer) => {
    await forgetTrustedDevice({ viewer, input });
    revalidatePath(PAGE);
  },
});

export const startPasskeyRegistrationAction = defineAction({
  schema: startPasskeyRegistrationInput,
  run: async (input, viewer) => startPasskeyRegistration({ viewer, input }),
});

export const finishPasskeyRegistrationAction = defineAction({
  schema: finishPasskeyRegistrationInput,
  run: async (input, viewer) => {
    const result = await finishPasskeyRegistration({ viewer, input });
    revalidatePath(PAGE);
    return result;
  },
});

export const renamePasskeyAction = defineAction({
  schema: renamePasskeyInput,
  run: async (input, viewer) => {
    await renamePasskey({ viewer, input });
    revalidatePath(PAGE);
  },
});

export const removePasskeyAction = defineAction({
  schema: removePasskeyInput,
  run: async (input, viewer) => {
    await removePasskey({ viewer, input });
    revalidatePath(PAGE);
  },
});
