"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import {
  createCategory,
  createCategoryInput,
  deleteCategory,
  deleteCategoryInput,
  mergeCategory,
  mergeCategoryInput,
  updateCategory,
  updateCategoryInput,
} from "@/lib/transactions/own-categories";

// Names show on every signed-in page (the layout reads them), so the whole app is redrawn.
const changed = () => revalidatePath("/", "layout");

export const createCategoryAction = defineAction({
  schema: createCategoryInput,
  run: async (input, viewer) => {
    const result = await createCategory({ viewer, input });
    changed();
    return result;
  },
});

export const updateCategoryAction = defineAction({
  schema: updateCategoryInput,
  run: async (input, viewer) => {
    const result = await updateCategory({ viewer, input });
    changed();
    return result;
  },
});

export const deleteCategoryAction = defineAction({
  schema: deleteCategoryInput,
  run: async (input, viewer) => {
    const result = await deleteCategory({ viewer, input });
    changed();
    return result;
  },
});

export const mergeCategoryAction = defineAction({
  schema: mergeCategoryInput,
  run: async (input, viewer) => {
    const result = await mergeCategory({ viewer, input });
    changed();
    return result;
  },
});
