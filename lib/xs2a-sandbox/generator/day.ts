// The movements of one account on one calendar day: a pure function of the account context and the
// date, so history can be generated lazily for any window without storing it.

import { hash53, int, pick, rng, type Rng } from "../hash";
import { dayOfMonth, lastDayOfMonth, weekday } from "../time";
import type { GenContext } from "./context";
import {
  childBenefitDay,
  contractPlan,
  electricityAmount,
  plannedDebits,
  salaryDay,
  streamingAmount,
  type ContractPlan,
  type PlannedDebit,
} from "./contracts";
import {
  COFFEE,
  DIRECT_DEBITS,
  CHILD_BENEFIT_IBAN,
  EMPLOYER_IBAN,
  FITNESS,
  FRIEND_IBAN,
  FRIENDS,
  GROCERS,
  LANDLORD_IBAN,
  ONLINE,
  SHOPS,
  type DirectDebit,
  type Merchant,
} from "./merchants";
import type { RawItem } from "./raw-item";

type Draft = Omit<RawItem, "date" | "n">;

const base = {
  lag: 0,
  shift: 0,
  counter_iban: null,
  counter_bic: null,
  counter_holder: null,
  creditor_id: null,
} as const;

function monthLabel(date: string): string {
  return `${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

function time(r: Rng): string {
  return `${String(int(r, 7, 21)).padStart(2, "0")}:${String(int(r, 0, 59)).padStart(2, "0")}:00`;
}

/** A girocard/credit-card payment: prebooked first, booked 1–2 days later, sometimes re-worded or re-dated. */
export function cardPayment(
  r: Rng,
  date: string,
  merchant: Merchant,
  card: "girocard" | "visa",
  lagged: boolean,
): Draft {
  const amount = -int(r, merchant.min, merchant.max);
  const at = time(r);
  const terminal = `${date}T${at} KFN 1 VJ 2712`;
  const booked = [
    `${merchant.holder}//${merchant.city}/DE`,
    terminal,
    card === "girocard" ? "Kartenzahlung girocard" : "VISA Kartenumsatz",
  ];
  const lag = lagged ? int(r, 1, 2) : 0;
  const rewords = lagged && r() < 0.5;
  return {
    ...base,
    amount,
    purpose: booked,
    pendingPurpose: rewords ? ["Vormerkung Kartenzahlung", merchant.holder.toUpperCase()] : undefined,
    lag,
    shift: lag > 0 && r() < 0.4 ? 1 : 0,
    counter_iban: merchant.iban,
    counter_bic: merchant.bic,
    counter_holder: merchant.holder,
    category_id: merchant.category_id,
    tags: merchant.tags,
    at,
  };
}

function directDebit(date: string, dd: DirectDebit, holder: string, amount = dd.amount): Draft {
  const mandate = `${dd.mandatePrefix}-${hash53(holder + dd.holder) % 1_000_000}`;
  return {
    contract: dd.label,
    ...base,
    amount: -amount,
    purpose: [
      ...dd.lines(monthLabel(date), mandate),
      `EREF: ${dd.mandatePrefix}${date.replaceAll("-", "")}`,
      `MREF: ${mandate}`,
      `CRED: ${dd.creditorId}`,
    ],
    counter_iban: dd.iban,
    counter_bic: dd.bic,
    counter_holder: dd.holder,
    creditor_id: dd.creditorId,
    category_id: dd.category_id,
    tags: dd.tags,
  };
}

function plannedDebit(date: string, p: PlannedDebit): Draft {
  return {
    ...base,
    contract: p.label,
    amount: -p.amount,
    purpose: [
      ...p.lines,
      `EREF: ${p.mandate}-${date.replaceAll("-", "")}`,
      `MREF: ${p.mandate}`,
      `CRED: ${p.creditorId}`,
    ],
    counter_iban: p.iban,
    counter_bic: "SNDXDEB1XXX",
    counter_holder: p.holder,
    creditor_id: p.creditorId,
    category_id: p.category_id,
    tags: p.tags,
  };
}

const plans = new WeakMap<GenContext, ContractPlan>();

function planOf(ctx: GenContext): ContractPlan {
  let plan = plans.get(ctx);
  if (!plan) plans.set(ctx, (plan = contractPlan(ctx)));
  return plan;
}

function debitAmount(ctx: GenContext, plan: ContractPlan, dd: DirectDebit, date: string): number {
  if (dd.label === "electricity") return electricityAmount(ctx.seed, date);
  if (dd.label === "streaming") return streamingAmount(plan, date);
  return dd.amount;
}

function ownTransfer(
  amount: number,
  purpose: string[],
  counterIban: string,
  holder: string,
  bic: string,
  standingOrder: boolean,
): Draft {
  return {
    ...base,
    amount,
    purpose,
    counter_iban: counterIban,
    counter_bic: bic,
    counter_holder: holder,
    category_id: "N.1.1",
    tags: standingOrder ? ["transfer", "own-account", "standing-order"] : ["transfer", "own-account"],
  };
}

function giroDay(ctx: GenContext, date: string, r: Rng, out: Draft[]): void {
  const dom = dayOfMonth(date);
  const plan = planOf(ctx);
  if (dom === 1) {
    out.push({
      ...base,
      contract: "rent",
      amount: -ctx.rent,
      purpose: ["DAUERAUFTRAG", `Miete ${monthLabel(date)} Wohnung 3. OG links`, "Mieternr. 10-4711"],
      counter_iban: LANDLORD_IBAN,
      counter_bic: "SNDXDEB1XXX",
      counter_holder: ctx.landlord,
      category_id: "K.1.1",
      tags: ["rent", "standing-order"],
    });
  }
  if (dom === 2 && ctx.partnerSavingsIban) {
    out.push(
      ownTransfer(
        -25000,
        ["DAUERAUFTRAG", "Sparen Sparkonto Plus"],
        ctx.partnerSavingsIban,
        ctx.holder,
        "SNDBDEB1XXX",
        true,
      ),
    );
  }
  if (dom === 3 && ctx.sameBankSavingsIban) {
    out.push(
      ownTransfer(
        -5000,
        ["DAUERAUFTRAG", "Umbuchung Tagesgeld"],
        ctx.sameBankSavingsIban,
        ctx.holder,
        ctx.bank.bic,
        true,
      ),
    );
  }
  if (dom === 25 && ctx.sameBankCardIban) {
    out.push(
      ownTransfer(
        -40000,
        ["Ausgleich Kreditkartenabrechnung", `Abrechnung ${monthLabel(date)}`],
        ctx.sameBankCardIban,
        ctx.holder,
        ctx.bank.bic,
        false,
      ),
    );
  }
  if (salaryDay(plan, date)) {
    out.push({
      ...base,
      contract: "salary",
      amount: ctx.salary,
      purpose: [`LOHN / GEHALT ${monthLabel(date)}`, ctx.employer, `EREF: GEHALT-${date.slice(0, 7)}`],
      counter_iban: EMPLOYER_IBAN,
      counter_bic: "SNDXDEB1XXX",
      counter_holder: ctx.employer,
      category_id: "E.1.1",
      tags: ["salary", "income"],
    });
  }
  for (const dd of DIRECT_DEBITS) {
    if (dd.dayOfMonth === dom) out.push(directDebit(date, dd, ctx.holder, debitAmount(ctx, plan, dd, date)));
  }
  for (const p of plannedDebits(ctx, plan, date)) out.push(plannedDebit(date, p));
  if (childBenefitDay(plan, date)) {
    out.push({
      ...base,
      contract: "child-benefit",
      amount: 25500,
      purpose: ["Kindergeld", `KG-Nr. 123FK456789 ${monthLabel(date)}`],
      counter_iban: CHILD_BENEFIT_IBAN,
      counter_bic: "MARKDEF1760",
      counter_holder: "Bundesagentur fuer Arbeit - Familienkasse",
      category_id: "E.5.1",
      tags: ["income", "child-benefit"],
    });
  }
  if (dom === 10) {
    out.push({
      ...base,
      amount: -int(r, 1, 3) * 10000,
      purpose: ["Bargeldauszahlung", `GA ${date} Sparkasse Musterstadt`, "girocard"],
      category_id: "K.6.1",
      tags: ["cash"],
    });
  }
  const sunday = weekday(date) === 0;
  if (!sunday && r() < 0.45) out.push(cardPayment(r, date, pick(r, GROCERS), "girocard", true));
  if (!sunday && r() < 0.2) out.push(cardPayment(r, date, pick(r, SHOPS), "girocard", true));
  if (r() < 0.04) {
    const friend = pick(r, FRIENDS);
    out.push({
      ...base,
      amount: int(r, 10, 60) * 100,
      purpose: [pick(r, ["Pizza gestern", "Danke fürs Auslegen", "Konzertkarte", "Geschenk Anteil"])],
      counter_iban: FRIEND_IBAN,
      counter_bic: "SNDXDEB1XXX",
      counter_holder: friend,
      category_id: "E.3.1",
      tags: ["transfer", "income"],
    });
  }
  if (date === ctx.coffeeDay) {
    // Two identical coffees on one day: same amount, text, date and counterparty.
    const coffee = cardPayment(rng(ctx.seed ^ 0xc0ffee), date, COFFEE, "girocard", false);
    out.push(coffee, { ...coffee, purpose: [...coffee.purpose], tags: [...coffee.tags] });
  }
  if (date === ctx.cancelDay)
    out.push({ ...directDebit(date, FITNESS, ctx.holder), contract: undefined, canceled: true });
}

function savingsDay(ctx: GenContext, date: string, out: Draft[]): void {
  const dom = dayOfMonth(date);
  if (dom === 2 && ctx.partnerGiroIban) {
    out.push(ownTransfer(25000, ["Sparen Sparkonto Plus"], ctx.partnerGiroIban, ctx.holder, "TESTDE88XXX", false));
  }
  if (dom === 3 && ctx.sameBankGiroIban) {
    out.push(ownTransfer(5000, ["Umbuchung Tagesgeld"], ctx.sameBankGiroIban, ctx.holder, ctx.bank.bic, false));
  }
  const month = Number(date.slice(5, 7));
  if (month % 3 === 0 && dom === lastDayOfMonth(date)) {
    out.push({
      ...base,
      amount: 100 + (hash53(ctx.key + date) % 2400),
      purpose: ["Zinsgutschrift", `Quartal ${month / 3}/${date.slice(0, 4)}`],
      category_id: "E.2.1",
      tags: ["interest", "income"],
    });
  }
}

function creditCardDay(ctx: GenContext, date: string, r: Rng, out: Draft[]): void {
  if (dayOfMonth(date) === 25 && ctx.sameBankGiroIban) {
    out.push(
      ownTransfer(
        40000,
        ["Ausgleich Kreditkartenabrechnung", `Abrechnung ${monthLabel(date)}`],
        ctx.sameBankGiroIban,
        ctx.holder,
        ctx.bank.bic,
        false,
      ),
    );
  }
  if (r() < 0.35) out.push(cardPayment(r, date, pick(r, ONLINE), "visa", true));
}

export function dayItems(ctx: GenContext, date: string): RawItem[] {
  const r = rng(hash53(date, ctx.seed));
  const drafts: Draft[] = [];
  if (ctx.type === "giro") giroDay(ctx, date, r, drafts);
  else if (ctx.type === "savings") savingsDay(ctx, date, drafts);
  else creditCardDay(ctx, date, r, drafts);
  return drafts.map((d, n) => ({ ...d, date, n }));
}
