// The sandbox's banks. Bank codes 9999000x are not real German bank codes, so sandbox data can never
// be mistaken for a real institution's. 88888888 is the official XS2A test bank.

export type AccountType = "giro" | "savings" | "creditcard";

export interface AccountTemplate {
  type: AccountType;
  description: string;
}

export interface SandboxBank {
  bank_code: string;
  bic: string;
  name: string;
  short_name: string;
  zipcode: string;
  city: string;
  country_id: "DE";
  /** Days a consent given in the wizard stays valid. */
  consentDays: number;
  /** Whether turnovers carry the bank's own `transaction_id` (otherwise clients must fingerprint). */
  providesTransactionIds: boolean;
  /** Every login fails with a non-recoverable `tech_error`. */
  down: boolean;
  accounts: AccountTemplate[];
}

export const BANKS: readonly SandboxBank[] = [
  {
    bank_code: "88888888",
    bic: "TESTDE88XXX",
    name: "Testbank",
    short_name: "Testbank",
    zipcode: "10115",
    city: "Berlin",
    country_id: "DE",
    consentDays: 90,
    providesTransactionIds: false,
    down: false,
    accounts: [
      { type: "giro", description: "Girokonto" },
      { type: "savings", description: "Tagesgeldkonto" },
    ],
  },
  {
    bank_code: "99990001",
    bic: "SNDBDEB1XXX",
    name: "Sandbank Plus",
    short_name: "Sandbank",
    zipcode: "60311",
    city: "Frankfurt am Main",
    country_id: "DE",
    consentDays: 90,
    providesTransactionIds: false,
    down: false,
    accounts: [
      { type: "giro", description: "Privatgirokonto" },
      { type: "savings", description: "Sparkonto Plus" },
      { type: "creditcard", description: "Visa Kreditkarte" },
    ],
  },
  {
    bank_code: "99990002",
    bic: "NRDBDEH1XXX",
    name: "Nordbank Sandbox",
    short_name: "Nordbank",
    zipcode: "20095",
    city: "Hamburg",
    country_id: "DE",
    consentDays: 180,
    providesTransactionIds: true,
    down: false,
    accounts: [{ type: "giro", description: "Girokonto Komfort" }],
  },
  {
    bank_code: "99990003",
    bic: "STRBDEM1XXX",
    name: "Störungsbank Sandbox",
    short_name: "Störungsbank",
    zipcode: "80331",
    city: "München",
    country_id: "DE",
    consentDays: 90,
    providesTransactionIds: false,
    down: true,
    accounts: [{ type: "giro", description: "Girokonto" }],
  },
];

export const TESTBANK_CODE = "88888888";
/** The bank whose savings account receives the Testbank giro's monthly transfer (own accounts at two banks). */
export const PARTNER_BANK_CODE = "99990001";

export function findBank(codeOrBic: string | null | undefined): SandboxBank | undefined {
  if (!codeOrBic) return undefined;
  const q = codeOrBic.trim().toUpperCase().replace(/\s+/g, "");
  return BANKS.find((b) => b.bank_code === q || b.bic === q || (q.length === 8 && b.bic.startsWith(q)));
}

export function bankObject(bank: SandboxBank) {
  return {
    bank_code: bank.bank_code,
    bic: bank.bic,
    name: bank.name,
    short_name: bank.short_name,
    zipcode: bank.zipcode,
    city: bank.city,
    country_id: bank.country_id,
    testmode: true,
    xs2a_products: ["xs2a_api"],
    xs2a_supported: true,
    object: "bank",
  };
}
