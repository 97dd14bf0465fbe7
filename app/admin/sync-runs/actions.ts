"use server";
import { revalidatePath } from "next/cache";
import { dismissQuarantinedTurnover, dismissQuarantinedTurnoverInput } from "@/lib/admin/dismiss-quarantined-turnover";
import { rerunImport, rerunImportInput } from "@/lib/admin/rerun-import";
import { defineAction } from "@/lib/actions/define-action";

// access "admin": anyone else gets code not_found, whatever page the POST is sent to.
export const rerunImportAction = defineAction({
  schema: rerunImportInput,
  access: "admin",
  run: async (input, admin) => {
    const result = await rerunImport({ admin, input });
    revalidatePath("/admin", "layout");
    return result;
  },
});

// access "admin": anyone else gets code not_found.
export const dismissQuarantinedTurnoverAction = defineAction({
  schema: dismissQuarantinedTurnoverInput,
  access: "admin",
  run: async (input, admin) => {
    const result = await dismissQuarantinedTurnover({ admin, input });
    revalidatePath("/admin", "layout");
    revalidatePath("/banks");
    return result;
  },
});
