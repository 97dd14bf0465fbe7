// Counterparties for generated German turnovers. Creditor ids use the SEPA test range (DE98ZZZ…).

import { germanIban } from "../iban";

export interface Merchant {
  holder: string;
  city: string;
  iban: string | null;
  bic: string | null;
  category_id: string;
  tags: string[];
  min: number; // cents, positive
  max: number;
}

function m(
  holder: string,
  city: string,
  category_id: string,
  tags: string[],
  min: number,
  max: number,
  acct?: string,
): Merchant {
  return {
    holder,
    city,
    iban: acct ? germanIban("10020030", acct) : null,
    bic: acct ? "SNDXDEB1XXX" : null,
    category_id,
    tags,
    min,
    max,
  };
}

export const GROCERS: readonly Merchant[] = [
  m("REWE Markt GmbH", "Berlin", "K.2.1", ["groceries", "card"], 850, 9500, "4000100200"),
  m("EDEKA Zentrale AG", "Hamburg", "K.2.1", ["groceries", "card"], 600, 7800, "4000100300"),
  m("ALDI SUED Dienstleistungs-GmbH", "Muelheim", "K.2.1", ["groceries", "card"], 700, 6400),
  m("Lidl Vertriebs GmbH", "Neckarsulm", "K.2.1", ["groceries", "card"], 500, 5500),
];

export const SHOPS: readonly Merchant[] = [
  m("dm-drogerie markt GmbH", "Karlsruhe", "K.9.1", ["drugstore", "card"], 290, 3900),
  m("Rossmann GmbH", "Burgwedel", "K.9.1", ["drugstore", "card"], 199, 2900),
  m("Aral Tankstelle", "Bochum", "K.8.1", ["fuel", "car", "card"], 2500, 8500),
  m("Deutsche Bahn Fernverkehr AG", "Frankfurt", "K.8.2", ["travel", "card"], 1790, 12900),
  m("IKEA Deutschland GmbH", "Hofheim", "K.10.1", ["household", "card"], 499, 18900),
];

export const ONLINE: readonly Merchant[] = [
  m("Amazon EU S.a.r.l.", "Luxembourg", "K.7.1", ["online-shopping", "card"], 799, 8999),
  m("Zalando SE", "Berlin", "K.7.1", ["online-shopping", "clothing", "card"], 1995, 12995),
  m("Lieferando.de", "Berlin", "K.2.2", ["restaurant", "card"], 1450, 4800),
  m("Booking.com B.V.", "Amsterdam", "K.8.3", ["travel", "card"], 6900, 32000),
];

export const COFFEE = m("Balzac Coffee", "Berlin", "K.2.2", ["restaurant", "coffee", "card"], 340, 340);

export interface DirectDebit {
  /** Ground-truth contract label (see contracts.ts). */
  label: string;
  dayOfMonth: number;
  holder: string;
  creditorId: string;
  iban: string;
  bic: string;
  amount: number; // cents, positive
  lines: (month: string, mandate: string) => string[];
  mandatePrefix: string;
  category_id: string;
  tags: string[];
}

export const DIRECT_DEBITS: readonly DirectDebit[] = [
  {
    label: "electricity",
    dayOfMonth: 15,
    holder: "Vattenfall Europe Sales GmbH",
    creditorId: "DE98ZZZ09999999999",
    iban: germanIban("10020030", "7000123456"),
    bic: "SNDXDEB1XXX",
    amount: 8900,
    mandatePrefix: "VK700",
    lines: (month) => [`Abschlag Strom ${month} Vertragskonto 700123456`],
    category_id: "K.3.1",
    tags: ["direct-debit", "energy"],
  },
  {
    label: "phone-1",
    dayOfMonth: 5,
    holder: "Telekom Deutschland GmbH",
    creditorId: "DE98ZZZ09999999998",
    iban: germanIban("10020030", "7000654321"),
    bic: "SNDXDEB1XXX",
    amount: 2999,
    mandatePrefix: "TK",
    lines: (month) => [`Telekom Mobilfunk Rechnung ${month}`, "Kundennr. 123 456 7890"],
    category_id: "K.3.2",
    tags: ["direct-debit", "telecommunication"],
  },
  {
    label: "streaming",
    dayOfMonth: 12,
    holder: "Spotify AB",
    creditorId: "DE98ZZZ09999999997",
    iban: germanIban("10020030", "7000111222"),
    bic: "SNDXDEB1XXX",
    amount: 1099,
    mandatePrefix: "SPOT",
    lines: (month) => [`Spotify Premium ${month}`],
    category_id: "K.5.1",
    tags: ["direct-debit", "subscription", "entertainment"],
  },
  {
    label: "liability-insurance",
    dayOfMonth: 20,
    holder: "HUK-COBURG Haftpflicht",
    creditorId: "DE98ZZZ09999999996",
    iban: germanIban("10020030", "7000333444"),
    bic: "SNDXDEB1XXX",
    amount: 654,
    mandatePrefix: "HUK",
    lines: (month) => [`Beitrag Privathaftpflicht ${month}`, "Vers.-Nr. 45/678901-K"],
    category_id: "K.4.1",
    tags: ["direct-debit", "insurance"],
  },
];

export const FITNESS: DirectDebit = {
  label: "fitx-canceled",
  dayOfMonth: 0,
  holder: "FitX Deutschland GmbH",
  creditorId: "DE98ZZZ09999999995",
  iban: germanIban("10020030", "7000555666"),
  bic: "SNDXDEB1XXX",
  amount: 2499,
  mandatePrefix: "FITX",
  lines: (month) => [`Mitgliedsbeitrag ${month}`],
  category_id: "K.5.2",
  tags: ["direct-debit", "sports"],
};

export const EMPLOYERS = [
  "Muster Software GmbH",
  "Beispiel Logistik AG",
  "Nordlicht Medien GmbH",
  "Stadtwerke Musterstadt",
] as const;

export const LANDLORDS = ["Hausverwaltung Schmidt GmbH", "Wohnbau Berlin eG", "Immobilien Weber KG"] as const;

export const FRIENDS = ["Lena Fischer", "Jonas Becker", "Sophie Wagner", "Paul Hoffmann"] as const;

export const HOLDERS = [
  "Max Mustermann",
  "Erika Mustermann",
  "Anna Schneider",
  "Lukas Meyer",
  "Mia Schulz",
  "Felix Koch",
] as const;

export const LANDLORD_IBAN = germanIban("10020030", "5500123400");
export const EMPLOYER_IBAN = germanIban("10020030", "6600987600");
export const FRIEND_IBAN = germanIban("10020030", "3300445500");
export const CHILD_BENEFIT_IBAN = germanIban("76000000", "0076001616");
