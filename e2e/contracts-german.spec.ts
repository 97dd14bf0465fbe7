import fs from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { messages } from "../lib/i18n/messages";
import { buildContext } from "../lib/xs2a-sandbox/generator/context";
import { addDays } from "../lib/xs2a-sandbox/time";
import { checkA11y } from "./fixtures/axe";
import { linkBank, sandbox, signUp } from "./fixtures/app";

// The contracts page for a user who chose German: cadences, dates (02.03.2027), amounts
// (1.234,56 €), an alert, the forecast and the CSV export (semicolons, decimal commas) in German.
// Every wording comes from the messages. Does not move the sandbox clock.

const de = messages("de");
const c = de.contracts;

/** "2027-03-02" → "02.03.2027", as the German pages and CSV write a date. */
const deDate = (iso: string) => iso.slice(0, 10).split("-").reverse().join(".");
const euro = (n: number) => new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).format(n);
/** A German amount: "1.234,56 €" (a no-break space before the sign), optionally signed. */
const GERMAN_MONEY = /^[-−+]?\d{1,3}(\.\d{3})*,\d{2}\u00a0€$/;

const contract = (page: Page, name: string) =>
  page.getByTestId("contract").filter({ has: page.getByRole("heading", { name: new RegExp(`^${name}`) }) });

/** A small CSV reader (quotes, doubled quotes, CRLF). */
function parseCsv(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  return rows;
}

test("the contracts page, an alert, the forecast and the CSV in German", async ({ page }) => {
  test.setTimeout(300_000);
  await signUp(page);
  const linkedOn = ((await sandbox("clock")) as { today: string }).today;
  await linkBank(page, { syncMode: "FULL", bankCode: "88888888" });
  const ctx = buildContext({
    bankCode: "88888888",
    login: "max",
    index: 0,
    linkedOn,
    windowStart: addDays(linkedOn, -364),
    volume: null,
  });

  // The user chooses German in the settings (the English page names it by its own name).
  await page.goto("/settings");
  await page.getByRole("radio", { name: messages("en").settings.german }).check();
  await expect(page.getByRole("heading", { name: de.settings.language })).toBeVisible({ timeout: 30_000 });

  await expect
    .poll(
      async () => {
        await page.goto("/contracts");
        return page.getByTestId("contract").count();
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThan(5);
  await expect(page.getByRole("heading", { name: c.title, level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: c.detectNow })).toBeVisible();

  // German cadence names, dates and amounts on the contracts.
  await expect(contract(page, ctx.landlord).getByTestId("cadence")).toHaveText(c.cadence.monthly);
  const allianz = contract(page, "Allianz Versicherungs-AG");
  await expect(allianz.getByTestId("cadence")).toContainText(c.cadence.quarterly);
  await expect(allianz.getByTestId("cadence")).toContainText(/\d,\d{2}\u00a0€ \/ Monat$/);
  expect(c.perMonthShort("x")).toBe("x / Monat");
  const nextMonth = `${addDays(`${linkedOn.slice(0, 8)}28`, 7).slice(0, 8)}01`;
  await expect(contract(page, ctx.landlord).getByTestId("next-date")).toContainText(deDate(nextMonth));
  for (const text of await page.getByTestId("next-date").allTextContents()) {
    if (text === c.ended) continue;
    const [date, amount] = text.split(" · ");
    expect(date).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(amount).toMatch(GERMAN_MONEY);
  }
  const costs = (await page.getByTestId("costs-per-month").textContent())!;
  const income = (await page.getByTestId("income-per-month").textContent())!;
  expect(costs).toMatch(GERMAN_MONEY);
  expect(income).toMatch(GERMAN_MONEY);
  // A salary's year has a thousands separator: "38.400,00 € pro Jahr".
  await expect(page.getByText(/^\d{1,3}(\.\d{3})+,\d{2}\u00a0€ pro Jahr$/).last()).toBeVisible();
  await checkA11y(page, "/contracts (German)");

  // An end date with a notice period, in German: the cancellation deadline shows as an alert.
  const endDate = addDays(linkedOn, 40);
  const telekom = contract(page, "Telekom Deutschland GmbH").first();
  const telekomName = (await telekom.getByRole("heading").first().textContent())!.replace(/\s*\S+$/, "").trim();
  await telekom.getByRole("button", { name: `${c.edit}: ${telekomName}` }).click();
  await telekom.getByLabel(c.endDateLabel).fill(endDate);
  await telekom.getByLabel(c.noticeLabel).fill("30");
  await telekom.getByRole("button", { name: c.save }).click();
  await expect(telekom).toContainText(`${c.endsOn(deDate(endDate))} · ${c.noticeDays(30)}`);
  await page.reload();
  await expect(page.getByRole("heading", { name: c.alertsTitle })).toBeVisible();
  await expect(
    page.getByTestId("contract-alerts").getByText(c.alert.cancel_deadline(telekomName, deDate(addDays(endDate, -30)))),
  ).toBeVisible();

  // Splitting with no payment ticked says so (in German) instead of doing nothing.
  const rentCard = contract(page, ctx.landlord);
  await rentCard.getByRole("button", { name: `${c.split} ${ctx.landlord}` }).click();
  await rentCard.getByRole("button", { name: c.splitSubmit }).click();
  await expect(rentCard.getByRole("alert")).toHaveText(c.errors.split_none);

  // The forecast: German summary and table.
  await expect(page.getByRole("heading", { name: c.forecastTitle })).toBeVisible();
  // The forecast starts tomorrow.
  const tomorrow = deDate(addDays(linkedOn, 1));
  await expect(page.locator("figcaption").filter({ hasText: tomorrow })).toHaveText(
    new RegExp(`^${tomorrow} – \\d{2}\\.\\d{2}\\.\\d{4}: .+€ → .+€\\. `),
  );
  await page.getByText(c.showTable).click();
  const table = page.getByRole("table", { name: c.forecastTitle });
  // The total comes right after the date, so a phone shows it without scrolling sideways.
  await expect(table.getByRole("columnheader").nth(1)).toHaveText(c.forecastTotal);
  const firstRow = table.locator("tbody tr").first();
  await expect(firstRow.getByRole("rowheader")).toHaveText(tomorrow);
  expect((await firstRow.locator("td").last().textContent())!).toMatch(GERMAN_MONEY);

  // The German CSV: BOM, semicolons, decimal commas, German words and dates.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: c.exportCsv }).click(),
  ]);
  const buf = await fs.readFile((await download.path())!);
  expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [head, ...rows] = parseCsv(buf.toString("utf8").slice(1), ";");
  expect(head).toEqual(c.csv.headers);
  // Columns by their German header (the header row is the messages' list, checked above).
  const col = (header: string) => c.csv.headers.indexOf(header);
  const H_NAME = col("Vertrag");
  const H_DIR = col("Richtung");
  const H_CADENCE = col("Rhythmus");
  const H_AMOUNT = col("Betrag");
  const H_MONTH = col("Pro Monat");
  const H_NEXT = col("Nächste erwartet");
  const rent = rows.find((r) => r[H_NAME] === ctx.landlord)!;
  expect(rent[H_CADENCE]).toBe(c.cadence.monthly);
  expect(rent[H_DIR]).toBe(c.csv.direction.out);
  expect(rent[H_NEXT]).toBe(deDate(nextMonth));
  expect(rows.find((r) => r[H_NAME] === "Allianz Versicherungs-AG")![H_CADENCE]).toBe(c.cadence.quarterly);
  for (const r of rows) {
    expect(r[H_AMOUNT]).toMatch(/^-?\d+,\d{2}$/);
    expect(r[H_MONTH]).toMatch(/^-?\d+,\d{2}$/);
  }
  // The page's fixed costs per month are the CSV's active costs added up.
  const cents = (v: string) => Math.round(Number(v.replace(",", ".")) * 100);
  const activeCosts = rows.filter((r) => r[H_DIR] === c.csv.direction.out && r[H_NEXT] !== "");
  const total = activeCosts.reduce((s, r) => s + Math.abs(cents(r[H_MONTH]!)), 0);
  expect(costs).toBe(euro(total / 100));
});
