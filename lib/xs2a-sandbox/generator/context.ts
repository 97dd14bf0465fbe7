// Everything the generator needs to know about one account, derived only from its bank, login and
// position, so the same login at the same bank always yields the same data.

import { BANKS, PARTNER_BANK_CODE, TESTBANK_CODE, type AccountType, type SandboxBank } from "../banks";
import { hash53, int, pick, rng } from "../hash";
import { germanIban } from "../iban";
import { addDays } from "../time";
import { EMPLOYERS, HOLDERS, LANDLORDS } from "./merchants";

export interface GenContext {
  seed: number;
  key: string;
  type: AccountType;
  bank: SandboxBank;
  iban: string;
  holder: string;
  /** Opening balance at the start of the generated history, cents. */
  opening: number;
  salary: number;
  rent: number;
  employer: string;
  landlord: string;
  sameBankSavingsIban: string | null;
  sameBankGiroIban: string | null;
  sameBankCardIban: string | null;
  /** Testbank giro → Sandbank Plus savings: own accounts at two banks. */
  partnerSavingsIban: string | null;
  partnerGiroIban: string | null;
  coffeeDay: string | null;
  cancelDay: string | null;
  windowStart: string;
  linkedOn: string;
  /** Local time the account was linked ("HH:MM:SS"): bulk history of the link day is not later. */
  linkedAt: string;
  volume: number | null;
}

export function accountNumberFor(bankCode: string, login: string, index: number): string {
  return String(hash53(`acct:${bankCode}:${login}:${index}`) % 10_000_000_000).padStart(10, "0");
}

export function ibanFor(bankCode: string, login: string, index: number): string {
  return germanIban(bankCode, accountNumberFor(bankCode, login, index));
}

export function holderFor(login: string): string {
  return HOLDERS[hash53(`holder:${login}`) % HOLDERS.length]!;
}

function ibanOfType(bank: SandboxBank | undefined, login: string, type: AccountType): string | null {
  if (!bank) return null;
  const index = bank.accounts.findIndex((a) => a.type === type);
  return index < 0 ? null : ibanFor(bank.bank_code, login, index);
}

export function buildContext(a: {
  bankCode: string;
  login: string;
  index: number;
  /** The account's type; the bank's template at `index` gives it for the accounts offered at linking. */
  type?: AccountType;
  linkedOn: string;
  windowStart: string;
  volume: number | null;
  /** When the account was linked ("YYYY-MM-DD HH:MM:SS"). */
  created_at?: string;
}): GenContext {
  const bank = BANKS.find((b) => b.bank_code === a.bankCode);
  if (!bank) throw new Error(`unknown bank ${a.bankCode}`);
  // Accounts opened later (control) sit past the bank's templates, with their own type.
  const template = bank.accounts[a.index] ?? (a.type ? { type: a.type } : undefined);
  if (!template) throw new Error(`bank ${a.bankCode} has no account #${a.index}`);
  const key = `${a.bankCode}:${a.login}:${a.index}`;
  const seed = hash53(key);
  const r = rng(seed);
  const type = template.type;
  const partner = BANKS.find((b) => b.bank_code === PARTNER_BANK_CODE);
  const testbank = BANKS.find((b) => b.bank_code === TESTBANK_CODE);
  const isGiro = type === "giro";
  return {
    seed,
    key,
    type,
    bank,
    iban: ibanFor(a.bankCode, a.login, a.index),
    holder: holderFor(a.login),
    opening:
      type === "giro" ? int(r, 1200, 4800) * 100 + int(r, 0, 99) : type === "savings" ? int(r, 3000, 15000) * 100 : 0,
    salary: int(r, 2400, 4200) * 100 + int(r, 0, 99),
    rent: int(r, 650, 1350) * 100,
    employer: pick(r, EMPLOYERS),
    landlord: pick(r, LANDLORDS),
    sameBankSavingsIban: ibanOfType(bank, a.login, "savings"),
    sameBankGiroIban: ibanOfType(bank, a.login, "giro"),
    sameBankCardIban: ibanOfType(bank, a.login, "creditcard"),
    partnerSavingsIban: bank.bank_code === TESTBANK_CODE && isGiro ? ibanOfType(partner, a.login, "savings") : null,
    partnerGiroIban:
      bank.bank_code === PARTNER_BANK_CODE && type === "savings" ? ibanOfType(testbank, a.login, "giro") : null,
    coffeeDay: isGiro ? addDaysSafe(a.linkedOn, -2, a.windowStart) : null,
    cancelDay: isGiro ? addDaysSafe(a.linkedOn, -5, a.windowStart) : null,
    windowStart: a.windowStart,
    linkedOn: a.linkedOn,
    linkedAt: a.created_at?.slice(11) || "23:59:59",
    volume: a.volume,
  };
}

function addDaysSafe(date: string, days: number, notBefore: string): string | null {
  const d = addDays(date, days);
  return d >= notBefore ? d : null;
}
