"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import {
  applyRule,
  createRule,
  createRuleInput,
  deleteRule,
  moveRule,
  moveRuleInput,
  previewDraftRule,
  previewDraftRuleInput,
  previewRule,
  ruleIdInput,
  updateRule,
  updateRuleInput,
} from "@/lib/transactions/rules";

const changed = () => {
  revalidatePath("/rules");
  revalidatePath("/transactions");
  revalidatePath("/dashboard");
};

export const createRuleAction = defineAction({
  schema: createRuleInput,
  run: async (input, viewer) => {
    const result = await createRule({ viewer, input });
    revalidatePath("/rules");
    return result;
  },
});

export const updateRuleAction = defineAction({
  schema: updateRuleInput,
  run: async (input, viewer) => {
    const result = await updateRule({ viewer, input });
    revalidatePath("/rules");
    return result;
  },
});

export const deleteRuleAction = defineAction({
  schema: ruleIdInput,
  run: async (input, viewer) => {
    const result = await deleteRule({ viewer, input });
    revalidatePath("/rules");
    return result;
  },
});

export const moveRuleAction = defineAction({
  schema: moveRuleInput,
  run: async (input, viewer) => {
    const result = await moveRule({ viewer, input });
    revalidatePath("/rules");
    return result;
  },
});

export const previewRuleAction = defineAction({
  schema: ruleIdInput,
  run: async (input, viewer) => previewRule({ viewer, input }),
});

/** Counts and lists what a rule being written would change; writes nothing. */
export const previewDraftRuleAction = defineAction({
  schema: previewDraftRuleInput,
  run: async (input, viewer) => previewDraftRule({ viewer, input }),
});

export const applyRuleAction = defineAction({
  schema: ruleIdInput,
  run: async (input, viewer) => {
    const result = await applyRule({ viewer, input });
    changed();
    return result;
  },
});
