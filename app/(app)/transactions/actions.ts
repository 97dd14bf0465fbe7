"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import {
  pairTransfer,
  pairTransferInput,
  transferCandidates,
  transferCandidatesInput,
  unpairTransfer,
  unpairTransferInput,
} from "@/lib/transfers/pair-transfers";
import { setTransactionDetails, setTransactionDetailsInput } from "@/lib/transactions/set-transaction-details";

export const setTransactionDetailsAction = defineAction({
  schema: setTransactionDetailsInput,
  run: async (input, viewer) => {
    const result = await setTransactionDetails({ viewer, input });
    revalidatePath("/dashboard");
    return result;
  },
});

export const pairTransferAction = defineAction({
  schema: pairTransferInput,
  run: async (input, viewer) => {
    const result = await pairTransfer({ viewer, input });
    revalidatePath("/dashboard");
    revalidatePath("/budgets");
    return result;
  },
});

export const unpairTransferAction = defineAction({
  schema: unpairTransferInput,
  run: async (input, viewer) => {
    const result = await unpairTransfer({ viewer, input });
    revalidatePath("/dashboard");
    revalidatePath("/budgets");
    return result;
  },
});

/** A read, as an action: the other sides a row may be paired with by hand (opened from its details). */
export const transferCandidatesAction = defineAction({
  schema: transferCandidatesInput,
  run: (input, viewer) => transferCandidates({ viewer, input }),
});
