/**
 * Zod schemas for every XS2A response, with the documented quirks (xs2a-api.md §1.4–§2.5, §8)
 * resolved here and nowhere else. Unknown extra fields are dropped (zod's default `strip`).
 */
import { z } from "zod";
import { amountFromNumber, amountNearCents, type Money } from "./amount.ts";
import { berlinWallClockToDate, isValidYmd, type CalendarDate } from "../berlin-time.ts";
import {
  ACCOUNT_TYPES,
  type AccessToken,
  type AccountType,
  type Balance,
  type Bank,
  type BankAccount,
  type BankConnection,
  type BankUser,
  type Paginated,
  type RejectedTurnover,
  type RoundedAmount,
  type SyncMode,
  type Turnover,
  type TurnoverIssue,
  type Turnovers,
  type WizardElement,
  type WizardResponse,
  type WizardSession,
  type WizardSessionRef,
  type Xs2aCode,
  type Xs2aEvent,
} from "./types.ts";

type Ctx = z.core.$RefinementCtx;

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
}

// ---------------------------------------------------------------------------------------------
// Scalar quirk parsers. Each is exported on its own so the tests can prove every quirk separately.
// ---------------------------------------------------------------------------------------------

/** Ids: a string, or a number turned into its string (id formats are undocumented). */
export const idString = z.union([z.string().min(1), z.number().int()]).transform((v) => String(v));

/** Optional text: missing/null → null; numbers are read as their string. */
export const optionalString = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)));

/** Text where XS2A sends `""` for "none" (country_id, currency, sync_message, last_error). */
export const emptyAsNull = optionalString.transform((v) => (v === "" ? null : v));

/** XS2A `code`: `404` or `"404"` → 404; non-numeric codes stay strings. */
export const codeValue = z.union([z.number(), z.string()]).transform((v): Xs2aCode => {
  if (typeof v === "string" && /^\d+$/.test(v.trim())) return Number(v.trim());
  return v;
});

const BOOL_TRUE = new Set<unknown>([true, 1, "1", "true"]);
const BOOL_FALSE = new Set<unknown>([false, 0, "0", "false"]);

/** Booleans as true/false, 1/0, "1"/"0", "true"/"false"; missing/null → `fallback`. */
export function booleanish(fallback = false) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx): boolean => {
      if (v === null || v === undefined) return fallback;
      if (BOOL_TRUE.has(v)) return true;
      if (BOOL_FALSE.has(v)) return false;
      return fail(ctx, 'expected a boolean (true/false, 1/0, "1"/"0", "true"/"false")');
    });
}

/** Integers as numbers or numeric strings; missing/null → null. */
export const optionalInt = z
  .unknown()
  .optional()
  .transform((v, ctx): number | null => {
    if (v === null || v === undefined || v === "") return null;
    const n = typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v;
    if (typeof n === "number" && Number.isSafeInteger(n)) return n;
    return fail(ctx, "expected an integer");
  });

const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const ZERO_DATE_RE = /^0000-00-00(?:[ T]00:00(?::00)?)?$/;

/** Parses an XS2A date-time; no offset means Europe/Berlin wall-clock time. */
export function parseXs2aDateTime(text: string): Date | null | undefined {
  const s = text.trim();
  if (s === "" || ZERO_DATE_RE.test(s)) return null;
  const m = DATE_TIME_RE.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  if (!isValidYmd(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = m[8];
  if (!offset) return berlinWallClockToDate(year, month, day, hour, minute, second, ms);
  let offsetMinutes = 0;
  if (offset.toUpperCase() !== "Z") {
    const digits = offset.slice(1).replace(":", "");
    offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
    if (offset.startsWith("-")) offsetMinutes = -offsetMinutes;
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000);
}

/** Date-time → `Date`; `""`, `0000-00-00…` and missing → null. */
export const dateTime = z
  .unknown()
  .optional()
  .transform((v, ctx): Date | null => {
    if (v === null || v === undefined) return null;
    if (typeof v !== "string") return fail(ctx, "expected a date-time string");
    const parsed = parseXs2aDateTime(v);
    if (parsed === undefined) return fail(ctx, "expected a date-time YYYY-MM-DD HH:MM:SS");
    return parsed;
  });

/**
 * Calendar date → `"YYYY-MM-DD"`, kept as text so no time zone can shift it. A date-time value is
 * cut to the calendar date it is written with (the bank's own date), not converted.
 * `""`, `0000-00-00` and missing → null.
 */
export const calendarDate = z
  .unknown()
  .optional()
  .transform((v, ctx): CalendarDate | null => {
    if (v === null || v === undefined) return null;
    if (typeof v !== "string") return fail(ctx, "expected a date string");
    const s = v.trim();
    if (s === "" || ZERO_DATE_RE.test(s)) return null;
    const m = DATE_TIME_RE.exec(s);
    if (!m || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) return fail(ctx, "expected a date YYYY-MM-DD");
    return `${m[1]}-${m[2]}-${m[3]}`;
  });

/** Amount (JSON number, major units) → exact `Money`; non-finite or off the cent grid → invalid. */
export const money = z
  .unknown()
  .optional()
  .transform((v, ctx): Money => {
    const r = amountFromNumber(v);
    return r.ok ? r.value : fail(ctx, r.reason);
  });

/** Account type; anything unknown (or missing) → "other". */
export const accountType = z
  .unknown()
  .optional()
  .transform((v): AccountType =>
    typeof v === "string" && (ACCOUNT_TYPES as readonly string[]).includes(v) ? (v as AccountType) : "other",
  );

export const syncMode = z
  .unknown()
  .optional()
  .transform((v): SyncMode | null => (v === "full" || v === "shared" || v === "none" ? v : null));

/** A list of strings; a single string is read as a one-element list; null entries dropped. */
export const stringList = z
  .union([z.array(z.union([z.string(), z.null()])), z.string()])
  .nullish()
  .transform((v): string[] => {
    if (v === null || v === undefined) return [];
    if (typeof v === "string") return v === "" ? [] : [v];
    return v.filter((s): s is string => s !== null);
  });

/** PHP serialises an empty object as `[]`: read `[]`/null as an empty record. */
const looseRecord = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown())])
  .nullish()
  .transform((v): Record<string, unknown> => (v && !Array.isArray(v) ? v : {}));

/** `currency` (current key) or `currency_id` (older key); `""` → null. */
const currencyFields = { currency: emptyAsNull, currency_id: emptyAsNull };
const pickCurrency = (o: { currency: string | null; currency_id: string | null }) => o.currency ?? o.currency_id;

// ---------------------------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------------------------

export function paginatedSchema<T>(item: z.ZodType<T>): z.ZodType<Paginated<T>> {
  return z
    .object({
      total: optionalInt,
      per_page: optionalInt,
      current_page: optionalInt,
      last_page: optionalInt,
      next_page_url: optionalString,
      prev_page_url: optionalString,
      from: optionalInt,
      to: optionalInt,
      data: z.array(item),
    })
    .transform((p) => ({
      total: p.total ?? p.data.length,
      perPage: p.per_page ?? p.data.length,
      currentPage: p.current_page ?? 1,
      lastPage: p.last_page ?? p.current_page ?? 1,
      nextPageUrl: p.next_page_url,
      prevPageUrl: p.prev_page_url,
      from: p.from,
      to: p.to,
      data: p.data,
    }));
}

export const bankUserSchema: z.ZodType<BankUser> = z
  .object({
    id: idString,
    name: optionalString,
    email: optionalString,
    testmode: booleanish(),
    created_at: dateTime,
  })
  .transform((u) => ({ id: u.id, name: u.name, email: u.email, testmode: u.testmode, createdAt: u.created_at }));

export const accessTokenSchema: z.ZodType<AccessToken> = z
  .object({ id: idString, token: z.string().min(1), valid_until: dateTime, created_at: dateTime })
  .transform((t) => ({ id: t.id, token: t.token, validUntil: t.valid_until, createdAt: t.created_at }));

export const wizardSessionRefSchema: z.ZodType<WizardSessionRef> = z
  .object({ wizard_session_key: z.string().min(1), transaction: idString })
  .transform((s) => ({ wizardSessionKey: s.wizard_session_key, transaction: s.transaction }));

export const bankConnectionSchema: z.ZodType<BankConnection> = z
  .object({
    id: idString,
    transaction: optionalString,
    bic: emptyAsNull,
    bank_name: optionalString,
    country_id: emptyAsNull,
    sync_mode: syncMode,
    sync_active: booleanish(),
    sync_message: emptyAsNull,
    sync_fail_counter: optionalInt,
    last_synced: dateTime,
    consent_valid_until: calendarDate,
    testmode: booleanish(),
    created_at: dateTime,
  })
  .transform((c) => ({
    id: c.id,
    transaction: c.transaction,
    bic: c.bic,
    bankName: c.bank_name,
    countryId: c.country_id,
    syncMode: c.sync_mode,
    syncActive: c.sync_active,
    syncMessage: c.sync_message,
    syncFailCounter: c.sync_fail_counter ?? 0,
    lastSynced: c.last_synced,
    consentValidUntil: c.consent_valid_until,
    testmode: c.testmode,
    createdAt: c.created_at,
  }));

export const bankAccountSchema: z.ZodType<BankAccount> = z
  .object({
    id: idString,
    bank_connection_id: emptyAsNull,
    holder: optionalString,
    iban: emptyAsNull,
    description: optionalString,
    bic: emptyAsNull,
    account_number: emptyAsNull,
    bank_code: emptyAsNull,
    bank_name: optionalString,
    country_id: emptyAsNull,
    type: accountType,
    joint_account: booleanish(),
    transaction_possible: booleanish(),
    created_at: dateTime,
  })
  .transform((a) => ({
    id: a.id,
    bankConnectionId: a.bank_connection_id,
    holder: a.holder,
    iban: a.iban,
    description: a.description,
    bic: a.bic,
    accountNumber: a.account_number,
    bankCode: a.bank_code,
    bankName: a.bank_name,
    countryId: a.country_id,
    type: a.type,
    jointAccount: a.joint_account,
    transactionPossible: a.transaction_possible,
    createdAt: a.created_at,
  }));

/** A balance amount: exact, or a float artefact within 1e-9 of a cent (rounded, and said so); absent → null. */
const balanceAmount = z
  .unknown()
  .optional()
  .transform((v, ctx): { money: Money; roundedFrom: number | null } | null => {
    if (v === null || v === undefined) return null;
    const r = amountNearCents(v);
    return r.ok ? { money: r.value, roundedFrom: r.roundedFrom } : fail(ctx, r.reason);
  });

const roundedOf = (...amounts: ({ money: Money; roundedFrom: number | null } | null)[]) =>
  amounts.flatMap((a) => (a && a.roundedFrom !== null ? [{ sent: a.roundedFrom, decimal: a.money.decimal }] : []));

export const balanceSchema: z.ZodType<Balance> = z
  .object({
    id: idString,
    balance: balanceAmount,
    available: balanceAmount,
    limit: balanceAmount,
    ...currencyFields,
    date: dateTime,
    created_at: dateTime,
  })
  .transform((b) => ({
    accountId: b.id,
    balance: b.balance?.money ?? null,
    available: b.available?.money ?? null,
    limit: b.limit?.money ?? null,
    roundedAmounts: roundedOf(b.balance, b.available, b.limit),
    currency: pickCurrency(b),
    date: b.date,
    createdAt: b.created_at,
  }));

/** A turnover's amount: exact, or a float artefact within 1e-9 of a cent (rounded, and said so). */
const turnoverAmount = z
  .unknown()
  .optional()
  .transform((v, ctx): { money: Money; roundedFrom: number | null } => {
    const r = amountNearCents(v);
    return r.ok ? { money: r.value, roundedFrom: r.roundedFrom } : fail(ctx, r.reason);
  });

/** A turnover's booking date: required (an item without one cannot be placed on any day). */
const bookingDate = z
  .unknown()
  .optional()
  .transform((v, ctx): CalendarDate => {
    const r = calendarDate.safeParse(v);
    if (!r.success) return fail(ctx, r.error.issues[0]?.message ?? "expected a date YYYY-MM-DD");
    if (r.data === null)
      return fail(
        ctx,
        v === undefined || v === null ? "no booking date" : `no booking date (sent ${JSON.stringify(v)})`,
      );
    return r.data;
  });

/** A currency code: `""`/missing → null (XS2A's "unknown"); otherwise three letters, or the item is refused. */
const currencyCode = emptyAsNull.transform((v, ctx): string | null => {
  if (v === null) return null;
  return /^[A-Za-z]{3}$/.test(v.trim()) ? v.trim() : fail(ctx, "currency is not a three-letter code");
});

/** Every field of a turnover item, each parsed on its own (so a rejected item keeps the rest). */
const turnoverFields = {
  id: emptyAsNull,
  transaction_id: emptyAsNull,
  booking_date: bookingDate,
  amount: turnoverAmount,
  currency: currencyCode,
  currency_id: currencyCode,
  purpose: stringList,
  counter_iban: emptyAsNull,
  counter_bic: emptyAsNull,
  counter_holder: emptyAsNull,
  prebooked: booleanish(false),
  canceled: booleanish(false),
  tags: stringList,
  category_id: emptyAsNull,
  creditor_id: emptyAsNull,
  new: booleanish(false),
};

type ParsedFields = { [K in keyof typeof turnoverFields]: z.output<(typeof turnoverFields)[K]> };

/** The domain names of the fields; `amount` and the two currency keys are mapped by hand. */
const FIELD_NAMES = {
  id: "id",
  transaction_id: "transactionId",
  booking_date: "bookingDate",
  purpose: "purpose",
  counter_iban: "counterIban",
  counter_bic: "counterBic",
  counter_holder: "counterHolder",
  prebooked: "prebooked",
  canceled: "canceled",
  tags: "tags",
  category_id: "categoryId",
  creditor_id: "creditorId",
  new: "new",
} as const satisfies Partial<Record<keyof typeof turnoverFields, keyof Turnover>>;

const toTurnover = (t: ParsedFields): Turnover => ({
  id: t.id,
  transactionId: t.transaction_id,
  bookingDate: t.booking_date,
  amount: t.amount.money,
  currency: t.currency ?? t.currency_id,
  purpose: t.purpose,
  counterIban: t.counter_iban,
  counterBic: t.counter_bic,
  counterHolder: t.counter_holder,
  prebooked: t.prebooked,
  canceled: t.canceled,
  tags: t.tags,
  categoryId: t.category_id,
  creditorId: t.creditor_id,
  new: t.new,
});

const turnoverItemSchema = z.object(turnoverFields);

export const turnoverSchema: z.ZodType<Turnover> = turnoverItemSchema.transform(toTurnover);

const issuePath = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join(".") : "(item)");

/** The fields of a refused item that parse on their own. */
function partialTurnover(raw: Record<string, unknown>): Partial<Turnover> {
  const out: Partial<Record<keyof Turnover, unknown>> = {};
  for (const [key, name] of Object.entries(FIELD_NAMES)) {
    const r = turnoverFields[key as keyof typeof FIELD_NAMES].safeParse(raw[key]);
    if (r.success) out[name] = r.data;
  }
  const amount = turnoverAmount.safeParse(raw.amount);
  if (amount.success) out.amount = amount.data.money;
  const currency = currencyCode.safeParse(raw.currency);
  const currencyId = currencyCode.safeParse(raw.currency_id);
  if (currency.success && currencyId.success) out.currency = currency.data ?? currencyId.data;
  return out as Partial<Turnover>;
}

/** One item of a turnovers list: parsed, or handed back as it came with what is wrong with it. */
export function parseTurnoverItem(
  raw: unknown,
  index: number,
): { ok: true; turnover: Turnover; roundedFrom: number | null } | { ok: false; rejected: RejectedTurnover } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return {
      ok: false,
      rejected: { index, raw, issues: [{ path: "(item)", message: "expected an object" }], partial: {} },
    };
  const r = turnoverItemSchema.safeParse(raw);
  if (r.success) return { ok: true, turnover: toTurnover(r.data), roundedFrom: r.data.amount.roundedFrom };
  const issues: TurnoverIssue[] = r.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
  return { ok: false, rejected: { index, raw, issues, partial: partialTurnover(raw as Record<string, unknown>) } };
}

/**
 * The turnovers wrapper. The list is read item by item: an item that does not parse is returned
 * in `rejected` (raw, with its issues) instead of failing the response, so one odd amount or a
 * missing booking date never hides the account's other turnovers. A wrapper that is itself wrong
 * (no id, `turnovers` not a list) still fails the response.
 */
export const turnoversSchema: z.ZodType<Turnovers> = z
  .object({
    id: idString,
    days: optionalInt,
    date: dateTime,
    created_at: dateTime,
    turnovers: z.array(z.unknown()).nullish(),
  })
  .transform((w) => {
    const turnovers: Turnover[] = [];
    const rejected: RejectedTurnover[] = [];
    const roundedAmounts: RoundedAmount[] = [];
    (w.turnovers ?? []).forEach((raw, index) => {
      const r = parseTurnoverItem(raw, index);
      if (!r.ok) return void rejected.push(r.rejected);
      if (r.roundedFrom !== null) roundedAmounts.push({ index, sent: r.roundedFrom, amount: r.turnover.amount });
      turnovers.push(r.turnover);
    });
    return {
      accountId: w.id,
      days: w.days,
      date: w.date,
      createdAt: w.created_at,
      turnovers,
      rejected,
      roundedAmounts,
    };
  });

export const wizardSessionSchema: z.ZodType<WizardSession> = z
  .object({
    id: idString,
    transaction: optionalString,
    wizard_session_key: optionalString,
    product: optionalString,
    parameters: looseRecord,
    last_error: emptyAsNull,
    testmode: booleanish(),
    finished: booleanish(),
    current_step: emptyAsNull,
    created_at: dateTime,
  })
  .transform((s) => ({
    id: s.id,
    transaction: s.transaction,
    wizardSessionKey: s.wizard_session_key,
    product: s.product,
    parameters: s.parameters,
    lastError: s.last_error,
    testmode: s.testmode,
    finished: s.finished,
    currentStep: s.current_step,
    createdAt: s.created_at,
  }));

export const eventSchema: z.ZodType<Xs2aEvent> = z
  .object({
    id: idString,
    transaction: emptyAsNull,
    type: z.string(),
    data: z.unknown(),
    testmode: booleanish(),
    message: optionalString,
    created_at: dateTime,
  })
  .transform((e) => ({
    id: e.id,
    transaction: e.transaction,
    type: e.type,
    data: e.data ?? null,
    testmode: e.testmode,
    message: e.message,
    createdAt: e.created_at,
  }));

export const bankSchema: z.ZodType<Bank> = z
  .object({
    bank_code: emptyAsNull,
    bic: emptyAsNull,
    name: optionalString,
    short_name: optionalString,
    zipcode: optionalString,
    city: optionalString,
    country_id: emptyAsNull,
    testmode: booleanish(),
    xs2a_products: stringList,
    xs2a_supported: booleanish(),
  })
  .transform((b) => ({
    bankCode: b.bank_code,
    bic: b.bic,
    name: b.name,
    shortName: b.short_name,
    zipcode: b.zipcode,
    city: b.city,
    countryId: b.country_id,
    testmode: b.testmode,
    xs2aProducts: b.xs2a_products,
    xs2aSupported: b.xs2a_supported,
  }));

const wizardElementSchema: z.ZodType<WizardElement> = z.record(z.string(), z.unknown()).transform((raw, ctx) => {
  const r = z
    .object({
      type: z.string(),
      name: optionalString,
      label: optionalString,
      validation: optionalString,
      invalid: booleanish(),
      validation_error: emptyAsNull,
      failed_validation_rules: stringList,
    })
    .safeParse(raw);
  if (!r.success) return fail(ctx, `invalid wizard element: ${r.error.issues.map((i) => i.message).join("; ")}`);
  return {
    type: r.data.type,
    name: r.data.name,
    label: r.data.label,
    value: raw.value ?? null,
    selected: raw.selected ?? null,
    checked: raw.checked ?? null,
    options: raw.options ?? null,
    validation: r.data.validation,
    invalid: r.data.invalid,
    validationError: r.data.validation_error,
    failedValidationRules: r.data.failed_validation_rules,
    raw,
  };
});

export const wizardResponseSchema: z.ZodType<WizardResponse> = z
  .object({
    code: codeValue.nullish(),
    message: optionalString,
    error: z
      .union([z.array(z.unknown()), z.object({ message: optionalString, recoverable: booleanish(false) }), z.string()])
      .nullish(),
    polling: z.union([z.array(z.unknown()), z.object({ interval: optionalInt })]).nullish(),
    form: z
      .union([
        z.array(z.unknown()),
        z.object({
          name: z.string(),
          elements: z.union([z.array(wizardElementSchema), z.record(z.string(), wizardElementSchema)]).nullish(),
        }),
      ])
      .nullish(),
  })
  .transform((w) => {
    const error =
      w.error === null || w.error === undefined || Array.isArray(w.error)
        ? null
        : typeof w.error === "string"
          ? w.error === ""
            ? null
            : { message: w.error, recoverable: false }
          : w.error;
    const polling =
      w.polling && !Array.isArray(w.polling) && w.polling.interval !== null && w.polling.interval > 0
        ? { intervalMs: w.polling.interval }
        : null;
    const form =
      w.form && !Array.isArray(w.form)
        ? {
            name: w.form.name,
            elements: Array.isArray(w.form.elements) ? w.form.elements : Object.values(w.form.elements ?? {}),
          }
        : null;
    return {
      code: w.code ?? null,
      message: w.message,
      error,
      polling,
      form,
      finished: form?.name === "finish",
    };
  });

/** The body of an error response (any status ≥ 400), read leniently. */
export const errorBodySchema = z
  .object({
    code: codeValue.nullish().catch(null),
    message: optionalString.catch(null),
    errors: z
      .record(z.string(), z.union([z.array(z.unknown()), z.string()]))
      .nullish()
      .catch(null)
      .transform((e): Record<string, string[]> => {
        const out: Record<string, string[]> = {};
        for (const [field, value] of Object.entries(e ?? {})) {
          out[field] = (Array.isArray(value) ? value : [value]).map(String);
        }
        return out;
      }),
  })
  .transform((b) => ({ code: b.code ?? null, message: b.message, errors: b.errors }));

export type ErrorBody = z.output<typeof errorBodySchema>;
