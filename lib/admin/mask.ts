/**
 * IBANs are shown to admins only masked: country, check digits and the last four, enough to
 * tell two accounts apart in a support case, never enough to reuse.
 * "DE89370400440532013000" → "DE89 •••• •••• •••• 3000".
 */
export function maskIban(iban: string | null | undefined): string | null {
  if (!iban) return null;
  const clean = iban.replace(/\s+/g, "").toUpperCase();
  if (clean.length < 8) return "••••";
  // Always three masked groups: the length of the hidden part says nothing either.
  return `${clean.slice(0, 4)} •••• •••• •••• ${clean.slice(-4)}`;
}
