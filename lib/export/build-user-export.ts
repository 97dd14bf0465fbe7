import "server-only";
import { db } from "@/lib/db";
import { zip } from "./zip.ts";

const json = (value: unknown) =>
  Buffer.from(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n", "utf8");

/** RFC 4180 field; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
function csvField(v: unknown): string {
  let s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const TX_COLUMNS = [
  "account_iban",
  "account_name",
  "booking_date",
  "status",
  "amount",
  "currency",
  "purpose",
  "counterparty_name",
  "counterparty_iban",
  "counterparty_bic",
  "category",
  "user_category",
  "note",
  "tags",
] as const;

/**
 * Everything Saldo holds about one user, as a ZIP of JSON and CSV files: the profile, banks and
 * accounts, every transaction with its categories and note, sync history, consent reminders,
 * emails and audit events. Never a secret: the queries select columns explicitly, and access
 * tokens, credential halves, wizard keys and the password hash are not among them.
 */
export async function buildUserExport(userId: string): Promise<Buffer> {
  const profile = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      locale: true,
      emailReminders: true,
      contractAlertEmails: true,
      lastSignInAt: true,
      createdAt: true,
    },
  });
  const banks = await db.bankConnection.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      status: true,
      bankName: true,
      bic: true,
      bankCode: true,
      countryId: true,
      syncMode: true,
      syncActive: true,
      syncMessage: true,
      lastImportedAt: true,
      consentValidUntil: true,
      createdAt: true,
    },
  });
  const accounts = await db.bankAccount.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      connectionId: true,
      iban: true,
      accountNumber: true,
      bankCode: true,
      bic: true,
      bankName: true,
      holder: true,
      description: true,
      type: true,
      currency: true,
      jointAccount: true,
      balance: true,
      available: true,
      limit: true,
      balanceAsOf: true,
      closedAt: true,
      createdAt: true,
    },
  });
  const accountById = new Map(accounts.map((a) => [a.id, a]));

  // Transactions in pages (big accounts), newest id last.
  const lines = [TX_COLUMNS.join(",")];
  let count = 0;
  for (let after = BigInt(0); ;) {
    const page = await db.transaction.findMany({
      where: { userId, id: { gt: after } },
      orderBy: { id: "asc" },
      take: 5000,
      select: {
        id: true,
        accountId: true,
        bookingDate: true,
        status: true,
        amount: true,
        currency: true,
        purpose: true,
        counterpartyName: true,
        counterpartyIban: true,
        counterpartyBic: true,
        categoryId: true,
        userCategory: true,
        note: true,
        tags: true,
      },
    });
    if (page.length === 0) break;
    for (const t of page) {
      const a = accountById.get(t.accountId);
      lines.push(
        [
          a?.iban,
          a?.description ?? a?.bankName,
          t.bookingDate,
          t.status,
          t.amount.toFixed(2),
          t.currency,
          t.purpose,
          t.counterpartyName,
          t.counterpartyIban,
          t.counterpartyBic,
          t.userCategory ?? t.categoryId,
          t.userCategory,
          t.note,
          t.tags.join(" "),
        ]
          .map(csvField)
          .join(","),
      );
    }
    count += page.length;
    after = page[page.length - 1]!.id;
  }

  const syncRuns = await db.syncRun.findMany({
    where: { userId },
    orderBy: { queuedAt: "asc" },
    select: {
      id: true,
      connectionId: true,
      trigger: true,
      status: true,
      queuedAt: true,
      startedAt: true,
      finishedAt: true,
      added: true,
      updated: true,
      removed: true,
      errorCode: true,
      errorMessage: true,
    },
  });
  const reminders = await db.consentReminder.findMany({
    where: { userId },
    orderBy: { sentAt: "asc" },
    select: { connectionId: true, consentValidUntil: true, threshold: true, sentAt: true },
  });
  const emails = await db.outboxEmail.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { to: true, subject: true, text: true, createdAt: true, sentAt: true },
  });
  const auditEvents = await db.auditEvent.findMany({
    where: { OR: [{ actorId: userId }, { targetType: "user", targetId: userId }] },
    orderBy: { at: "asc" },
    select: { at: true, action: true, targetType: true, targetId: true, ip: true, details: true },
  });

  const readme = [
    "Saldo: all data held about your account",
    "",
    "profile.json            your account",
    "banks.json              linked banks and their accounts (no access tokens or bank credentials)",
    `transactions.csv        every transaction (${count}), with categories, your own category and notes`,
    "sync-history.json       every sync of your banks",
    "consent-reminders.json  consent reminder emails sent to you",
    "emails.json             emails Saldo sent you",
    "audit-events.json       security events of your account (sign-ins, linked and removed banks, …)",
    "",
  ].join("\n");
  return zip([
    { name: "README.txt", data: Buffer.from(readme, "utf8") },
    { name: "profile.json", data: json(profile) },
    {
      name: "banks.json",
      data: json(
        banks
          .map((b) => ({ ...b, accounts: accounts.filter((a) => a.connectionId === b.id) }))
          .concat(
            // Accounts whose bank link is gone keep their history.
            accounts.some((a) => a.connectionId === null)
              ? [{ id: null, status: "UNLINKED", accounts: accounts.filter((a) => a.connectionId === null) } as never]
              : [],
          ),
      ),
    },
    { name: "transactions.csv", data: Buffer.from(lines.join("\r\n") + "\r\n", "utf8") },
    { name: "sync-history.json", data: json(syncRuns) },
    { name: "consent-reminders.json", data: json(reminders) },
    { name: "emails.json", data: json(emails) },
    { name: "audit-events.json", data: json(auditEvents) },
  ]);
}
