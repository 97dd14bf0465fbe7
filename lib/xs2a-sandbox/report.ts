// The account report (`GET /v1/api/accounts/{id}/report/{reportId}`, Node SDK `getReport`, Java SDK
// `getReport`): the account as of its last sync in one of the documented formats, json, html or pdf,
// with `locale` de/en for html and pdf. The report's content is not documented anywhere we could read
// (xs2a-api.md §2.4, §10 item 8), so the shape below is the sandbox's own: the account object, its
// balance and its turnovers, as the other endpoints send them.

import { accountView, isNew } from "./generator/view";
import { extraTurnoversFor } from "./extra-turnovers";
import { LIMITS } from "./routes/accounts";
import { accountJson } from "./serialize";
import type { AccountRec } from "./types";

export const REPORT_FORMATS = ["json", "html", "pdf"] as const;
export const REPORT_LOCALES = ["de", "en"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type ReportLocale = (typeof REPORT_LOCALES)[number];

interface ReportTurnover {
  booking_date: unknown;
  amount: unknown;
  currency?: unknown;
  purpose?: unknown;
  counter_holder?: unknown;
  prebooked?: unknown;
}

export function reportJson(account: AccountRec, reportId: string, createdAt: string) {
  const view = accountView(account);
  const limit = LIMITS[account.type];
  const turnovers: unknown[] = extraTurnoversFor(account, { from: null, to: null, onlyNew: false });
  for (const t of view.turnovers) turnovers.push({ ...t, new: isNew(t, account) });
  return {
    id: reportId,
    account: accountJson(account),
    balance: {
      balance: view.balanceCents / 100,
      available: (view.balanceCents + view.pendingCents + (limit ?? 0)) / 100,
      limit: limit === null ? null : limit / 100,
      currency: "EUR",
      date: account.syncedAt,
    },
    turnovers,
    date: account.syncedAt,
    created_at: createdAt,
    object: "bank_account_report",
  };
}

type Report = ReturnType<typeof reportJson>;

const TEXT = {
  de: {
    title: "Kontobericht",
    holder: "Kontoinhaber",
    asOf: "Stand",
    balance: "Kontostand",
    available: "Verfügbar",
    date: "Buchungstag",
    text: "Verwendungszweck",
    amount: "Betrag",
    pending: "vorgemerkt",
    none: "Keine Umsätze",
  },
  en: {
    title: "Account report",
    holder: "Account holder",
    asOf: "As of",
    balance: "Balance",
    available: "Available",
    date: "Booking date",
    text: "Purpose",
    amount: "Amount",
    pending: "pending",
    none: "No turnovers",
  },
} as const;

function money(value: unknown, locale: ReportLocale): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return String(value ?? "");
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", { style: "currency", currency: "EUR" }).format(
    value,
  );
}

function lines(report: Report, locale: ReportLocale): { head: string[]; rows: string[][] } {
  const t = TEXT[locale];
  const a = report.account;
  const head = [
    `${t.title}: ${a.description} (${a.bank_name})`,
    `IBAN ${a.iban}`,
    `${t.holder}: ${a.holder}`,
    `${t.asOf}: ${report.date}`,
    `${t.balance}: ${money(report.balance.balance, locale)} · ${t.available}: ${money(report.balance.available, locale)}`,
  ];
  const rows = (report.turnovers as ReportTurnover[]).map((x) => [
    String(x.booking_date ?? "–"),
    [Array.isArray(x.purpose) ? x.purpose.join(" ") : "", x.prebooked === true ? `(${t.pending})` : ""]
      .filter(Boolean)
      .join(" "),
    money(x.amount, locale),
  ]);
  return { head, rows };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function reportHtml(report: Report, locale: ReportLocale): string {
  const t = TEXT[locale];
  const { head, rows } = lines(report, locale);
  const body = rows.length
    ? rows
        .map(
          ([date, text, amount]) =>
            `<tr><td>${escapeHtml(date!)}</td><td>${escapeHtml(text!)}</td><td class="amount">${escapeHtml(amount!)}</td></tr>`,
        )
        .join("\n")
    : `<tr><td colspan="3">${t.none}</td></tr>`;
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><title>${escapeHtml(head[0]!)}</title>
<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left}.amount{text-align:right}</style></head>
<body>
<h1>${escapeHtml(head[0]!)}</h1>
${head
  .slice(1)
  .map((l) => `<p>${escapeHtml(l)}</p>`)
  .join("\n")}
<table>
<thead><tr><th scope="col">${t.date}</th><th scope="col">${t.text}</th><th scope="col" class="amount">${t.amount}</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</body>
</html>
`;
}

/** PDF string literal text: WinAnsi-ish (Latin-1), with `(`, `)` and `\` escaped. */
function pdfText(s: string): string {
  const latin1 = s
    .replace(/€/g, "EUR")
    .replace(/[–—]/g, "-")
    .replace(/·/g, "|")
    .replace(/[^\x20-\x7e\xa0-\xff]/g, "?");
  return latin1.replace(/[\\()]/g, (c) => `\\${c}`);
}

const LINES_PER_PAGE = 60;

/** A plain, valid PDF 1.4 (Helvetica, A4 pages of up to 60 lines), built by hand. */
export function reportPdf(report: Report, locale: ReportLocale): Uint8Array<ArrayBuffer> {
  const t = TEXT[locale];
  const { head, rows } = lines(report, locale);
  const all = [
    ...head,
    "",
    `${t.date} | ${t.text} | ${t.amount}`,
    ...(rows.length ? rows.map((r) => r.join(" | ")) : [t.none]),
  ].map((l) => (l.length > 110 ? `${l.slice(0, 107)}...` : l));
  const pages: string[][] = [];
  for (let i = 0; i < all.length; i += LINES_PER_PAGE) pages.push(all.slice(i, i + LINES_PER_PAGE));

  const objects: string[] = [];
  const add = (body: string) => objects.push(body); // the object's number (1-based)
  add("<< /Type /Catalog /Pages 2 0 R >>");
  add(""); // pages, filled below
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const kids: number[] = [];
  for (const page of pages) {
    const stream = [
      "BT",
      "/F1 9 Tf",
      "11 TL",
      "40 800 Td",
      ...page.map((l, i) => `${i ? "T* " : ""}(${pdfText(l)}) Tj`),
      "ET",
    ].join("\n");
    const contentNo = add(`<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`);
    const pageNo = add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentNo} 0 R >>`,
    );
    kids.push(pageNo);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;

  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}
