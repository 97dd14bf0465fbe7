import { z } from "zod";
import { isCategoryId } from "@/lib/categories/categories";
import { shortName } from "@/lib/short-name";

/**
 * Rules (issue 17), pure: what a rule looks like, whether it matches a transaction, and what a
 * list of rules does to one. The import runs `applyRules` on every row it writes; "apply to
 * existing transactions" runs the same conditions as SQL (lib/transactions/rules-sql.ts), whose
 * integration test checks both agree.
 *
 * Matching, stated once (the rules page says it too):
 *  - text conditions (counterparty, purpose) match when the text contains the value, ignoring
 *    case (A–Z and Ä, Ö, Ü: the same folding PostgreSQL's lower() does in every locale);
 *  - IBAN and creditor id match when equal, ignoring spaces and case;
 *  - the amount range bounds the absolute amount, both ends inclusive; direction "in" is an amount
 *    above zero, "out" below;
 *  - account and bank match the transaction's account and its bank code;
 *  - "all": every given condition holds; "any": at least one. A rule needs at least one condition.
 * Order: rules run by position. Per field (category, shown counterparty) the first matching rule
 * that sets it wins; the tags of every matching rule are added. "Mark as a transfer" sets the
 * category "own transfers" (N.1.1), which keeps the row out of income and spending.
 */
export const TRANSFER_CATEGORY = "N.1.1";
export const MAX_RULES = 200;

const text = (max: number) => shortName(max).refine((v) => v.length > 0, "required");
const amountText = z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, "invalid_amount");

export const ruleConditionsSchema = z
  .object({
    counterparty: text(100).optional(),
    purpose: text(100).optional(),
    counterpartyIban: z
      .string()
      .transform((v) => normalizeIban(v))
      .refine((v) => /^[A-Z]{2}[0-9A-Z]{10,32}$/.test(v), "invalid_iban")
      .optional(),
    creditorId: z
      .string()
      .transform((v) => normalizeIban(v))
      .refine((v) => /^[A-Z0-9]{5,35}$/.test(v), "invalid_creditor_id")
      .optional(),
    amountMin: amountText.optional(),
    amountMax: amountText.optional(),
    direction: z.enum(["in", "out"]).optional(),
    accountId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
    bankCode: z
      .string()
      .regex(/^[0-9A-Za-z]{1,16}$/)
      .optional(),
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined), "no_condition")
  .refine(
    (c) => c.amountMin === undefined || c.amountMax === undefined || cents(c.amountMin) <= cents(c.amountMax),
    "amount_range",
  );

export const ruleActionsSchema = z
  .object({
    category: z.string().refine(isCategoryId, "invalid_category").optional(),
    tags: z
      .array(text(40).refine((v) => !/[,{}"\\]/.test(v), "invalid_tag"))
      .max(10)
      .optional(),
    counterparty: text(100).optional(),
    transfer: z.literal(true).optional(),
  })
  .strict()
  .refine((a) => a.category || a.tags?.length || a.counterparty || a.transfer, "no_action");

export type RuleConditions = z.infer<typeof ruleConditionsSchema>;
export type RuleActions = z.infer<typeof ruleActionsSchema>;

export interface RuleDef {
  id: string;
  match: "all" | "any";
  conditions: RuleConditions;
  actions: RuleActions;
}

/** What a rule reads of a transaction (the bank's data, never what rules or the user set). */
export interface RuleSubject {
  counterpartyName: string | null;
  purpose: string;
  counterpartyIban: string | null;
  creditorId: string | null;
  /** Signed decimal string ("-12.50"). */
  amount: string;
  accountId: string;
  bankCode: string | null;
}

export interface RuleOutcome {
  /** The category rules give, and the rule that gave it; null when no rule sets one. */
  category: { value: string; ruleId: string } | null;
  /** Tags added by rules, sorted, without repeats. */
  tags: string[];
  /** The counterparty name shown instead of the bank's; null when no rule renames it. */
  counterparty: string | null;
}

export function normalizeIban(v: string): string {
  return v.replace(/\s+/g, "").toUpperCase();
}

/** Case folding that PostgreSQL's `translate(lower(x), 'ÄÖÜ', 'äöü')` does identically in any locale. */
export function foldCase(v: string): string {
  // One callback per run of capitals, not per letter; toLowerCase of a run of A–Z/Ä/Ö/Ü folds only those.
  return v.replace(/[A-ZÄÖÜ]+/g, (run) => run.toLowerCase());
}

/** "12.5" / "-12.50" → 1250 / -1250 (the stored amounts have at most 2 decimals). */
export function cents(amount: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!m) return Number.NaN;
  const value = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -value : value;
}

/** The rule's category action: "mark as transfer" wins over a category in the same rule. */
export function categoryOf(actions: RuleActions): string | null {
  return actions.transfer ? TRANSFER_CATEGORY : (actions.category ?? null);
}

/** A subject's values as the conditions compare them, each worked out at most once per subject. */
class PreparedSubject {
  private counterparty?: string;
  private purpose?: string;
  private iban?: string;
  private creditor?: string;
  readonly cents: number;
  constructor(readonly s: RuleSubject) {
    this.cents = cents(s.amount);
  }
  get foldedCounterparty() {
    return (this.counterparty ??= foldCase(this.s.counterpartyName ?? ""));
  }
  get foldedPurpose() {
    return (this.purpose ??= foldCase(this.s.purpose));
  }
  get normalizedIban() {
    return (this.iban ??= normalizeIban(this.s.counterpartyIban ?? ""));
  }
  get normalizedCreditor() {
    return (this.creditor ??= normalizeIban(this.s.creditorId ?? ""));
  }
}

type Test = (p: PreparedSubject) => boolean;

/** A rule's conditions as tests with their values folded once (the same comparisons as before). */
function compileConditions(c: RuleConditions): Test[] {
  const tests: Test[] = [];
  if (c.counterparty !== undefined) {
    const v = foldCase(c.counterparty);
    tests.push((p) => p.foldedCounterparty.includes(v));
  }
  if (c.purpose !== undefined) {
    const v = foldCase(c.purpose);
    tests.push((p) => p.foldedPurpose.includes(v));
  }
  if (c.counterpartyIban !== undefined) {
    const v = normalizeIban(c.counterpartyIban);
    tests.push((p) => p.normalizedIban === v);
  }
  if (c.creditorId !== undefined) {
    const v = normalizeIban(c.creditorId);
    tests.push((p) => p.normalizedCreditor === v);
  }
  if (c.amountMin !== undefined) {
    const v = cents(c.amountMin);
    tests.push((p) => Math.abs(p.cents) >= v);
  }
  if (c.amountMax !== undefined) {
    const v = cents(c.amountMax);
    tests.push((p) => Math.abs(p.cents) <= v);
  }
  if (c.direction !== undefined) {
    const inbound = c.direction === "in";
    tests.push((p) => (inbound ? p.cents > 0 : p.cents < 0));
  }
  if (c.accountId !== undefined) {
    const v = c.accountId;
    tests.push((p) => p.s.accountId === v);
  }
  if (c.bankCode !== undefined) {
    const v = c.bankCode;
    tests.push((p) => (p.s.bankCode ?? "") === v);
  }
  return tests;
}

interface CompiledRule {
  rule: Pick<RuleDef, "match" | "conditions">;
  tests: Test[];
}

function compile(rule: Pick<RuleDef, "match" | "conditions">): CompiledRule {
  return { rule, tests: compileConditions(rule.conditions) };
}

function matches(c: CompiledRule, p: PreparedSubject): boolean {
  if (c.tests.length === 0) return false;
  return c.rule.match === "any" ? c.tests.some((t) => t(p)) : c.tests.every((t) => t(p));
}

export function ruleMatches(rule: Pick<RuleDef, "match" | "conditions">, subject: RuleSubject): boolean {
  return matches(compile(rule), new PreparedSubject(subject));
}

// An import runs one list of rules over every row: its compiled form is kept with the list (rule
// lists are built per import and not changed afterwards).
const compiledLists = new WeakMap<readonly RuleDef[], CompiledRule[]>();

/** Runs `rules` (already in their order) over one transaction. */
export function applyRules(rules: readonly RuleDef[], subject: RuleSubject): RuleOutcome {
  let compiled = compiledLists.get(rules);
  if (!compiled || compiled.length !== rules.length) {
    compiled = rules.map(compile);
    compiledLists.set(rules, compiled);
  }
  const prepared = new PreparedSubject(subject);
  let category: RuleOutcome["category"] = null;
  let counterparty: string | null = null;
  let tags: Set<string> | null = null;
  for (let i = 0; i < rules.length; i++) {
    if (!matches(compiled[i]!, prepared)) continue;
    const rule = rules[i]!;
    const cat = categoryOf(rule.actions);
    if (cat && !category) category = { value: cat, ruleId: rule.id };
    if (rule.actions.counterparty && counterparty === null) counterparty = rule.actions.counterparty;
    for (const t of rule.actions.tags ?? []) (tags ??= new Set()).add(t);
  }
  return { category, tags: tags ? [...tags].sort() : [], counterparty };
}

/** A stored rule row → a RuleDef; null when its JSON no longer parses (never applied then). */
export function parseRule(row: { id: string; match: string; conditions: unknown; actions: unknown }): RuleDef | null {
  const conditions = ruleConditionsSchema.safeParse(row.conditions);
  const actions = ruleActionsSchema.safeParse(row.actions);
  if (!conditions.success || !actions.success) return null;
  return {
    id: row.id,
    match: row.match === "any" ? "any" : "all",
    conditions: conditions.data,
    actions: actions.data,
  };
}
