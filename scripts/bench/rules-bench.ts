/**
 * Issue 17's figures for `npm run bench`: fifty realistic rules built from the imported data,
 * applying a rule to every stored transaction of the 1,000,000-row user, and budgets to render.
 * Everything goes through the product's own use cases (createRule, applyRule, saveBudget).
 */
import type pg from "pg";
import type { Viewer } from "@/lib/auth/viewer";
import { saveBudget } from "@/lib/budgets/budgets";
import { categoryOptions } from "@/lib/categories/categories";
import { applyRule, createRule, createRuleInput } from "@/lib/transactions/rules";
import { timeOnce } from "./stats";

type RuleInput = ReturnType<typeof createRuleInput.parse>;

/** Expense categories of lib/categories (leaves, then groups), for rules and budgets. */
function expenseCategories() {
  const all = categoryOptions("en").filter((c) => c.id.startsWith("K"));
  return {
    leaves: all.filter((c) => c.depth > 0).map((c) => c.id),
    groups: all.filter((c) => c.depth === 0).map((c) => c.id),
  };
}

/**
 * Fifty rules of every kind a user writes, drawn from what the source user's transactions really
 * hold (their most frequent counterparties, purposes' words, IBANs and creditor ids), so the
 * rules match rows as they would for a real user: counterparty, purpose, IBAN, creditor id,
 * amount range with direction, and "any" rules with two conditions; setting a category, adding
 * tags or renaming the counterparty.
 */
export async function fiftyRules(pool: pg.Pool, sourceUserId: string): Promise<RuleInput[]> {
  const top = async (col: string, n: number) =>
    (
      await pool.query<{ v: string }>(
        `SELECT ${col} AS v FROM "Transaction" WHERE "userId" = $1 AND ${col} IS NOT NULL AND ${col} <> ''
         GROUP BY 1 ORDER BY count(*) DESC LIMIT $2`,
        [sourceUserId, n],
      )
    ).rows.map((r) => r.v);
  const names = await top(`"counterpartyName"`, 20);
  const ibans = await top(`"counterpartyIban"`, 5);
  const creditors = await top(`"creditorId"`, 5);
  const words = (await top(`split_part(purpose, ' ', 1)`, 10)).filter((w) => w.length >= 3);
  const { leaves } = expenseCategories();
  const cat = (i: number) => leaves[i % leaves.length]!;
  const rules: RuleInput[] = [];
  const add = (r: Omit<RuleInput, "name">) =>
    rules.push(createRuleInput.parse({ name: `Bench rule ${rules.length + 1}`, ...r }));
  names.forEach((n, i) =>
    add({
      match: "all",
      conditions: { counterparty: n.slice(0, 12).toLowerCase(), direction: "out" },
      actions: i % 3 === 0 ? { category: cat(i), tags: ["bench"] } : { category: cat(i) },
    }),
  );
  words.forEach((w, i) => add({ match: "all", conditions: { purpose: w }, actions: { tags: [`word-${i}`] } }));
  ibans.forEach((iban, i) =>
    add({ match: "all", conditions: { counterpartyIban: iban }, actions: { counterparty: `Payee ${i + 1}` } }),
  );
  creditors.forEach((c, i) => add({ match: "all", conditions: { creditorId: c }, actions: { category: cat(i + 7) } }));
  for (let i = 0; rules.length < 45; i++)
    add({
      match: "all",
      conditions: {
        amountMin: String(10 * (i + 1)),
        amountMax: String(10 * (i + 1) + 5),
        direction: i % 2 ? "in" : "out",
      },
      actions: { tags: [`band-${i}`] },
    });
  for (let i = 0; rules.length < 50; i++)
    add({
      match: "any",
      conditions: { counterparty: `nomatch-${i}`, purpose: `nomatch-${i}` },
      actions: { category: cat(i + 3) },
    });
  return rules;
}

export async function createRules(viewer: Viewer, inputs: RuleInput[]) {
  for (const input of inputs) await createRule({ viewer, input });
}

/**
 * Applies one rule to the viewer's stored transactions through the product's applyRule, timed,
 * next to the same condition as one plain `UPDATE` in pg (rolled back, so the data stays as it
 * was for the rule).
 */
export async function applyRuleBench(opts: {
  pool: pg.Pool;
  viewer: Viewer;
  rule: Omit<RuleInput, "name">;
  baselineSql: string;
}) {
  const { ruleId } = await createRule({
    viewer: opts.viewer,
    input: createRuleInput.parse({ name: "Bench apply", ...opts.rule }),
  });
  const client = await opts.pool.connect();
  let baseline: { ms: number; rows: number };
  try {
    await client.query("BEGIN");
    const b = await timeOnce(() => client.query(opts.baselineSql, [opts.viewer.id]));
    baseline = { ms: b.ms, rows: b.value.rowCount ?? 0 };
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
  const applied = await timeOnce(() => applyRule({ viewer: opts.viewer, input: { ruleId } }));
  return { ms: applied.ms, changed: applied.value.changed, statements: applied.value.statements, baseline };
}

/** Five budgets (four categories, one group; two with rollover) for the budgets page. */
export async function seedBudgets(viewer: Viewer, today: string) {
  const { leaves, groups } = expenseCategories();
  const picks = [...leaves.slice(0, 4), groups[0]!];
  for (const [i, category] of picks.entries())
    await saveBudget({
      viewer,
      today,
      input: { category, amount: String(100 * (i + 1)), currency: "EUR", rollover: i % 2 === 0, emailAlerts: false },
    });
  return picks.length;
}
