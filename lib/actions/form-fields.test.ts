import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formFields } from "./form-fields";

const schema = z.preprocess(formFields("connectionId"), z.object({ connectionId: z.string().min(1) }).strict());

describe("formFields: an action's input from a posted form", () => {
  it("takes only the named fields of a FormData, so the strict schema checks them as any input", () => {
    const form = new FormData();
    form.set("connectionId", "c1");
    form.set("$ACTION_ID_abc", "");
    expect(schema.parse(form)).toEqual({ connectionId: "c1" });
    expect(schema.parse({ connectionId: "c2" })).toEqual({ connectionId: "c2" });
  });

  it("a missing field, a file or an extra key in plain input is refused", () => {
    expect(schema.safeParse(new FormData()).success).toBe(false);
    const withFile = new FormData();
    withFile.set("connectionId", new Blob(["x"]));
    expect(schema.safeParse(withFile).success).toBe(false);
    expect(schema.safeParse({ connectionId: "c1", other: 1 }).success).toBe(false);
  });
});
