import { describe, expect, it } from "vitest";
import {
  formatAxisMoney as axisRaw,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatMoney as moneyRaw,
} from "@/lib/i18n/format";

// Intl separates the currency sign with a no-break space; compare with plain spaces.
const plain = (s: string) => s.replace(/\u00a0/g, " ");
const formatAxisMoney = (...a: Parameters<typeof axisRaw>) => plain(axisRaw(...a));
const formatMoney = (...a: Parameters<typeof moneyRaw>) => plain(moneyRaw(...a));

describe("dates are never ambiguous", () => {
  it("English spells the month ('2 Mar 2027'), German is 02.03.2027", () => {
    expect(formatDate("2027-03-02", "en")).toBe("2 Mar 2027");
    expect(formatDate("2027-03-02", "de")).toBe("02.03.2027");
    expect(formatDate(new Date(Date.UTC(2026, 11, 24)), "en")).toBe("24 Dec 2026");
    expect(formatDate("2026-12-24T00:00:00.000Z", "de")).toBe("24.12.2026");
    // The same style as the date-times beside them.
    expect(formatDateTime(new Date("2026-12-02T06:25:00Z"), "en")).toBe("2 Dec 2026, 07:25");
    expect(formatDateTime(new Date("2026-12-02T06:25:00Z"), "de")).toBe("02.12.2026, 07:25");
  });

  it("chart axes: '2 Mar' / '02.03.'", () => {
    expect(formatDayMonth("2027-03-02", "en")).toBe("2 Mar");
    expect(formatDayMonth("2027-03-02", "de")).toBe("02.03.");
  });
});

describe("German thousands are grouped the same way everywhere", () => {
  it("on the chart axis: 3.000 € beside 12.000 €", () => {
    expect(formatAxisMoney(3000, "EUR", "de")).toBe("3.000 €");
    expect(formatAxisMoney(12000, "EUR", "de")).toBe("12.000 €");
    expect(formatAxisMoney(-2500, "EUR", "de")).toBe("-2.500 €");
    expect(formatAxisMoney(1_500_000, "EUR", "de")).toBe("1,5 Mio. €");
    expect(formatAxisMoney(3000, "EUR", "en")).toMatch(/^€3[kK]$/);
    expect(formatAxisMoney(12500, "EUR", "en")).toMatch(/^€12\.5[kK]$/);
  });

  it("in amounts", () => {
    expect(formatMoney("3000", "EUR", "de")).toBe("3.000,00 €");
    expect(formatMoney("1234.5", "EUR", "en")).toBe("€1,234.50");
  });
});
