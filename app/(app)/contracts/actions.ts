"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { detectContractsNow } from "@/lib/contracts/detect-contracts-now";
import {
  markContractStart,
  markContractStartInput,
  mergeContracts,
  mergeContractsInput,
  splitContract,
  splitContractInput,
} from "@/lib/contracts/shape-contracts";
import { updateContract, updateContractInput } from "@/lib/contracts/update-contract";

export const updateContractAction = defineAction({
  schema: updateContractInput,
  run: async (input, viewer) => {
    const result = await updateContract({ viewer, input });
    revalidatePath("/contracts");
    return result;
  },
});

export const detectContractsAction = defineAction({
  schema: z.object({}).strict(),
  run: async (_input, viewer) => {
    const result = await detectContractsNow({ viewer });
    revalidatePath("/contracts");
    return result;
  },
});

export const mergeContractsAction = defineAction({
  schema: mergeContractsInput,
  run: async (input, viewer) => {
    const result = await mergeContracts({ viewer, input });
    revalidatePath("/contracts");
    return result;
  },
});

export const splitContractAction = defineAction({
  schema: splitContractInput,
  run: async (input, viewer) => {
    const result = await splitContract({ viewer, input });
    revalidatePath("/contracts");
    return result;
  },
});

export const markContractStartAction = defineAction({
  schema: markContractStartInput,
  run: async (input, viewer) => {
    const result = await markContractStart({ viewer, input });
    revalidatePath("/contracts");
    return result;
  },
});
