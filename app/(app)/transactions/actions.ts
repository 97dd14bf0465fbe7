"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { setTransactionDetails, setTransactionDetailsInput } from "@/lib/transactions/set-transaction-details";

export const setTransactionDetailsAction = defineAction({
  schema: setTransactionDetailsInput,
  run: async (input, viewer) => {
    const result = await setTransactionDetails({ viewer, input });
    revalidatePath("/dashboard");
    return result;
  },
});
