"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { deleteBudget, deleteBudgetInput, saveBudget, saveBudgetInput } from "@/lib/budgets/budgets";
import { today } from "@/lib/clock";

export const saveBudgetAction = defineAction({
  schema: saveBudgetInput,
  run: async (input, viewer) => {
    const result = await saveBudget({ viewer, input, today: await today() });
    revalidatePath("/budgets");
    revalidatePath("/dashboard");
    return result;
  },
});

export const deleteBudgetAction = defineAction({
  schema: deleteBudgetInput,
  run: async (input, viewer) => {
    const result = await deleteBudget({ viewer, input });
    revalidatePath("/budgets");
    revalidatePath("/dashboard");
    return result;
  },
});
