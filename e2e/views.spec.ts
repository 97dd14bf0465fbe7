import fs from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { linkBank, loadAll, sandbox, shownIds, signUp as fixtureSignUp, sql, uniqueEmail } from "./fixtures/app";

// The combined view against data linked through the real wizard. Every expectation compares
// what the browser shows with an independent query on the database.

/** Sign-up through the fixtures (the email confirmed, then signed in through the form). */
async function signUp(page: Page): Promise<string> {
  return fixtureSignUp(page, { email: uniqueEmail() });
}

/** What the search covers, for comparing with an independent regular expression. */
const TEXT = `(t.purpose || ' ' || coalesce(t."counterpartyName", ''))`;

async function userId(email: string): Promise<string> {
  const { rows } = await sql().query('SELECT id FROM "User" WHERE email = $1', [email]);
  return rows[0].id;
}

/**
 * Ids the list must show for a condition, in list order (newest first, then id). A linked own
 * transfer is listed once: its incoming side is left out when its outgoing side is listed (not
 * under a search, where the other side may not match).
 */
async function expectedIds(
  uid: string,
  condition = "true",
  params: unknown[] = [],
  opts: { search?: boolean } = {},
): Promise<string[]> {
  const { rows } = await sql().query(
    `SELECT t.id::text AS id, t.amount > 0 AS incoming, t."transferPeerId"::text AS peer
     FROM "Transaction" t JOIN "BankAccount" a ON a.id = t."accountId"
     WHERE t."userId" = $1 AND a."duplicateOfId" IS NULL AND (${condition})
     ORDER BY t."bookingDate" DESC, t.id DESC`,
    [uid, ...params],
  );
  const listed = new Set(rows.map((r) => r.id));
  return rows.filter((r) => opts.search || !(r.incoming && r.peer && listed.has(r.peer))).map((r) => r.id);
}

/** A small CSV reader (quotes, doubled quotes, CRLF) for checking the export. */
function parseCsv(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

async function downloadCsv(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  return fs.readFile((await download.path())!);
}

// This machine is shared and slow; the first hit of each route on a cold `next start` can take
// longer than the sign-up helper waits, so load the routes once before the journeys start.
test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  for (const path of ["/signup", "/dashboard", "/accounts", "/transactions", "/api/transactions"])
    await request.get(path, { timeout: 90_000 });
});

test.describe("combined view", () => {
  test("search, each filter (kept in the URL) and a CSV export equal to the filtered list", async ({ page }) => {
    test.setTimeout(180_000);
    const email = await signUp(page);
    await linkBank(page);
    const uid = await userId(email);
    // Whether the generated days hold a card payment still pending depends on the date: one the
    // bank has not booked yet, so the status filter always has a pending row to find.
    const {
      rows: [giro],
    } = await sql().query(`SELECT "xs2aId" FROM "BankAccount" WHERE "userId" = $1 ORDER BY "createdAt" LIMIT 1`, [uid]);
    await sandbox(`accounts/${giro.xs2aId}/extra-turnovers`, {
      key: `pending-${uid}`,
      turnover: { prebooked: true, amount: -23.45, counter_holder: "Tankstelle Beispiel", purpose: ["Kartenzahlung"] },
    });
    await page.goto("/banks");
    const testbank = page.getByTestId("bank-card").first();
    await testbank.getByRole("button", { name: "Sync now" }).click();
    await expect(testbank.getByTestId("sync-message")).toContainText("Sync finished", { timeout: 60_000 });
    await linkBank(page, { bankCode: "99990002" });
    const { rows: accounts } = await sql().query(
      `SELECT a.id, a.description, a."connectionId", c."bankName" FROM "BankAccount" a JOIN "BankConnection" c ON c.id = a."connectionId" WHERE a."userId" = $1 ORDER BY a."createdAt"`,
      [uid],
    );
    const savings = accounts.find((a) => a.description !== "Girokonto")!;
    const nordbank = accounts.find((a) => a.bankName !== accounts[0].bankName)!;
    const {
      rows: [span],
    } = await sql().query(
      `SELECT (min("bookingDate") + 20)::text AS from, (min("bookingDate") + 40)::text AS to FROM "Transaction" WHERE "userId" = $1`,
      [uid],
    );
    const { from, to } = span;

    // Search through the form: prefix match on counterparty and purpose, and the URL keeps it.
    await page.goto("/transactions");
    await page.getByLabel("Search purpose and counterparty").fill("rew");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/\/transactions\?q=rew$/);
    const rewe = await loadAll(page);
    expect(rewe.length).toBeGreaterThan(0);
    expect(rewe).toEqual(await expectedIds(uid, `${TEXT} ~* '\\mrew'`, [], { search: true }));
    for (const title of await page.getByTestId("tx-title").allTextContents())
      expect(title.toLowerCase()).toContain("rewe");

    // Two words must both match (as prefixes).
    const rent = await expectedIds(uid, `${TEXT} ~* '\\mmiet' AND ${TEXT} ~* '\\mwohn'`, [], { search: true });
    expect(rent.length).toBeGreaterThan(1);
    expect(await shownIds(page, "/transactions?q=Miet+WOHN")).toEqual(rent);

    // Each filter alone, compared with the database.
    const cases: [string, string, unknown[]][] = [
      [`account=${savings.id}`, `t."accountId" = $2`, [savings.id]],
      [`bank=${nordbank.connectionId}`, `a."connectionId" = $2`, [nordbank.connectionId]],
      [`from=${from}&to=${to}`, `t."bookingDate" BETWEEN $2::date AND $3::date`, [from, to]],
      ["min=50&max=100", `abs(t.amount) BETWEEN 50 AND 100`, []],
      ["direction=in", `t.amount > 0`, []],
      ["direction=out", `t.amount < 0`, []],
      [
        "category=K.2",
        `coalesce(t."userCategory", t."categoryId") LIKE 'K.2.%' OR coalesce(t."userCategory", t."categoryId") = 'K.2'`,
        [],
      ],
      ["status=PENDING", `t.status = 'PENDING'`, []],
      ["status=CANCELED", `t.status = 'CANCELED'`, []],
      ["status=BOOKED&min=1000", `t.status = 'BOOKED' AND abs(t.amount) >= 1000`, []],
    ];
    for (const [query, condition, params] of cases) {
      const expected = await expectedIds(uid, condition, params);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(await shownIds(page, `/transactions?${query}`), query).toEqual(expected);
    }
    // Pending and cancelled rows say so.
    await page.goto("/transactions?status=CANCELED");
    await expect(page.getByTestId("transaction-row").first().getByText("Cancelled")).toBeVisible();

    // Filters applied through the form end up in the URL and survive a reload.
    await page.goto("/transactions");
    await page.getByText("Filters", { exact: true }).click();
    await page.getByLabel("Direction").selectOption("in");
    await page.getByLabel("Amount from").fill("1000");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/min=1000\.00/);
    await expect(page).toHaveURL(/direction=in/);
    await page.reload();
    await expect(page.getByLabel("Direction")).toHaveValue("in");
    const salaryIds = await loadAll(page);
    expect(salaryIds).toEqual(await expectedIds(uid, "t.amount >= 1000"));

    // The CSV export is exactly the filtered list, in the same order (English: comma, dot).
    const amounts = await page
      .getByTestId("transaction-row")
      .evaluateAll((els) => els.map((e) => [e.getAttribute("data-date"), e.getAttribute("data-amount")]));
    const csv = (await downloadCsv(page)).toString("utf8");
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const rows = parseCsv(csv, ",");
    expect(rows[0].slice(0, 3)).toEqual(["Date", "Amount", "Currency"]);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual(amounts);

    // An empty result says so and offers to clear the filters.
    await page.goto("/transactions?q=zzzznothing");
    await expect(page.getByText("No transactions match")).toBeVisible();
    await expect(page.getByRole("link", { name: "Clear filters" })).toBeVisible();
  });

  test("paging past 500 rows follows newest-first order without gaps or repeats", async ({ page }) => {
    test.setTimeout(180_000);
    const email = await signUp(page);
    await linkBank(page, { userName: "volume-600" });
    const uid = await userId(email);
    const expected = await expectedIds(uid);
    expect(expected.length).toBeGreaterThanOrEqual(1200);
    await page.goto("/transactions");
    const more = page.getByRole("button", { name: "Load more" });
    for (let i = 1; i <= 6; i++) {
      await more.click();
      await expect(page.getByTestId("transaction-row")).toHaveCount(100 * (i + 1));
    }
    const shown = await page
      .getByTestId("transaction-row")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-id")));
    expect(shown).toEqual(expected.slice(0, 700));
    await expect(page.getByText("700 transactions shown, more available")).toBeVisible();

    // The CSV of the unfiltered view holds every row, not just the loaded pages.
    const csv = (await downloadCsv(page)).toString("utf8");
    expect(parseCsv(csv, ",").length - 1).toBe(expected.length);
  });

  test("German formats on dashboard, accounts, transactions and the CSV", async ({ page, context, baseURL }) => {
    test.setTimeout(180_000);
    const email = await signUp(page);
    await linkBank(page);
    const uid = await userId(email);
    await context.addCookies([{ name: "saldo-locale", value: "de", url: baseURL! }]);

    const {
      rows: [sum],
    } = await sql().query(
      `SELECT sum(balance)::text AS total FROM "BankAccount" WHERE "userId" = $1 AND "duplicateOfId" IS NULL AND "closedAt" IS NULL`,
      [uid],
    );
    const [int, frac] = Number(sum.total).toFixed(2).split(".");
    const german = `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${frac}\u00a0€`;
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Übersicht" })).toBeVisible();
    await expect(page.getByTestId("total-booked")).toHaveText(german);
    await expect(page.getByText(/^Stand: \d{2}\.\d{2}\.\d{4}/).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Einnahmen und Ausgaben pro Monat" })).toBeVisible();

    await page.goto("/accounts");
    await page
      .getByRole("link", { name: /Girokonto/ })
      .first()
      .click();
    await expect(page.getByTestId("history-from")).toHaveText(/^Umsätze verfügbar seit \d{2}\.\d{2}\.\d{4}$/, {
      timeout: 45_000,
    });
    await expect(page.getByTestId("account-limit")).toHaveText("1.000,00\u00a0€");

    await page.goto("/transactions");
    const dates = await page.getByTestId("tx-date").allTextContents();
    for (const d of dates) expect(d).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    for (const a of await page.getByTestId("tx-amount").allTextContents())
      expect(a).toMatch(/^[+-]?\d{1,3}(\.\d{3})*,\d{2}\u00a0€$/);

    const buf = await downloadCsv(page);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(buf.toString("utf8").slice(1), ";");
    expect(rows[0].slice(0, 4)).toEqual(["Buchungstag", "Betrag", "Währung", "Status"]);
    expect(rows[1][0]).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(rows[1][1]).toMatch(/^-?\d+,\d{2}$/);
    expect(rows.length - 1).toBe((await expectedIds(uid)).length);
  });

  test("no bank yet: every page points to adding one; another user's account is not found", async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    await signUp(page);
    for (const path of ["/dashboard", "/accounts", "/transactions"]) {
      await page.goto(path);
      await expect(page.getByRole("link", { name: "Add bank" }).last()).toHaveAttribute("href", "/banks/add");
    }
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    const otherEmail = await signUp(otherPage);
    await linkBank(otherPage);
    const { rows } = await sql().query(
      `SELECT a.id FROM "BankAccount" a JOIN "User" u ON u.id = a."userId" WHERE u.email = $1 LIMIT 1`,
      [otherEmail],
    );
    // Another user's account is "not found", with a real 404 status (decided before the page streams),
    // and looks exactly like an id that exists nowhere.
    const theirs = await page.goto(`/accounts/${rows[0].id}`);
    expect(theirs?.status()).toBe(404);
    await expect(page.getByText("This page does not exist, or you do not have access to it.")).toBeVisible();
    const missing = await page.request.get(`/accounts/cm0000000000000000000000z`);
    expect(missing.status()).toBe(404);
    await expect(page.getByTestId("account-balance")).toHaveCount(0);
    const api = await page.request.get(`/api/transactions?account=${rows[0].id}`);
    expect((await api.json()).items).toEqual([]);
    await other.close();
  });
});
