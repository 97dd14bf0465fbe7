"use server";
import { revalidatePath } from "next/cache";
import { setUserDisabled, setUserDisabledInput } from "@/lib/admin/set-user-disabled";
import { defineAction } from "@/lib/actions/define-action";

// access "admin": anyone else gets code not_found, whatever page the POST is sent to.
export const setUserDisabledAction = defineAction({
  schema: setUserDisabledInput,
  access: "admin",
  run: async (input, admin) => {
    const result = await setUserDisabled({ admin, input });
    revalidatePath("/admin", "layout");
    return result;
  },
});
