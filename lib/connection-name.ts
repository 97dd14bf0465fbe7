// What a bank login is called wherever Saldo names it (bank cards, banners, the renew walk, account
// groups, filters): the user's own name, or by default the bank's name; when the user has more than
// one login at that bank, the default adds what tells them apart: the first account's name and its
// IBAN's last four digits ("Testbank · Girokonto ••5678"). A single login stays plain "Testbank".

export const CONNECTION_NAME_MAX = 60;

export interface NameSource {
  /** The user's own name (null: none given). */
  name: string | null;
  bankName: string | null;
  /** The login's accounts, oldest first. */
  accounts: { description: string | null; type?: string | null; iban: string | null }[];
}

/** The user's own name, else "Testbank", or "Testbank · Girokonto ••5678" when `ambiguous`. */
export function connectionName(c: NameSource, opts: { ambiguous: boolean; fallback?: string }): string {
  const own = c.name?.trim();
  if (own) return own;
  const bank = c.bankName?.trim() || opts.fallback || "Bank";
  if (!opts.ambiguous) return bank;
  const first = c.accounts[0];
  if (!first) return bank;
  const tail = first.iban ? `••${first.iban.replace(/\s/g, "").slice(-4)}` : "";
  const account = first.description?.trim() || first.type || "";
  const detail = [account, tail].filter(Boolean).join(" ");
  return detail ? `${bank} · ${detail}` : bank;
}

/** Whether a connection's default name needs the detail: another login of the user has the same bank name. */
export function isAmbiguous(bankName: string | null, allBankNames: (string | null)[]): boolean {
  const key = (bankName ?? "").trim().toLowerCase();
  return allBankNames.filter((b) => (b ?? "").trim().toLowerCase() === key).length > 1;
}
