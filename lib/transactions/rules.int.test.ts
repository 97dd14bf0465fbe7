import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { upsertAccountTransactions } from "@/lib/import/upsert-transactions";
import type { SourceTurnover } from "@/lib/import/types";
import { applyRules, parseRule, type RuleDef } from "@/lib/rules/rule-match";
import { createAccount, createConnection, createUser, turnover } from "@/scripts/fixtures/test-fixtures";
import { createCategory, deleteCategory, mergeCategory } from "./own-categories";
import { applyRule, createRule, moveRule, previewDraftRule, previewRule, updateRule } from "./rules";
import { ruleMatchSql } from "./rules-sql";
import { setTransactionDetails } from "./set-transaction-details";

afterAll(async () => {
  await db.$disconnect();
});

let viewer: Viewer;
let accountId: string;
beforeEach(async () => {
  const user = await createUser(db);
  viewer = { id: user.id, email: user.email, name: null, role: "USER", locale: "en" };
  const conn = await createConnection(db, user.id);
  accountId = (await createAccount(db, user.id, conn.id)).id;
  await db.bankAccount.update({ where: { id: accountId }, data: { bankCode: "88888888" } });
});

const WINDOW = { from: "2026-10-01", to: "2026-11-30" };
const importRows = (turnovers: SourceTurnover[]) =>
  upsertAccountTransactions({ db, userId: viewer.id, accountId, turnovers, window: WINDOW, chunkSize: 3 });
const rewe = (id: string, cents = -2345, bookingDate = "2026-11-02") =>
  turnover({
    transactionId: id,
    cents,
    bookingDate,
    counterHolder: "REWE Markt GmbH",
    purpose: ["REWE SAGT DANKE"],
    categoryId: "K.7",
  });
const byXs2a = async (id: string) =>
  db.transaction.findFirstOrThrow({ where: { userId: viewer.id, xs2aTransactionId: id } });
const rule = (name: string, conditions: object, actions: object, match: "all" | "any" = "all") =>
  createRule({ viewer, input: { name, match, conditions, actions } as never });

describe("rules at import", () => {
  it("categorise, tag and rename new rows in rule order; the first rule setting a field wins", async () => {
    await rule("shops", { direction: "out" }, { category: "K.7.1", tags: ["spend"], counterparty: "A shop" });
    await rule("rewe", { counterparty: "rewe" }, { category: "K.2.1", tags: ["food"], counterparty: "REWE" });
    await importRows([rewe("R1"), turnover({ transactionId: "S1", cents: 100000, counterHolder: "ACME" })]);
    const r1 = await byXs2a("R1");
    expect(r1).toMatchObject({ userCategory: "K.7.1", ruleTags: ["food", "spend"], ruleCounterparty: "A shop" });
    expect((await byXs2a("S1")).userCategory).toBeNull();

    // Moving "rewe" up makes it win for new imports.
    const rewRule = await db.rule.findFirstOrThrow({ where: { userId: viewer.id, name: "rewe" } });
    await moveRule({ viewer, input: { ruleId: rewRule.id, direction: "up" } });
    await importRows([rewe("R1"), rewe("R2", -500, "2026-11-05")]);
    expect(await byXs2a("R2")).toMatchObject({
      userCategory: "K.2.1",
      categoryRuleId: rewRule.id,
      ruleCounterparty: "REWE",
    });
  });

  it("never overwrite the user's own choice, neither at import nor when applied", async () => {
    await importRows([rewe("R1"), rewe("R2", -999)]);
    const r1 = await byXs2a("R1");
    await setTransactionDetails({ viewer, input: { transactionId: r1.id.toString(), userCategory: "K.5", note: "" } });
    const { ruleId } = await rule("rewe", { counterparty: "REWE" }, { category: "K.2.1" });
    expect((await previewRule({ viewer, input: { ruleId } })).count).toBe(1);
    expect((await applyRule({ viewer, input: { ruleId } })).changed).toBe(1);
    expect((await byXs2a("R1")).userCategory).toBe("K.5");
    expect((await byXs2a("R2")).userCategory).toBe("K.2.1");
    // The bank changes the row (cancelled): the import rewrites it, the user's category stays.
    await importRows([{ ...rewe("R1"), canceled: true }, rewe("R2", -999)]);
    expect(await byXs2a("R1")).toMatchObject({ status: "CANCELED", userCategory: "K.5", categoryRuleId: null });
    // Editing only the note keeps a rule's category a rule's (later rules may still change it).
    const r2 = await byXs2a("R2");
    await setTransactionDetails({
      viewer,
      input: { transactionId: r2.id.toString(), userCategory: "K.2.1", note: "x" },
    });
    expect((await byXs2a("R2")).categoryRuleId).toBe(ruleId);
  });
});

describe("apply to existing transactions", () => {
  it("previews and applies exactly the rows it changes, in batches, respecting earlier rules", async () => {
    await importRows([
      ...Array.from({ length: 7 }, (_, i) => rewe(`R${i}`, -100 - i, `2026-11-${String(i + 1).padStart(2, "0")}`)),
      turnover({ transactionId: "E1", counterHolder: "EDEKA", cents: -300 }),
      turnover({ transactionId: "BIG", counterHolder: "REWE Markt GmbH", cents: -90000 }),
    ]);
    const first = await rule("big", { amountMin: "500" }, { category: "K.10" });
    const second = await rule("rewe", { counterparty: "rewe" }, { category: "K.2.1", tags: ["food"] });
    expect((await applyRule({ viewer, input: { ruleId: first.ruleId } })).changed).toBe(1);

    const preview = await previewRule({ viewer, input: { ruleId: second.ruleId } });
    // 7 small REWE rows get category and tag; the big one only the tag (the earlier rule keeps its category).
    expect(preview.count).toBe(8);
    expect(preview.rows[0].bookingDate).toBe("2026-11-07");
    // One read, then batches of 3: 3 + 3 + 2 rows, one statement each.
    expect(await applyRule({ viewer, input: { ruleId: second.ruleId } }, 3)).toMatchObject({
      changed: 8,
      statements: 4,
    });
    expect((await byXs2a("BIG")).userCategory).toBe("K.10");
    expect(await byXs2a("BIG")).toMatchObject({ ruleTags: ["food"] });
    expect((await byXs2a("R3")).userCategory).toBe("K.2.1");
    expect((await byXs2a("E1")).userCategory).toBeNull();
    // Applied once, nothing is left to change.
    expect((await previewRule({ viewer, input: { ruleId: second.ruleId } })).count).toBe(0);
    expect((await applyRule({ viewer, input: { ruleId: second.ruleId } })).changed).toBe(0);

    // Changing the rule shows the new count.
    await updateRule({
      viewer,
      input: {
        ruleId: second.ruleId,
        name: "rewe",
        match: "all",
        conditions: { counterparty: "rewe" },
        actions: { tags: ["food", "weekly"] },
      },
    });
    expect((await previewRule({ viewer, input: { ruleId: second.ruleId } })).count).toBe(8);
  });

  it("previews a rule before it is saved: as the last rule when new, in its place when edited, writing nothing", async () => {
    await importRows([
      ...Array.from({ length: 3 }, (_, i) => rewe(`R${i}`, -100 - i, `2026-11-0${i + 1}`)),
      turnover({ transactionId: "BIG", counterHolder: "REWE Markt GmbH", cents: -90000 }),
      turnover({ transactionId: "E1", counterHolder: "EDEKA", cents: -300 }),
    ]);
    const big = await rule("big", { amountMin: "500" }, { category: "K.10" });
    const before = await db.transaction.findMany({ where: { userId: viewer.id }, orderBy: { id: "asc" } });
    const draft = { match: "all" as const, conditions: { counterparty: "rewe" }, actions: { category: "K.2.1" } };

    // New: after "big", which sets the big REWE row's category first (once applied, and at import).
    const asNew = await previewDraftRule({ viewer, input: draft });
    expect(asNew.count).toBe(3);
    expect(asNew.rows.map((r) => r.bookingDate)).toEqual(["2026-11-03", "2026-11-02", "2026-11-01"]);
    // Editing "big" into the draft: it is first, so every REWE row would change.
    expect((await previewDraftRule({ viewer, input: { ...draft, ruleId: big.ruleId } })).count).toBe(4);
    expect(await db.transaction.findMany({ where: { userId: viewer.id }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await db.rule.count({ where: { userId: viewer.id } })).toBe(1);

    // Saved, the stored rule's preview agrees with the draft's.
    const saved = await createRule({ viewer, input: { name: "rewe", ...draft } });
    expect((await previewRule({ viewer, input: { ruleId: saved.ruleId } })).count).toBe(asNew.count);
  });

  it("refuses a draft preview with another user's category or rule", async () => {
    const other = await createUser(db);
    const otherViewer = { ...viewer, id: other.id };
    const theirs = await createCategory({
      viewer: otherViewer,
      input: { name: "X", color: "#000000", parentId: null },
    });
    const theirRule = await createRule({
      viewer: otherViewer,
      input: { name: "x", match: "all", conditions: { counterparty: "x" }, actions: { tags: ["x"] } },
    });
    const conditions = { counterparty: "rewe" };
    await expect(
      previewDraftRule({
        viewer,
        input: { match: "all", conditions, actions: { category: `u:${theirs.categoryId}` } },
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      previewDraftRule({
        viewer,
        input: { ruleId: theirRule.ruleId, match: "all", conditions, actions: { tags: ["a"] } },
      }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("matches in SQL exactly what the pure matcher matches", async () => {
    await importRows([
      rewe("A"),
      turnover({
        transactionId: "B",
        counterHolder: "BÄCKEREI Kamps",
        cents: -250,
        counterIban: "DE89 3704 0044 0532 0130 00",
      }),
      turnover({
        transactionId: "C",
        counterHolder: null,
        purpose: ["Gehalt"],
        cents: 250000,
        creditorId: "DE98ZZZ09999999999",
      }),
      turnover({ transactionId: "D", counterHolder: "Zero", cents: 0 }),
    ]);
    const rules: RuleDef[] = [
      { counterparty: "bäckerei" },
      // No umlaut in the value: matched without translate (rules-sql.ts), over a text that has one.
      { counterparty: "CKEREI k" },
      { purpose: "gehalt", direction: "in" as const },
      { counterpartyIban: "DE89370400440532013000" },
      { creditorId: "de98zzz09999999999" },
      { amountMin: "2.50", amountMax: "23.45" },
      { direction: "out" as const },
      { bankCode: "88888888", counterparty: "rewe" },
      { accountId },
    ].flatMap((conditions, i) =>
      (["all", "any"] as const).map((match) =>
        parseRule({ id: `r${i}${match}`, match, conditions, actions: { tags: ["x"] } })!,
      ),
    );
    const rows = await db.transaction.findMany({ where: { userId: viewer.id }, orderBy: { id: "asc" } });
    for (const r of rules) {
      const expected = rows
        .filter((t) => applyRules([r], { ...t, amount: t.amount.toFixed(2), bankCode: "88888888" }).tags.length > 0)
        .map((t) => t.id);
      const got = await db.$queryRaw<{ id: bigint }[]>`
        SELECT t.id FROM "Transaction" t WHERE t."userId" = ${viewer.id} AND ${ruleMatchSql(r, viewer.id)} ORDER BY t.id`;
      expect(
        got.map((g) => g.id),
        JSON.stringify(r),
      ).toEqual(expected);
    }
  });
});

describe("kept sums when a rule is applied", () => {
  // The user's monthly and daily sums as kept by the triggers (rows of zeros left out) and as
  // computed from the transactions themselves.
  const kept = async () => ({
    monthly: await db.$queryRaw<object[]>`
      SELECT "accountId", month::text, currency, category, status::text, income::text, spending::text, count
      FROM "TransactionMonthly" WHERE "userId" = ${viewer.id} AND (count <> 0 OR income <> 0 OR spending <> 0)
      ORDER BY 1, 2, 3, 4, 5`,
    daily: await db.$queryRaw<object[]>`
      SELECT "accountId", day::text, amount::text, count
      FROM "TransactionDaily" WHERE "userId" = ${viewer.id} AND count <> 0 ORDER BY 1, 2`,
  });
  const computed = async () => ({
    monthly: await db.$queryRaw<object[]>`
      SELECT "accountId", date_trunc('month', "bookingDate")::date::text AS month, currency,
        CASE WHEN "transferPeerId" IS NOT NULL THEN 'N' ELSE coalesce("userCategory", "categoryId", '') END AS category,
        status::text, coalesce(sum(amount) FILTER (WHERE amount > 0), 0)::numeric(18, 2)::text AS income,
        coalesce(sum(amount) FILTER (WHERE amount < 0), 0)::numeric(18, 2)::text AS spending, count(*)::int AS count
      FROM "Transaction" WHERE "userId" = ${viewer.id} AND status <> 'CANCELED' GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    daily: await db.$queryRaw<object[]>`
      SELECT "accountId", "bookingDate"::text AS day, sum(amount)::numeric(18, 2)::text AS amount, count(*)::int AS count
      FROM "Transaction" WHERE "userId" = ${viewer.id} AND status = 'BOOKED' GROUP BY 1, 2 ORDER BY 1, 2`,
  });
  // Every row of both tables, zeros included: what an update that changes no sum must leave alone.
  const raw = async () => ({
    monthly: await db.$queryRaw<object[]>`
      SELECT m::text FROM "TransactionMonthly" m WHERE "userId" = ${viewer.id} ORDER BY 1`,
    daily: await db.$queryRaw<
      object[]
    >`SELECT d::text FROM "TransactionDaily" d WHERE "userId" = ${viewer.id} ORDER BY 1`,
  });

  it("moves the rows' amounts to the rule's category, and changes nothing for tags or a new counterparty", async () => {
    await importRows([
      rewe("R1"),
      rewe("R2", -500, "2026-10-15"),
      rewe("R3", 1999, "2026-11-20"),
      rewe("MINE", -700, "2026-11-03"),
      turnover({ transactionId: "P1", counterHolder: "REWE Markt GmbH", cents: -1234, prebooked: true }),
      turnover({ transactionId: "E1", counterHolder: "EDEKA", cents: -300, categoryId: "K.7" }),
    ]);
    const mine = await byXs2a("MINE");
    await setTransactionDetails({
      viewer,
      input: { transactionId: mine.id.toString(), userCategory: "K.5", note: "" },
    });
    const before = await kept();
    expect(before).toEqual(await computed());

    const { ruleId } = await rule("rewe", { counterparty: "rewe" }, { category: "K.2.1" });
    expect((await applyRule({ viewer, input: { ruleId } }, 2)).changed).toBe(4);
    const after = await kept();
    expect(after).toEqual(await computed());
    // The booked days did not move; the months did: R1 and R3 (November), R2 (October), the pending P1.
    expect(after.daily).toEqual(before.daily);
    expect(after.monthly).toContainEqual(expect.objectContaining({ category: "K.2.1", status: "BOOKED", count: 2 }));
    expect(after.monthly).toContainEqual(expect.objectContaining({ category: "K.2.1", status: "PENDING", count: 1 }));
    expect(after.monthly).toContainEqual(expect.objectContaining({ category: "K.5", count: 1 }));
    expect(after.monthly.filter((m) => (m as { category: string }).category === "K.7")).toEqual([
      expect.objectContaining({ count: 1, spending: "-3.00" }),
    ]);

    // Tags and a shown counterparty are in no sum: neither table is written at all.
    const untouched = await raw();
    const tags = await rule("tags", { counterparty: "rewe" }, { tags: ["food"], counterparty: "REWE" });
    expect((await applyRule({ viewer, input: { ruleId: tags.ruleId } }, 2)).changed).toBe(5);
    expect(await raw()).toEqual(untouched);

    // A change of amount, day and status in one statement still lands in the right sums.
    await db.$executeRaw`
      UPDATE "Transaction" SET amount = amount - 1, "bookingDate" = "bookingDate" + 40,
        status = CASE WHEN status = 'PENDING' THEN 'BOOKED'::"TransactionStatus" ELSE status END
      WHERE "userId" = ${viewer.id} AND "xs2aTransactionId" IN ('R1', 'P1', 'E1')`;
    expect(await kept()).toEqual(await computed());
  });
});

describe("own categories", () => {
  it("delete gives the transactions back their automatic category and removes the rule's action", async () => {
    const parent = await createCategory({ viewer, input: { name: "Mobility", color: "#336699", parentId: null } });
    const fuel = await createCategory({
      viewer,
      input: { name: "Fuel", color: "#aa0000", parentId: parent.categoryId },
    });
    await expect(
      createCategory({ viewer, input: { name: "Too deep", color: "#aa0000", parentId: fuel.categoryId } }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await importRows([rewe("R1"), turnover({ transactionId: "F1", counterHolder: "Aral", cents: -6000 })]);
    const f1 = await byXs2a("F1");
    await setTransactionDetails({
      viewer,
      input: { transactionId: f1.id.toString(), userCategory: `u:${fuel.categoryId}`, note: "" },
    });
    const { ruleId } = await rule("rewe", { counterparty: "rewe" }, { category: `u:${parent.categoryId}` });
    const both = await rule("rewe2", { counterparty: "rewe" }, { category: `u:${fuel.categoryId}`, tags: ["t"] });
    await applyRule({ viewer, input: { ruleId } });
    expect((await byXs2a("R1")).userCategory).toBe(`u:${parent.categoryId}`);

    const result = await deleteCategory({ viewer, input: { categoryId: parent.categoryId } });
    expect(result.transactions).toBe(2);
    expect(await byXs2a("R1")).toMatchObject({ userCategory: null, categoryId: "K.7" });
    expect((await byXs2a("F1")).userCategory).toBeNull();
    expect(await db.category.count({ where: { userId: viewer.id } })).toBe(0);
    expect(await db.rule.findUnique({ where: { id: ruleId } })).toBeNull();
    expect((await db.rule.findUniqueOrThrow({ where: { id: both.ruleId } })).actions).toEqual({ tags: ["t"] });
  });

  it("merge moves transactions, rules and sub-categories into the other category", async () => {
    const a = await createCategory({ viewer, input: { name: "Cars", color: "#336699", parentId: null } });
    const aChild = await createCategory({ viewer, input: { name: "Fuel", color: "#336699", parentId: a.categoryId } });
    const b = await createCategory({ viewer, input: { name: "Mobility", color: "#112233", parentId: null } });
    await importRows([rewe("R1")]);
    const r1 = await byXs2a("R1");
    await setTransactionDetails({
      viewer,
      input: { transactionId: r1.id.toString(), userCategory: `u:${a.categoryId}`, note: "" },
    });
    const { ruleId } = await rule("cars", { counterparty: "aral" }, { category: `u:${a.categoryId}` });
    await expect(
      mergeCategory({ viewer, input: { categoryId: a.categoryId, intoId: aChild.categoryId } }),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
    expect(
      (await mergeCategory({ viewer, input: { categoryId: a.categoryId, intoId: b.categoryId } })).transactions,
    ).toBe(1);
    expect((await byXs2a("R1")).userCategory).toBe(`u:${b.categoryId}`);
    expect((await db.rule.findUniqueOrThrow({ where: { id: ruleId } })).actions).toEqual({
      category: `u:${b.categoryId}`,
    });
    expect((await db.category.findUniqueOrThrow({ where: { id: aChild.categoryId } })).parentId).toBe(b.categoryId);
    expect(await db.category.findUnique({ where: { id: a.categoryId } })).toBeNull();
  });

  it("refuses another user's category on a transaction or a rule", async () => {
    const other = await createUser(db);
    const foreign = await createCategory({
      viewer: { ...viewer, id: other.id },
      input: { name: "Theirs", color: "#000000", parentId: null },
    });
    await importRows([rewe("R1")]);
    const r1 = await byXs2a("R1");
    await expect(
      setTransactionDetails({
        viewer,
        input: { transactionId: r1.id.toString(), userCategory: `u:${foreign.categoryId}`, note: "" },
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(rule("x", { counterparty: "rewe" }, { category: `u:${foreign.categoryId}` })).rejects.toMatchObject({
      code: "invalid_input",
    });
    const mine = await createCategory({ viewer, input: { name: "Mine", color: "#000000", parentId: null } });
    await expect(
      mergeCategory({ viewer, input: { categoryId: mine.categoryId, intoId: foreign.categoryId } }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteCategory({ viewer, input: { categoryId: foreign.categoryId } })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
