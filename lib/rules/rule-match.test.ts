import { describe, expect, it } from "vitest";
import {
  applyRules,
  cents,
  foldCase,
  parseRule,
  ruleActionsSchema,
  ruleConditionsSchema,
  ruleMatches,
  type RuleDef,
  type RuleSubject,
} from "./rule-match";

const subject = (over: Partial<RuleSubject> = {}): RuleSubject => ({
  counterpartyName: "REWE Markt GmbH",
  purpose: "REWE SAGT DANKE 4711",
  counterpartyIban: "DE89370400440532013000",
  creditorId: null,
  amount: "-23.45",
  accountId: "acc1",
  bankCode: "88888888",
  ...over,
});
const rule = (
  id: string,
  conditions: RuleDef["conditions"],
  actions: RuleDef["actions"],
  match: "all" | "any" = "all",
) => ({ id, match, conditions, actions }) satisfies RuleDef;

describe("ruleMatches", () => {
  it("matches text conditions as a case-insensitive substring, umlauts included", () => {
    expect(ruleMatches(rule("r", { counterparty: "rewe" }, {}), subject())).toBe(true);
    expect(ruleMatches(rule("r", { purpose: "sagt danke" }, {}), subject())).toBe(true);
    expect(ruleMatches(rule("r", { counterparty: "edeka" }, {}), subject())).toBe(false);
    expect(
      ruleMatches(rule("r", { counterparty: "bäckerei" }, {}), subject({ counterpartyName: "BÄCKEREI Kamps" })),
    ).toBe(true);
    expect(ruleMatches(rule("r", { counterparty: "rewe" }, {}), subject({ counterpartyName: null }))).toBe(false);
  });

  it("compares IBAN and creditor id without spaces and case", () => {
    expect(ruleMatches(rule("r", { counterpartyIban: "de89 3704 0044 0532 0130 00" }, {}), subject())).toBe(true);
    expect(ruleMatches(rule("r", { counterpartyIban: "DE02120300000000202051" }, {}), subject())).toBe(false);
    expect(
      ruleMatches(rule("r", { creditorId: "de98zzz09999999999" }, {}), subject({ creditorId: "DE98ZZZ09999999999" })),
    ).toBe(true);
    expect(ruleMatches(rule("r", { creditorId: "DE98ZZZ09999999999" }, {}), subject())).toBe(false);
  });

  it("bounds the absolute amount inclusively and reads the direction from the sign", () => {
    expect(ruleMatches(rule("r", { amountMin: "23.45", amountMax: "23.45" }, {}), subject())).toBe(true);
    expect(ruleMatches(rule("r", { amountMin: "23.46" }, {}), subject())).toBe(false);
    expect(ruleMatches(rule("r", { amountMax: "23.44" }, {}), subject())).toBe(false);
    expect(ruleMatches(rule("r", { direction: "out" }, {}), subject())).toBe(true);
    expect(ruleMatches(rule("r", { direction: "in" }, {}), subject())).toBe(false);
    expect(ruleMatches(rule("r", { direction: "in" }, {}), subject({ amount: "0.00" }))).toBe(false);
    expect(ruleMatches(rule("r", { direction: "out" }, {}), subject({ amount: "0.00" }))).toBe(false);
  });

  it("matches account and bank", () => {
    expect(ruleMatches(rule("r", { accountId: "acc1", bankCode: "88888888" }, {}), subject())).toBe(true);
    expect(ruleMatches(rule("r", { accountId: "acc2" }, {}), subject())).toBe(false);
    expect(ruleMatches(rule("r", { bankCode: "99990001" }, {}), subject())).toBe(false);
    expect(ruleMatches(rule("r", { bankCode: "99990001" }, {}), subject({ bankCode: null }))).toBe(false);
  });

  it("needs every condition with all, one with any", () => {
    const conds = { counterparty: "rewe", direction: "in" as const };
    expect(ruleMatches(rule("r", conds, {}, "all"), subject())).toBe(false);
    expect(ruleMatches(rule("r", conds, {}, "any"), subject())).toBe(true);
    expect(ruleMatches(rule("r", {}, {}, "any"), subject())).toBe(false);
  });
});

describe("applyRules", () => {
  it("lets the first matching rule set the category and the shown name; tags of all are added", () => {
    const rules = [
      rule("a", { counterparty: "edeka" }, { category: "K.2.2" }),
      rule("b", { counterparty: "rewe" }, { category: "K.2.1", tags: ["weekly"], counterparty: "REWE" }),
      rule("c", { direction: "out" }, { category: "K.7", tags: ["spend", "weekly"], counterparty: "Other" }),
    ];
    expect(applyRules(rules, subject())).toEqual({
      category: { value: "K.2.1", ruleId: "b" },
      tags: ["spend", "weekly"],
      counterparty: "REWE",
    });
  });

  it("marks as transfer with the own-transfers category, over a category of the same rule", () => {
    const out = applyRules(
      [rule("t", { counterpartyIban: "DE89370400440532013000" }, { transfer: true, category: "K.1" })],
      subject(),
    );
    expect(out.category).toEqual({ value: "N.1.1", ruleId: "t" });
  });

  it("gives nothing when no rule matches", () => {
    expect(applyRules([rule("a", { counterparty: "edeka" }, { category: "K.2.2" })], subject())).toEqual({
      category: null,
      tags: [],
      counterparty: null,
    });
  });
});

describe("schemas", () => {
  it("refuse a rule without a condition or an action, and a reversed amount range", () => {
    expect(ruleConditionsSchema.safeParse({}).success).toBe(false);
    expect(ruleConditionsSchema.safeParse({ amountMin: "10", amountMax: "5" }).success).toBe(false);
    expect(ruleConditionsSchema.safeParse({ counterparty: "  " }).success).toBe(false);
    expect(ruleConditionsSchema.safeParse({ counterparty: "x", extra: 1 }).success).toBe(false);
    expect(ruleActionsSchema.safeParse({}).success).toBe(false);
    expect(ruleActionsSchema.safeParse({ category: "Z.9.9.9.9" }).success).toBe(false);
    expect(ruleActionsSchema.safeParse({ tags: ["a,b"] }).success).toBe(false);
    expect(ruleActionsSchema.safeParse({ category: "u:clx0123456789abcdef" }).success).toBe(true);
  });

  it("normalise the IBAN when parsing", () => {
    expect(ruleConditionsSchema.parse({ counterpartyIban: "de89 3704 0044 0532 0130 00" }).counterpartyIban).toBe(
      "DE89370400440532013000",
    );
  });

  it("parseRule drops a stored rule whose JSON no longer parses", () => {
    expect(
      parseRule({ id: "x", match: "all", conditions: { counterparty: "a" }, actions: { tags: ["t"] } }),
    ).not.toBeNull();
    expect(parseRule({ id: "x", match: "all", conditions: { nope: 1 }, actions: { tags: ["t"] } })).toBeNull();
  });

  it("cents reads signed decimals exactly", () => {
    expect(cents("-12.5")).toBe(-1250);
    expect(cents("0.07")).toBe(7);
    expect(cents("1234567.89")).toBe(123456789);
    expect(Number.isNaN(cents("1e3"))).toBe(true);
  });

  it("foldCase lowers only A–Z and Ä, Ö, Ü, like PostgreSQL's translate(lower(x)) in any locale", () => {
    expect(foldCase("REWE Markt ÄÖÜ straße")).toBe("rewe markt äöü straße");
    expect(foldCase("ÉCOLE Ñandú")).toBe("École Ñandú");
    expect(foldCase("")).toBe("");
  });
});

describe("applyRules over many rows", () => {
  it("gives every row the same outcome as matching each rule on its own, also with the list reused", () => {
    const rules: RuleDef[] = [
      rule("a", { counterparty: "REWE", direction: "out" }, { category: "K.1.1" }),
      rule("b", { purpose: "danke" }, { tags: ["z", "a"] }),
      rule("c", { counterpartyIban: "DE89370400440532013000" }, { counterparty: "Payee" }),
      rule(
        "d",
        { counterparty: "nomatch", amountMin: "20", amountMax: "30" },
        { category: "K.2.1", tags: ["band"] },
        "any",
      ),
    ];
    const rows = [
      subject(),
      subject({ amount: "25.00", counterpartyName: "Arbeitgeber", purpose: "Lohn" }),
      subject({ counterpartyIban: null, purpose: "Nichts", amount: "-5.00" }),
    ];
    for (let round = 0; round < 2; round++)
      for (const row of rows) {
        const matching = rules.filter((r) => ruleMatches(r, row));
        const out = applyRules(rules, row);
        const firstCategory = matching.find((r) => r.actions.category);
        expect(out.category?.ruleId ?? null).toBe(firstCategory?.id ?? null);
        expect(out.tags).toEqual([...new Set(matching.flatMap((r) => r.actions.tags ?? []))].sort());
        expect(out.counterparty).toBe(matching.find((r) => r.actions.counterparty)?.actions.counterparty ?? null);
      }
    expect(applyRules(rules, rows[0]!)).toEqual({
      category: { value: "K.1.1", ruleId: "a" },
      tags: ["a", "band", "z"],
      counterparty: "Payee",
    });
  });
});
