import { Prisma } from "@/lib/generated/prisma/client";
import { categoryOf, normalizeIban, type RuleConditions, type RuleDef } from "@/lib/rules/rule-match";

/**
 * The rule matcher (lib/rules/rule-match.ts) as SQL over `"Transaction" t`, for previews and
 * "apply to existing transactions": the same conditions, the same case folding
 * (`translate(lower(x), 'ÄÖÜ', 'äöü')` = foldCase), every value a bound parameter.
 * rules.int.test.ts checks that both agree.
 */
const foldValue = (v: string) => v.replace(/[A-ZÄÖÜ]/g, (c) => c.toLowerCase());

/**
 * Whether the folded text of `col` contains `value`. A value without ä, ö or ü is found in the
 * folded text exactly where it is found in `lower(text)` (translate only turns Ä, Ö, Ü into ä, ö,
 * ü, one character for one, and the value holds none of the six), so the translate, which took
 * two thirds of a scan of 1,000,000 rows for a counterparty condition, is left out for it.
 */
function containsSql(col: Prisma.Sql, value: string): Prisma.Sql {
  const v = foldValue(value);
  const folded = /[äöü]/.test(v)
    ? Prisma.sql`translate(lower(coalesce(${col}, '')), 'ÄÖÜ', 'äöü')`
    : Prisma.sql`lower(coalesce(${col}, ''))`;
  return Prisma.sql`strpos(${folded}, ${v}) > 0`;
}

function conditionSql(c: RuleConditions, userId: string): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (c.counterparty !== undefined) out.push(containsSql(Prisma.sql`t."counterpartyName"`, c.counterparty));
  if (c.purpose !== undefined) out.push(containsSql(Prisma.sql`t.purpose`, c.purpose));
  if (c.counterpartyIban !== undefined)
    out.push(
      Prisma.sql`upper(regexp_replace(coalesce(t."counterpartyIban", ''), '\\s+', '', 'g')) = ${normalizeIban(c.counterpartyIban)}`,
    );
  if (c.creditorId !== undefined)
    out.push(
      Prisma.sql`upper(regexp_replace(coalesce(t."creditorId", ''), '\\s+', '', 'g')) = ${normalizeIban(c.creditorId)}`,
    );
  if (c.amountMin !== undefined) out.push(Prisma.sql`abs(t.amount) >= ${c.amountMin}::numeric`);
  if (c.amountMax !== undefined) out.push(Prisma.sql`abs(t.amount) <= ${c.amountMax}::numeric`);
  if (c.direction === "in") out.push(Prisma.sql`t.amount > 0`);
  if (c.direction === "out") out.push(Prisma.sql`t.amount < 0`);
  if (c.accountId !== undefined) out.push(Prisma.sql`t."accountId" = ${c.accountId}`);
  if (c.bankCode !== undefined)
    out.push(
      Prisma.sql`t."accountId" IN (SELECT a.id FROM "BankAccount" a WHERE a."userId" = ${userId} AND a."bankCode" = ${c.bankCode})`,
    );
  return out;
}

/** Whether the rule matches `t` (false for a rule without conditions, like ruleMatches). */
export function ruleMatchSql(rule: Pick<RuleDef, "match" | "conditions">, userId: string): Prisma.Sql {
  const parts = conditionSql(rule.conditions, userId);
  if (parts.length === 0) return Prisma.sql`false`;
  return Prisma.sql`(${Prisma.join(parts, rule.match === "any" ? " OR " : " AND ")})`;
}

const anyOf = (rules: readonly RuleDef[], userId: string) =>
  rules.length === 0
    ? Prisma.sql`false`
    : Prisma.sql`(${Prisma.join(
        rules.map((r) => ruleMatchSql(r, userId)),
        " OR ",
      )})`;

/**
 * What applying `rule` to one existing row changes, as three SQL booleans, given the rules before
 * it (`earlier`, in order): the category where the user made no choice of their own and no earlier
 * rule that sets a category matches; the tags where some are missing; the shown counterparty where
 * no earlier renaming rule matches.
 */
export function ruleEffectSql(rule: RuleDef, earlier: readonly RuleDef[], userId: string) {
  const category = categoryOf(rule.actions);
  const tags = rule.actions.tags ?? [];
  const cp = rule.actions.counterparty ?? null;
  const setsCategory = category
    ? Prisma.sql`((t."userCategory" IS NULL OR t."categoryRuleId" IS NOT NULL)
        AND t."userCategory" IS DISTINCT FROM ${category}
        AND NOT ${anyOf(
          earlier.filter((r) => categoryOf(r.actions)),
          userId,
        )})`
    : Prisma.sql`false`;
  const addsTags = tags.length ? Prisma.sql`NOT (t."ruleTags" @> ${tags}::text[])` : Prisma.sql`false`;
  const renames = cp
    ? Prisma.sql`(t."ruleCounterparty" IS DISTINCT FROM ${cp} AND NOT ${anyOf(
        earlier.filter((r) => r.actions.counterparty),
        userId,
      )})`
    : Prisma.sql`false`;
  return { category, tags, cp, setsCategory, addsTags, renames, matches: ruleMatchSql(rule, userId) };
}
