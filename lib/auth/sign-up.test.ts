import { describe, expect, it } from "vitest";
import { signUpInput } from "@/lib/auth/sign-up";

/** The refusal as defineAction builds it: the first issue per field. */
function fieldsOf(input: unknown): Record<string, string> {
  const parsed = signUpInput.safeParse(input);
  const fields: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) fields[issue.path.join(".")] ??= issue.message;
  return fields;
}

describe("sign-up input", () => {
  it("names every field's problem at once: a bad email and a 5-character password", () => {
    const fields = fieldsOf({ email: "not-an-email", password: "12345" });
    expect(Object.keys(fields).sort()).toEqual(["email", "password"]);
    expect(fields.password).toBe("too_short");
    expect(fieldsOf({ email: "a@example.com", password: "Password123" })).toEqual({ password: "too_common" });
    expect(fieldsOf({ email: "a@example.com", password: "a long enough pass phrase" })).toEqual({});
  });
});
