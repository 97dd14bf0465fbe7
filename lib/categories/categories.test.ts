import { describe, expect, it } from "vitest";
import { categoryGroup, categoryName, knownCategory } from "./categories";
import { COFFEE, GROCERS, ONLINE, SHOPS, DIRECT_DEBITS } from "@/lib/xs2a-sandbox/generator/merchants";

describe("XS2A categories", () => {
  it("names every category id the sandbox generates, in German and English", () => {
    const ids = [...GROCERS, ...SHOPS, ...ONLINE, COFFEE, ...DIRECT_DEBITS]
      .map((m) => m.category_id)
      .concat(["K.1.1", "E.1.1", "K.6.1", "E.3.1", "E.2.1", "E.4.1", "N.1.1", "K.5.2"]);
    for (const id of ids) expect(knownCategory(id), id).toBe(id);
    expect(categoryName("K.1.1", "de")).toBe("Miete");
    expect(categoryName("K.2.1", "en")).toBe("Groceries");
  });

  it("falls back to the nearest known parent, then to 'uncategorised'", () => {
    expect(categoryName("K.2.9", "de")).toBe("Essen & Trinken");
    expect(categoryName("K.99.1.4", "en")).toBe("Spending");
    expect(categoryName("Z.1", "en")).toBe("Uncategorised");
    expect(categoryName(null, "de")).toBe("Ohne Kategorie");
  });

  it("groups by the first two levels for charts", () => {
    expect(categoryGroup("K.2.1")).toBe("K.2");
    expect(categoryGroup("K.2.9")).toBe("K.2");
    expect(categoryGroup("E")).toBe("E");
    expect(categoryGroup(null)).toBe("");
  });
});
