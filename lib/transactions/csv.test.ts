import { describe, expect, it } from "vitest";
import { csvHeader, csvLine, type CsvRow } from "./csv";

const row: CsvRow = {
  bookingDate: "2026-12-24",
  amount: "-1234.56",
  currency: "EUR",
  status: "BOOKED",
  counterpartyName: "REWE Markt GmbH",
  counterpartyIban: "DE02100100100006820101",
  purpose: 'Einkauf; Filiale "Mitte"\nZeile 2',
  categoryId: "K.2.1",
  userCategory: null,
  note: null,
  accountName: "Girokonto",
  bankName: "Testbank",
};

describe("CSV export", () => {
  it("German: BOM, semicolons, decimal comma, DD.MM.YYYY, German names", () => {
    expect(csvHeader("de").startsWith("\uFEFFBuchungstag;Betrag;")).toBe(true);
    expect(csvLine(row, "de")).toBe(
      '24.12.2026;-1234,56;EUR;gebucht;REWE Markt GmbH;DE02100100100006820101;"Einkauf; Filiale ""Mitte"" Zeile 2";Lebensmittel;;Girokonto;Testbank;\r\n',
    );
  });

  it("English: no BOM, commas, dot, ISO dates; the user's category wins", () => {
    expect(csvHeader("en").startsWith("Date,Amount,")).toBe(true);
    expect(csvLine({ ...row, userCategory: "K.4.1", note: "split, with Alex" }, "en")).toBe(
      '2026-12-24,-1234.56,EUR,booked,REWE Markt GmbH,DE02100100100006820101,"Einkauf; Filiale ""Mitte"" Zeile 2",Insurance,"split, with Alex",Girokonto,Testbank,\r\n',
    );
  });

  it("ends with the tags (the user's, the rules', the bank's) and shows an own category and a rule's name", () => {
    const line = csvLine(
      {
        ...row,
        userCategory: "u:clx0123456789",
        tags: ["card"],
        ruleTags: ["food"],
        userTags: ["weekly", "food"],
        ruleCounterparty: "REWE",
      },
      "en",
      { "u:clx0123456789": { name: "Food → Supermarket", color: "#0f766e" } },
    );
    expect(line).toContain(",REWE,");
    expect(line).toContain(",Food → Supermarket,");
    expect(line.endsWith(",Testbank,weekly food card\r\n")).toBe(true);
  });

  it("defuses spreadsheet formulas in text but keeps negative amounts numeric", () => {
    const line = csvLine({ ...row, counterpartyName: '=HYPERLINK("x")', purpose: "+49 123", note: "@SUM(A1)" }, "en");
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
    expect(line).toContain(",'+49 123,");
    expect(line).toContain(",'@SUM(A1),");
    expect(line.startsWith("2026-12-24,-1234.56,")).toBe(true);
  });
});
