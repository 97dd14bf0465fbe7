import { describe, expect, it } from "vitest";
import { emailLocale, pickLocale } from "@/lib/i18n/locale";

describe("which language Saldo speaks", () => {
  it("on a page: the user's choice, else the browser's first supported language, else German", () => {
    expect(pickLocale("en", "de-DE")).toBe("en");
    expect(pickLocale(null, "fr-FR,en;q=0.8,de;q=0.5")).toBe("en");
    expect(pickLocale(null, "de;q=0.9,en;q=0.95")).toBe("en");
    expect(pickLocale(null, "fr-FR")).toBe("de");
    expect(pickLocale(null, null)).toBe("de");
  });

  it("in an email sent without a request: the choice, else the browser's at the last sign-in, else German", () => {
    expect(emailLocale({ locale: "de", browserLocale: "en" })).toBe("de");
    expect(emailLocale({ locale: null, browserLocale: "en" })).toBe("en");
    expect(emailLocale({ locale: null, browserLocale: null })).toBe("de");
  });
});
