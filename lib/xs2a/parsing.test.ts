/**
 * Every documented XS2A quirk (xs2a-api.md §1.4–§2.5, §8), each proven on its own through the
 * client with a fake fetch, so the whole path (HTTP → zod → domain type) is covered.
 */
import { describe, expect, it } from "vitest";
import { createXs2aClient, type Xs2aError } from "./index.ts";
import { fakeFetch, jsonResponse } from "../../scripts/fixtures/fake-fetch.ts";

const BASE = "https://xs2a.test";

function clientAnswering(body: unknown, status = 200) {
  const f = fakeFetch(jsonResponse(body, status));
  const client = createXs2aClient({ baseUrl: BASE, apiKey: "key", fetch: f.fetch, maxReadRetries: 0 });
  return { client, user: client.forToken("tok"), calls: f.calls };
}

const account = {
  id: "acc1",
  bank_connection_id: "conn1",
  holder: "Max Mustermann",
  iban: "DE62888888880012345678",
  description: "Girokonto",
  bic: "TESTDE88XXX",
  account_number: "0012345678",
  bank_code: "88888888",
  bank_name: "Testbank",
  country_id: "DE",
  type: "giro",
  joint_account: false,
  transaction_possible: true,
  created_at: "2024-01-31 12:00:00",
  object: "bank_account",
};

const connection = {
  id: "conn1",
  transaction: "tx1",
  bic: "TESTDE88XXX",
  bank_name: "Testbank",
  country_id: "DE",
  sync_mode: "full",
  sync_active: true,
  sync_message: "",
  sync_fail_counter: 0,
  last_synced: "2024-01-31 12:00:00",
  consent_valid_until: "2024-04-30",
  testmode: true,
  created_at: "2024-01-31 12:00:00",
  object: "bank_connection",
};

const turnover = {
  id: null,
  transaction_id: "bank-tx-1",
  booking_date: "2024-01-30",
  amount: -12.5,
  currency: "EUR",
  purpose: ["REWE SAGT DANKE", "Karte 1"],
  counter_iban: "DE02120300000000202051",
  counter_bic: "BYLADEM1001",
  counter_holder: "REWE",
  prebooked: false,
  canceled: false,
  tags: ["groceries"],
  category_id: "K.1.1",
  creditor_id: null,
  new: true,
};

async function parseTurnover(overrides: Record<string, unknown>) {
  const { user } = clientAnswering({
    id: "acc1",
    days: 90,
    date: "2024-01-31 12:00:00",
    turnovers: [{ ...turnover, ...overrides }],
  });
  const t = await user.accounts.turnovers("acc1");
  return t.turnovers[0]!;
}

/** The whole turnovers answer for a list of items (valid, refused and rounded ones). */
async function parseTurnovers(items: unknown[]) {
  const { user } = clientAnswering({ id: "acc1", days: 90, date: "2024-01-31 12:00:00", turnovers: items });
  return user.accounts.turnovers("acc1");
}

/** One item that must be refused: returns its issues (the list itself parses). */
async function refusedTurnover(overrides: Record<string, unknown>) {
  const r = await parseTurnovers([{ ...turnover, ...overrides }]);
  expect(r.turnovers).toEqual([]);
  expect(r.rejected).toHaveLength(1);
  return r.rejected[0]!;
}

async function parseAccount(overrides: Record<string, unknown>) {
  return clientAnswering({ ...account, ...overrides }).user.accounts.get("acc1");
}

async function parseConnection(overrides: Record<string, unknown>) {
  return clientAnswering({ ...connection, ...overrides }).user.connections.get("conn1");
}

async function parseBalance(body: Record<string, unknown>) {
  return clientAnswering(body).user.accounts.balance("acc1");
}

async function expectMalformed(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => {
      throw new Error("expected a malformed_response error");
    },
    (e: unknown) => e,
  )) as Xs2aError;
  expect(error.kind).toBe("malformed_response");
  return error;
}

describe("the documented shapes parse into camelCase domain types", () => {
  it("bank account", async () => {
    expect(await parseAccount({})).toEqual({
      id: "acc1",
      bankConnectionId: "conn1",
      holder: "Max Mustermann",
      iban: "DE62888888880012345678",
      description: "Girokonto",
      bic: "TESTDE88XXX",
      accountNumber: "0012345678",
      bankCode: "88888888",
      bankName: "Testbank",
      countryId: "DE",
      type: "giro",
      jointAccount: false,
      transactionPossible: true,
      createdAt: new Date("2024-01-31T11:00:00Z"),
    });
  });

  it("bank connection", async () => {
    expect(await parseConnection({})).toEqual({
      id: "conn1",
      transaction: "tx1",
      bic: "TESTDE88XXX",
      bankName: "Testbank",
      countryId: "DE",
      syncMode: "full",
      syncActive: true,
      syncMessage: null,
      syncFailCounter: 0,
      lastSynced: new Date("2024-01-31T11:00:00Z"),
      consentValidUntil: "2024-04-30",
      testmode: true,
      createdAt: new Date("2024-01-31T11:00:00Z"),
    });
  });

  it("turnover (all §2.4 fields)", async () => {
    expect(await parseTurnover({})).toEqual({
      id: null,
      transactionId: "bank-tx-1",
      bookingDate: "2024-01-30",
      amount: { cents: -1250, decimal: "-12.50" },
      currency: "EUR",
      purpose: ["REWE SAGT DANKE", "Karte 1"],
      counterIban: "DE02120300000000202051",
      counterBic: "BYLADEM1001",
      counterHolder: "REWE",
      prebooked: false,
      canceled: false,
      tags: ["groceries"],
      categoryId: "K.1.1",
      creditorId: null,
      new: true,
    });
  });

  it("balance", async () => {
    expect(
      await parseBalance({
        id: "acc1",
        balance: 1234.56,
        available: 1500.0,
        limit: 500.0,
        currency: "EUR",
        date: "2024-01-31 12:00:00",
        created_at: "2024-01-31 12:00:00",
      }),
    ).toEqual({
      accountId: "acc1",
      balance: { cents: 123456, decimal: "1234.56" },
      available: { cents: 150000, decimal: "1500.00" },
      limit: { cents: 50000, decimal: "500.00" },
      roundedAmounts: [],
      currency: "EUR",
      date: new Date("2024-01-31T11:00:00Z"),
      createdAt: new Date("2024-01-31T11:00:00Z"),
    });
  });

  it("unknown extra fields are ignored", async () => {
    const a = await parseAccount({ brand_new_field: { nested: true }, object: "bank_account_v2" });
    expect(a).not.toHaveProperty("brand_new_field");
    expect(a.id).toBe("acc1");
  });
});

describe('quirk: booleans as true/false, 1/0, "1"/"0", "true"/"false"', () => {
  it.each([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ["1", true],
    ["0", false],
    ["true", true],
    ["false", false],
  ])("joint_account %j → %s", async (input, expected) => {
    expect((await parseAccount({ joint_account: input })).jointAccount).toBe(expected);
  });

  it.each([
    [1, true],
    ["0", false],
  ])("turnover prebooked %j → %s", async (input, expected) => {
    expect((await parseTurnover({ prebooked: input })).prebooked).toBe(expected);
  });

  it("null prebooked/canceled/new read as false (booked, not canceled, not new)", async () => {
    const t = await parseTurnover({ prebooked: null, canceled: null, new: null });
    expect([t.prebooked, t.canceled, t.new]).toEqual([false, false, false]);
  });

  it.each([2, "yes", "", {}])("rejects %j as malformed", async (input) => {
    await expectMalformed(parseAccount({ transaction_possible: input }));
  });
});

describe("quirk: code as number or string", () => {
  it.each([
    [404, 404],
    ["404", 404],
    ["not_found", "not_found"],
  ])("error body code %j → %j", async (input, expected) => {
    const { user } = clientAnswering({ code: input, message: "Not found" }, 404);
    const error = (await user.accounts.get("x").catch((e: unknown) => e)) as Xs2aError;
    expect(error.kind).toBe("not_found");
    expect(error.code).toEqual(expected);
  });

  it.each([
    [200, 200],
    ["200", 200],
  ])("wizard response code %j → %j", async (input, expected) => {
    const { user } = clientAnswering({
      code: input,
      message: "ok",
      error: [],
      polling: {},
      form: { name: "bank", elements: [] },
    });
    expect((await user.wizard.step({ key: "k" })).code).toBe(expected);
  });
});

describe('quirk: "" → null for country_id and currency', () => {
  it("account country_id", async () => {
    expect((await parseAccount({ country_id: "" })).countryId).toBeNull();
  });
  it("connection country_id", async () => {
    expect((await parseConnection({ country_id: "" })).countryId).toBeNull();
  });
  it("turnover currency", async () => {
    expect((await parseTurnover({ currency: "" })).currency).toBeNull();
  });
  it("balance currency", async () => {
    expect((await parseBalance({ id: "a", balance: 1, currency: "" })).currency).toBeNull();
  });
});

describe("quirk: currency vs currency_id", () => {
  it("balance with currency_id only", async () => {
    expect((await parseBalance({ id: "a", balance: 1, currency_id: "CHF" })).currency).toBe("CHF");
  });
  it("turnover with currency_id only", async () => {
    const { currency, ...rest } = turnover;
    void currency;
    const { user } = clientAnswering({ id: "a", turnovers: [{ ...rest, currency_id: "USD" }] });
    expect((await user.accounts.turnovers("a")).turnovers[0]!.currency).toBe("USD");
  });
  it("currency wins when both are present", async () => {
    expect((await parseBalance({ id: "a", balance: 1, currency: "EUR", currency_id: "CHF" })).currency).toBe("EUR");
  });
});

describe('quirk: "0000-00-00" → null for dates', () => {
  it("consent_valid_until", async () => {
    expect((await parseConnection({ consent_valid_until: "0000-00-00" })).consentValidUntil).toBeNull();
  });
  it("consent_valid_until null", async () => {
    expect((await parseConnection({ consent_valid_until: null })).consentValidUntil).toBeNull();
  });
  it("booking_date: read as no date, so that one item is refused (with its reason), not the list", async () => {
    const r = await parseTurnovers([{ ...turnover, booking_date: "0000-00-00" }]);
    expect(r.turnovers).toEqual([]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.issues).toEqual([{ path: "booking_date", message: 'no booking date (sent "0000-00-00")' }]);
  });
  it("date-time 0000-00-00 00:00:00", async () => {
    expect((await parseConnection({ last_synced: "0000-00-00 00:00:00" })).lastSynced).toBeNull();
  });
});

describe("quirk: date-times (space or T, fractions, offset; no offset = Europe/Berlin)", () => {
  it.each([
    ["2024-01-31 12:00:00", "2024-01-31T11:00:00.000Z"], // winter, CET
    ["2024-07-15 12:00:00", "2024-07-15T10:00:00.000Z"], // summer, CEST
    ["2024-07-15T12:00:00", "2024-07-15T10:00:00.000Z"],
    ["2024-07-15 12:00:00.123456", "2024-07-15T10:00:00.123Z"],
    ["2024-07-15T12:00:00+00:00", "2024-07-15T12:00:00.000Z"],
    ["2024-07-15T12:00:00Z", "2024-07-15T12:00:00.000Z"],
    ["2024-07-15T12:00:00.5-0130", "2024-07-15T13:30:00.500Z"],
    ["2025-01-01 00:30:00", "2024-12-31T23:30:00.000Z"],
  ])("%s → %s", async (input, iso) => {
    expect((await parseConnection({ last_synced: input })).lastSynced?.toISOString()).toBe(iso);
  });

  it("access token valid_until 2050-01-01 11:11:11 (Berlin) round-trips to its instant", async () => {
    const { client } = clientAnswering({ id: "t1", token: "secret", valid_until: "2050-01-01 11:11:11" });
    const t = await client.accessTokens.get("u1", "t1");
    expect(t.validUntil?.toISOString()).toBe("2050-01-01T10:11:11.000Z");
  });

  it.each(["2024-13-01 00:00:00", "31.01.2024 12:00", "2024-02-30 10:00:00", "2024-01-31 25:00:00"])(
    "rejects %s as malformed",
    async (input) => {
      await expectMalformed(parseConnection({ last_synced: input }));
    },
  );
});

describe("quirk: calendar dates stay YYYY-MM-DD strings, never shifted", () => {
  it("consent_valid_until is the same string", async () => {
    expect((await parseConnection({ consent_valid_until: "2024-03-31" })).consentValidUntil).toBe("2024-03-31");
  });
  it("booking_date as date-time is cut to its own calendar date (no Berlin/UTC shift)", async () => {
    expect((await parseTurnover({ booking_date: "2024-12-31 23:30:00" })).bookingDate).toBe("2024-12-31");
    expect((await parseTurnover({ booking_date: "2025-01-01T00:15:00+01:00" })).bookingDate).toBe("2025-01-01");
    expect((await parseTurnover({ booking_date: "2024-06-30T00:00:00" })).bookingDate).toBe("2024-06-30");
  });
  it.each(["2024-02-30", "30.01.2024", "2024-1-5"])(
    "rejects booking_date %s (that item, not the list)",
    async (input) => {
      const rejected = await refusedTurnover({ booking_date: input });
      expect(rejected.issues).toEqual([{ path: "booking_date", message: "expected a date YYYY-MM-DD" }]);
    },
  );
  it.each(["2024-02-30", "30.01.2024", "2024-1-5"])("rejects consent_valid_until %s as malformed", async (input) => {
    await expectMalformed(parseConnection({ consent_valid_until: input }));
  });
});

describe("quirk: nullable balance, available, limit and bank_connection_id", () => {
  it("balance fields null", async () => {
    const b = await parseBalance({ id: "a", balance: null, available: null, limit: null, currency: "EUR" });
    expect([b.balance, b.available, b.limit]).toEqual([null, null, null]);
  });
  it("balance fields missing", async () => {
    const b = await parseBalance({ id: "a", currency: "EUR" });
    expect([b.balance, b.available, b.limit]).toEqual([null, null, null]);
  });
  it("bank_connection_id null (account outlived its connection)", async () => {
    expect((await parseAccount({ bank_connection_id: null })).bankConnectionId).toBeNull();
  });
});

describe("quirk: account type", () => {
  it.each(["giro", "creditcard", "savings", "loan", "securities", "wallet", "other"])("%s is kept", async (type) => {
    expect((await parseAccount({ type })).type).toBe(type);
  });
  it.each(["depot", "", null, 3])("unknown %j → other", async (type) => {
    expect((await parseAccount({ type })).type).toBe("other");
  });
});

describe("turnover details", () => {
  it("purpose as a single string becomes a one-line list", async () => {
    expect((await parseTurnover({ purpose: "Miete Januar" })).purpose).toEqual(["Miete Januar"]);
  });
  it("purpose null → []", async () => {
    expect((await parseTurnover({ purpose: null })).purpose).toEqual([]);
  });
  it("tags missing → []", async () => {
    const { tags, ...rest } = turnover;
    void tags;
    const { user } = clientAnswering({ id: "a", turnovers: [rest] });
    expect((await user.accounts.turnovers("a")).turnovers[0]!.tags).toEqual([]);
  });
  it("amount 1234.56 (not exactly representable) converts exactly", async () => {
    expect((await parseTurnover({ amount: 1234.56 })).amount).toEqual({ cents: 123456, decimal: "1234.56" });
  });
  it.each([
    [12.345, "has more than two decimals"],
    [1e21, "out of range"],
    ["12.50", "must be a JSON number"],
    [null, "must be a JSON number"],
    [1e-7, "off the cent grid"],
  ])("amount %j refuses that item (path and reason kept), not the list", async (amount, reason) => {
    const rejected = await refusedTurnover({ amount });
    expect(rejected.issues).toHaveLength(1);
    expect(rejected.issues[0]!.path).toBe("amount");
    expect(rejected.issues[0]!.message).toContain(reason);
  });
  it("a float artefact (0.1 + 0.2) is rounded to the cent and reported", async () => {
    const r = await parseTurnovers([turnover, { ...turnover, amount: 0.30000000000000004 }]);
    expect(r.rejected).toEqual([]);
    expect(r.turnovers[1]!.amount).toEqual({ cents: 30, decimal: "0.30" });
    expect(r.roundedAmounts).toEqual([{ index: 1, sent: 0.30000000000000004, amount: { cents: 30, decimal: "0.30" } }]);
  });
  it.each([1.1 * 1.1, -(0.7 + 0.1), 0.07 * 3, 1e-10])("float artefact %s is within 1e-9 of a cent", async (amount) => {
    const r = await parseTurnovers([{ ...turnover, amount }]);
    expect(r.rejected).toEqual([]);
    expect(r.roundedAmounts).toHaveLength(1);
    expect(r.turnovers[0]!.amount.cents).toBe(Math.round(amount * 100));
  });
  it("exact amounts are not reported as rounded", async () => {
    expect((await parseTurnovers([turnover, { ...turnover, amount: 1234.56 }])).roundedAmounts).toEqual([]);
  });
  it("balance off the cent grid is a malformed response", async () => {
    await expectMalformed(parseBalance({ id: "a", balance: 10.001 }));
  });
  it("a balance's float artefact is rounded to the cent, and said so", async () => {
    const b = await parseBalance({ id: "a", balance: 0.1 + 0.2, available: 1500.0, limit: 1000.0000000000001 });
    expect(b.balance).toEqual({ cents: 30, decimal: "0.30" });
    expect(b.limit).toEqual({ cents: 100000, decimal: "1000.00" });
    expect(b.roundedAmounts).toEqual([
      { sent: 0.30000000000000004, decimal: "0.30" },
      { sent: 1000.0000000000001, decimal: "1000.00" },
    ]);
  });
});

describe("other objects", () => {
  it("paginated list with nullable from/to and string numbers", async () => {
    const { client } = clientAnswering({
      total: "1",
      per_page: 15,
      current_page: 1,
      last_page: 1,
      next_page_url: null,
      prev_page_url: null,
      from: null,
      to: null,
      data: [{ id: "u1", name: "Max", email: "m@example.com", testmode: "1", created_at: "2024-01-31 12:00:00" }],
    });
    const page = await client.bankUsers.list();
    expect(page).toMatchObject({ total: 1, perPage: 15, currentPage: 1, lastPage: 1, from: null, to: null });
    expect(page.data[0]).toEqual({
      id: "u1",
      name: "Max",
      email: "m@example.com",
      testmode: true,
      createdAt: new Date("2024-01-31T11:00:00Z"),
    });
  });

  it('wizard session: last_error "" → null, parameters [] → {}', async () => {
    const { client } = clientAnswering({
      id: "s1",
      transaction: "tx1",
      wizard_session_key: "k",
      product: "xs2a_api",
      parameters: [],
      last_error: "",
      testmode: 1,
      finished: "1",
      current_step: "WizardFinishStep",
      created_at: "2024-01-31 12:00:00",
      object: "wizard_session",
    });
    expect(await client.sessions.get("tx1")).toMatchObject({
      lastError: null,
      parameters: {},
      finished: true,
      testmode: true,
      currentStep: "WizardFinishStep",
    });
  });

  it("wizard response: form, error [] and polling {}", async () => {
    const { user } = clientAnswering({
      code: 200,
      message: "ok",
      error: [],
      polling: {},
      form: {
        name: "login",
        elements: [
          {
            type: "text",
            name: "USER_NAME",
            value: "",
            label: "Name",
            validation: "required",
            invalid: false,
            failed_validation_rules: "",
            validation_error: "",
          },
          {
            type: "checkbox",
            name: "privacy_policy",
            checked: false,
            label: "AGB",
            invalid: "1",
            failed_validation_rules: ["accepted"],
            validation_error: "Bitte bestätigen",
          },
          { type: "help_text", title: "Hinweis", text: "…" },
        ],
      },
    });
    const w = await user.wizard.step({ key: "k", USER_NAME: "x" });
    expect(w.error).toBeNull();
    expect(w.polling).toBeNull();
    expect(w.finished).toBe(false);
    expect(w.form?.name).toBe("login");
    expect(w.form?.elements[1]).toMatchObject({
      type: "checkbox",
      name: "privacy_policy",
      checked: false,
      invalid: true,
      failedValidationRules: ["accepted"],
      validationError: "Bitte bestätigen",
    });
    expect(w.form?.elements[0]).toMatchObject({ validationError: null, failedValidationRules: [] });
    expect(w.form?.elements[2]?.raw).toMatchObject({ title: "Hinweis" });
  });

  it("wizard response: finish, polling interval and an unrecoverable error", async () => {
    const finish = await clientAnswering({
      code: 200,
      form: { name: "finish", elements: [] },
      error: [],
      polling: [],
    }).user.wizard.step({ key: "k" });
    expect(finish.finished).toBe(true);
    const polling = await clientAnswering({
      polling: { interval: 2000 },
      form: { name: "tan", elements: [] },
    }).user.wizard.step({ key: "k" });
    expect(polling.polling).toEqual({ intervalMs: 2000 });
    const failed = await clientAnswering({
      error: { message: "Login failed", recoverable: 0 },
      form: { name: "login", elements: [] },
    }).user.wizard.step({ key: "k" });
    expect(failed.error).toEqual({ message: "Login failed", recoverable: false });
  });

  it("event and bank objects", async () => {
    const { client } = clientAnswering({
      id: "e1",
      transaction: "",
      type: "transaction.updated",
      data: { a: 1 },
      testmode: "true",
      message: "hi",
      created_at: "2024-01-31 12:00:00",
    });
    expect(await client.events.get("e1")).toMatchObject({ transaction: null, testmode: true, data: { a: 1 } });
    const bank = await clientAnswering({
      bank_code: "88888888",
      bic: "TESTDE88XXX",
      name: "Testbank",
      country_id: "DE",
      testmode: 1,
      xs2a_products: ["xs2a_api"],
      xs2a_supported: "true",
    }).client.bankCodes.get("88888888");
    expect(bank).toMatchObject({
      bankCode: "88888888",
      testmode: true,
      xs2aProducts: ["xs2a_api"],
      xs2aSupported: true,
    });
  });

  it("a missing required field (turnover amount) refuses that item", async () => {
    const { amount, ...rest } = turnover;
    void amount;
    const r = await parseTurnovers([rest]);
    expect(r.turnovers).toEqual([]);
    expect(r.rejected[0]!.issues.map((i) => i.path)).toEqual(["amount"]);
  });

  it.each([
    ["no id", { turnovers: [] }],
    ["turnovers not a list", { id: "a", turnovers: { 0: {} } }],
    ["turnovers a string", { id: "a", turnovers: "none" }],
  ])("a turnovers wrapper with %s is a malformed response", async (_name, body) => {
    await expectMalformed(clientAnswering(body).user.accounts.turnovers("a"));
  });
});

describe("turnover lists are read item by item", () => {
  it("one odd item: the others come through, the odd one comes back raw with its issues and the fields that parsed", async () => {
    const odd = { ...turnover, transaction_id: "bank-tx-2", amount: 12.345, brand_new_field: { x: [1] } };
    const r = await parseTurnovers([turnover, odd, { ...turnover, transaction_id: "bank-tx-3" }]);
    expect(r.turnovers.map((t) => t.transactionId)).toEqual(["bank-tx-1", "bank-tx-3"]);
    expect(r.rejected).toHaveLength(1);
    const rejected = r.rejected[0]!;
    expect(rejected.index).toBe(1);
    // Exactly what was sent, unknown fields included.
    expect(rejected.raw).toEqual(odd);
    expect(rejected.issues).toEqual([{ path: "amount", message: "amount 12.345 has more than two decimals" }]);
    expect(rejected.partial).toMatchObject({
      transactionId: "bank-tx-2",
      bookingDate: "2024-01-30",
      currency: "EUR",
      purpose: ["REWE SAGT DANKE", "Karte 1"],
      counterHolder: "REWE",
    });
    expect(rejected.partial).not.toHaveProperty("amount");
  });

  it.each([
    ["missing", undefined, "no booking date"],
    ["null", null, "no booking date"],
    ["empty", "", 'no booking date (sent "")'],
    ["impossible", "2025-02-30", "expected a date YYYY-MM-DD"],
    ["a month 13", "2025-13-01", "expected a date YYYY-MM-DD"],
    ["a number", 20250101, "expected a date string"],
  ])("booking date %s refuses that item", async (_name, booking_date, message) => {
    const rejected = await refusedTurnover({ booking_date });
    expect(rejected.issues).toEqual([{ path: "booking_date", message }]);
    expect(rejected.partial).toMatchObject({ amount: { cents: -1250, decimal: "-12.50" } });
    expect(rejected.partial).not.toHaveProperty("bookingDate");
  });

  it.each(["EURO", "€", "E", 978])("currency %j refuses that item", async (currency) => {
    const rejected = await refusedTurnover({ currency });
    expect(rejected.issues.map((i) => i.path)).toEqual(["currency"]);
    expect(rejected.partial).not.toHaveProperty("currency");
  });

  it("a lower-case currency code is still a code", async () => {
    expect((await parseTurnover({ currency: "usd" })).currency).toBe("usd");
  });

  it("several issues of one item are all kept", async () => {
    const rejected = await refusedTurnover({ booking_date: null, amount: "NaN", canceled: "maybe" });
    expect(rejected.issues.map((i) => i.path).sort()).toEqual(["amount", "booking_date", "canceled"]);
  });

  it.each([null, "text", 42, [1, 2]])("an item that is no object (%j) is refused as such", async (item) => {
    const r = await parseTurnovers([turnover, item]);
    expect(r.turnovers).toHaveLength(1);
    expect(r.rejected).toEqual([
      { index: 1, raw: item, issues: [{ path: "(item)", message: "expected an object" }], partial: {} },
    ]);
  });
});
