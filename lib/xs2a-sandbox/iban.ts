// German IBANs with correct ISO 13616 check digits: DEkk + BLZ (8) + account number (10).

function mod97(digits: string): number {
  let rest = 0;
  for (let i = 0; i < digits.length; i += 7) rest = Number(String(rest) + digits.slice(i, i + 7)) % 97;
  return rest;
}

export function germanIban(bankCode: string, accountNumber: string): string {
  const bban = bankCode + accountNumber.padStart(10, "0");
  // "DE" → 13 14, followed by "00" as placeholder check digits.
  const check = 98 - mod97(`${bban}131400`);
  return `DE${String(check).padStart(2, "0")}${bban}`;
}

export function isValidIban(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return mod97(digits) === 1;
}
