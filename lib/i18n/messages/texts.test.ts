// Texts as a careful reader sees them (issue 18, "Texts and formats"): one German word per concept,
// no doubled punctuation when a bank's sentence is put inside ours, and the bank's own words
// introduced as such.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CategoryTick } from "@/components/charts/category-plot";
import { categoryName } from "@/lib/categories/categories";
import { messages } from "@/lib/i18n/messages";

const BANK_SENTENCE = "Die Bank ist derzeit nicht erreichbar. Bitte versuchen Sie es später erneut.";

/** Every text of a dictionary; functions are called with sample arguments (a sentence, a number). */
function texts(node: unknown, path = ""): { path: string; text: string }[] {
  if (typeof node === "string") return [{ path, text: node }];
  if (typeof node === "function") {
    const out: { path: string; text: string }[] = [];
    for (const args of [
      ["Testbank", "Testbank", "Testbank", 3],
      ["Testbank", "02.03.2027", 2, 5],
      [3, 3, 3],
    ]) {
      try {
        const v = (node as (...a: unknown[]) => unknown)(...args);
        if (typeof v === "string") out.push({ path, text: v });
      } catch {
        // a text that needs other arguments: covered by the other samples
      }
    }
    return out;
  }
  if (node && typeof node === "object")
    return Object.entries(node).flatMap(([k, v]) => texts(v, path ? `${path}.${k}` : k));
  return [];
}

describe("German uses one term per concept", () => {
  it("sync is 'Aktualisierung'/'aktualisieren' everywhere: never 'Abgleich', 'Synchronisierung' or 'Bank-User'", () => {
    const de = texts(messages("de"));
    expect(de.length).toBeGreaterThan(300);
    const odd = de.filter((t) => /abgleich|gleiche .* ab\b|synchronisier|bank-user/i.test(t.text));
    expect(odd).toEqual([]);
    expect(de.some((t) => /Aktualisierung/.test(t.text))).toBe(true);
  });
});

describe("a bank's sentence inside ours", () => {
  it("never doubles a period", () => {
    for (const locale of ["en", "de"] as const) {
      expect(texts(messages(locale)).filter((t) => /[^.]\.\.(?!\.)/.test(t.text))).toEqual([]);
      // The texts that carry the bank's own sentence, which usually ends in a period.
      const m = messages(locale).banks;
      for (const text of [m.wizardError(BANK_SENTENCE), m.bankSays(BANK_SENTENCE)])
        expect(text).not.toMatch(/[^.]\.\.(?!\.)/);
    }
    expect(messages("en").banks.wizardError("Please try again later.")).toBe(
      "The bank login failed. Your bank said: “Please try again later.” Nothing was linked. Please start again.",
    );
  });

  it("is introduced as the bank's words, quoted in the language's style", () => {
    expect(messages("en").banks.bankSays(BANK_SENTENCE)).toBe(`Your bank said: “${BANK_SENTENCE}”`);
    expect(messages("de").banks.bankSays(BANK_SENTENCE)).toBe(`Deine Bank meldet: „${BANK_SENTENCE}“`);
    expect(messages("de").banks.wizardError("Falsche PIN.")).toContain("Deine Bank meldet: „Falsche PIN.“");
  });
});

describe("category names on the spending chart", () => {
  it("are drawn as one line, so 'Utilities & contracts' reads with its space", () => {
    const name = categoryName("K.3", "en");
    expect(name).toBe("Utilities & contracts");
    const svg = renderToStaticMarkup(
      createElement("svg", null, createElement(CategoryTick, { x: 150, y: 20, payload: { value: name } })),
    );
    expect(svg).not.toContain("<tspan");
    expect(svg).toContain(">Utilities &amp; contracts</text>");
  });
});
