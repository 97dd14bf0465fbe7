// The account report (access-token scope). Both official SDKs call
// `GET /v1/api/accounts/{id}/report/{reportId}?format=…&locale=…`; `…/reports/{reportId}` (plural,
// as issue 20 spelled it) is answered the same way.

import { requireUser } from "../auth";
import { HttpError, json, validationError } from "../http";
import { accountOrThrow } from "../lookup";
import {
  REPORT_FORMATS,
  REPORT_LOCALES,
  reportHtml,
  reportJson,
  reportPdf,
  type ReportFormat,
  type ReportLocale,
} from "../report";
import { now } from "../state";
import { route, type Ctx } from "./context";

/** Report ids are not documented; the sandbox answers any plain id (letters, digits, `_.-`, ≤ 64). */
const REPORT_ID = /^[A-Za-z0-9_.-]{1,64}$/;

function oneOf<T extends string>(ctx: Ctx, name: string, allowed: readonly T[], fallback: T): T {
  const raw = ctx.url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const v = raw.toLowerCase() as T;
  if (!allowed.includes(v)) throw validationError({ [name]: [`The ${name} must be one of ${allowed.join(", ")}.`] });
  return v;
}

function report(ctx: Ctx): Response {
  const account = accountOrThrow(ctx.state, requireUser(ctx.principal), ctx.params.id!);
  const reportId = ctx.params.reportId!;
  if (!REPORT_ID.test(reportId)) throw new HttpError(404, "Report not found.");
  // The Node SDK documents json as the default, the Java SDK's doc html; both always send `format`.
  const format = oneOf<ReportFormat>(ctx, "format", REPORT_FORMATS, "json");
  const locale = oneOf<ReportLocale>(ctx, "locale", REPORT_LOCALES, "en");
  const data = reportJson(account, reportId, now(ctx.state));
  if (format === "json") return json(data);
  if (format === "html")
    return new Response(reportHtml(data, locale), {
      status: 200,
      headers: { "content-type": "text/html; charset=utf-8", "content-language": locale },
    });
  const pdf = reportPdf(data, locale);
  return new Response(pdf, {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-length": String(pdf.byteLength),
      "content-disposition": `inline; filename="report-${reportId}.pdf"`,
      "content-language": locale,
    },
  });
}

export const reportRoutes = [
  route("GET", "/v1/api/accounts/:id/report/:reportId", "user", report),
  route("GET", "/v1/api/accounts/:id/reports/:reportId", "user", report),
];
