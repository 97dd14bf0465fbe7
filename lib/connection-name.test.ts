import { describe, expect, it } from "vitest";
import { connectionName, isAmbiguous } from "@/lib/connection-name";

const login = (over: Partial<Parameters<typeof connectionName>[0]> = {}) => ({
  name: null,
  bankName: "Testbank",
  accounts: [{ description: "Girokonto", type: "giro", iban: "DE62888888880012345678" }],
  ...over,
});

describe("a bank login's name", () => {
  it("is the bank's name while it is the user's only login there", () => {
    expect(connectionName(login(), { ambiguous: false })).toBe("Testbank");
  });

  it("adds the first account and its IBAN tail when two logins share the bank, so they read apart", () => {
    const names = ["DE62888888880012345678", "DE62888888880099990001"].map((iban) =>
      connectionName(login({ accounts: [{ description: "Girokonto", type: "giro", iban }] }), {
        ambiguous: isAmbiguous("Testbank", ["Testbank", "testbank ", "Nordbank"]),
      }),
    );
    expect(names).toEqual(["Testbank · Girokonto ••5678", "Testbank · Girokonto ••0001"]);
    expect(connectionName(login({ accounts: [] }), { ambiguous: true })).toBe("Testbank");
    expect(
      connectionName(login({ accounts: [{ description: null, type: "savings", iban: null }] }), { ambiguous: true }),
    ).toBe("Testbank · savings");
  });

  it("is the user's own name when given, trimmed; a blank one falls back", () => {
    expect(connectionName(login({ name: "  Haushalt " }), { ambiguous: true })).toBe("Haushalt");
    expect(connectionName(login({ name: "  " }), { ambiguous: false })).toBe("Testbank");
    expect(connectionName(login({ bankName: null }), { ambiguous: false, fallback: "Bank" })).toBe("Bank");
  });

  it("ambiguity counts the same bank name case- and space-insensitively", () => {
    expect(isAmbiguous("Testbank", ["Testbank"])).toBe(false);
    expect(isAmbiguous("Testbank", ["Testbank", " TESTBANK"])).toBe(true);
    expect(isAmbiguous(null, [null, "Testbank"])).toBe(false);
  });
});
