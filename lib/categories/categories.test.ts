import { describe, expect, it } from "vitest";
import { categoryColor, categoryGroup, categoryName, knownCategory, ownCategoryLookup } from "./categories";
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

describe("own categories", () => {
  const own = ownCategoryLookup([{ ref: "u:clx0123456789", fullName: "Mobility → Fuel", color: "#be123c" }]);
  it("are named and coloured through the lookup; one no longer there reads as uncategorised, never as its id", () => {
    expect(categoryName("u:clx0123456789", "de", own)).toBe("Mobility → Fuel");
    expect(categoryColor("u:clx0123456789", own)).toBe("#be123c");
    expect(categoryName("u:clxdeleted0000", "en", own)).toBe("Uncategorised");
    expect(categoryName("u:clxdeleted0000", "de", own)).toBe("Ohne Kategorie");
    expect(categoryColor("K.2.1", own)).toBeNull();
  });
});
