import { describe, expect, it } from "vitest";
import {
  decodeCursor,
  encodeCursor,
  filtersToSearchParams,
  isBigintId,
  parseAmount,
  parseFilters,
  toPrefixTsquery,
} from "./filters";

describe("transaction filters in the URL", () => {
  it("round-trips every filter through the query string", () => {
    const qs =
      "q=rewe&account=acc1&account=acc2&bank=con1&from=2026-10-01&to=2026-10-31&min=12.50&max=100.00&direction=out&category=K.2&category=u%3Aclx0123456789&tag=food&tag=Wochen+einkauf&status=PENDING&status=BOOKED";
    const f = parseFilters(new URLSearchParams(qs));
    expect(f).toEqual({
      q: "rewe",
      accounts: ["acc1", "acc2"],
      banks: ["con1"],
      from: "2026-10-01",
      to: "2026-10-31",
      min: "12.50",
      max: "100.00",
      direction: "out",
      categories: ["K.2", "u:clx0123456789"],
      tags: ["food", "Wochen einkauf"],
      statuses: ["PENDING", "BOOKED"],
    });
    expect(filtersToSearchParams(f).toString()).toBe(qs);
  });

  it("drops what does not parse instead of failing the page", () => {
    const f = parseFilters({
      from: "2026-02-30",
      to: "yesterday",
      min: "abc",
      direction: "sideways",
      category: ["K.2", "'; DROP"],
      status: ["pending", "LOST"],
      account: "../x",
    });
    expect(f).toMatchObject({
      from: null,
      to: null,
      min: null,
      direction: null,
      categories: ["K.2"],
      statuses: ["PENDING"],
      accounts: [],
    });
  });

  it("reads German and English amounts exactly, ignoring the sign", () => {
    expect(parseAmount("1.234,56")).toBe("1234.56");
    expect(parseAmount("1234.5")).toBe("1234.50");
    expect(parseAmount("-12")).toBe("12.00");
    expect(parseAmount("12,345")).toBeNull();
    expect(parseAmount("")).toBeNull();
  });

  it("turns the search box into prefix terms that can never be tsquery syntax", () => {
    expect(toPrefixTsquery("rew")).toBe("rew:*");
    expect(toPrefixTsquery("Miete  Oktober")).toBe("miete:* & oktober:*");
    expect(toPrefixTsquery("dm-drogerie")).toBe("dm:* & drogerie:*");
    expect(toPrefixTsquery("a & !b | c:* ('")).toBe("a:* & b:* & c:*");
    expect(toPrefixTsquery("Müller")).toBe("müller:*");
    expect(toPrefixTsquery("&|!()")).toBeNull();
  });

  it("encodes the keyset cursor and rejects tampered ones", () => {
    expect(decodeCursor(encodeCursor({ bookingDate: "2026-11-03", id: "12345" }))).toEqual({
      bookingDate: "2026-11-03",
      id: "12345",
    });
    expect(decodeCursor("2026-11-03_1 OR 1=1")).toBeNull();
    expect(decodeCursor("2026-13-03_5")).toBeNull();
  });

  it("refuses cursor ids past PostgreSQL's bigint (2026-01-01_9999999999999999999 answered 500)", () => {
    expect(decodeCursor("2026-01-01_9223372036854775807")).toEqual({
      bookingDate: "2026-01-01",
      id: "9223372036854775807",
    });
    expect(decodeCursor("2026-01-01_9223372036854775808")).toBeNull();
    expect(decodeCursor("2026-01-01_9999999999999999999")).toBeNull();
    expect(decodeCursor("2026-01-01_-1")).toBeNull();
    expect(isBigintId("0")).toBe(true);
    expect(isBigintId("9223372036854775807")).toBe(true);
    for (const bad of ["9223372036854775808", "9999999999999999999", "99999999999999999999", "-1", "1e3", "", " 1"])
      expect(isBigintId(bad), bad).toBe(false);
  });
});
