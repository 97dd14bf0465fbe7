import type { ActionRefusal } from "@/lib/actions/action-result";
import type { ClientMessages } from "@/lib/i18n/messages/client";

// Client-safe on purpose: types only from lib/, no React, no server module. useAction (use-action.ts)
// is its one caller in the app; the unit tests call it directly.

type Text = string | ((res: ActionRefusal) => string);

/** A component's own wording for the refusals of its action; everything else is worded here. */
export type ActionErrorTexts = {
  /**
   * Texts by the refusal's reason (`res.message`, e.g. "sync_running") or by its code (e.g.
   * "not_found"); a reason wins over a code, and both win over the common texts below. A message
   * dictionary whose keys are reasons or codes (m.consent.errors, m.banks.errors) fits as it is.
   */
  known?: Readonly<Record<string, Text | undefined>>;
  /** Instead of the generic "went wrong on our side" (with the error id) for anything not worded. */
  fallback?: Text;
  /** For refusals that name fields: a field's text when its reason is not in `known`. */
  fields?: Readonly<Record<string, string>>;
};

/** A refusal, worded for the user. */
export type ActionError = {
  /** The refusal as the action returned it (code, reason, fields, wait, error id). */
  result: ActionRefusal;
  /** What to tell the user. */
  text: string;
  /** One text per field the refusal names (invalid_input, conflict); empty when it names none. */
  fields: Record<string, string>;
};

const own = (known: ActionErrorTexts["known"], key: string | undefined) =>
  known && key !== undefined && Object.hasOwn(known, key) ? known[key] : undefined;

const apply = (text: Text | undefined, res: ActionRefusal) => (typeof text === "function" ? text(res) : text);

/**
 * The one place that turns a refused server action into the text the user reads, in the viewer's
 * language (`m` from useI18n). In order: the component's own text for the reason or the code; the
 * common text for the code (the wait of rate_limited, the bank service for unavailable, …); the
 * component's fallback; the generic text with the logged error id ("-" when there is none).
 */
export function actionErrorMessage(res: ActionRefusal, m: ClientMessages, texts: ActionErrorTexts = {}): string {
  return (
    apply(own(texts.known, res.message) ?? own(texts.known, res.code), res) ??
    commonText(res, m) ??
    apply(texts.fallback, res) ??
    m.common.errorGeneric(res.errorId ?? "-")
  );
}

/** Codes whose text is the same whichever action refused; the others depend on what was asked. */
function commonText(res: ActionRefusal, m: ClientMessages): string | undefined {
  switch (res.code) {
    case "unauthenticated":
      return m.common.sessionEnded;
    case "rate_limited":
      return m.common.rateLimited(res.retryAfterSeconds ?? 60);
    case "unavailable":
      return m.common.serviceUnavailable;
    case "connection_disabled":
      return m.sync.disabledError;
    case "consent_expired":
      return m.sync.consentError;
    case "reauth_required":
      return m.security.reauthRequired;
    case "invalid_input":
    case "not_found":
    case "conflict":
    case "needs_user":
    case "internal":
      return undefined;
  }
}

/** actionErrorMessage plus a text per named field: what useAction hands to components. */
export function actionError(res: ActionRefusal, m: ClientMessages, texts: ActionErrorTexts = {}): ActionError {
  const text = actionErrorMessage(res, m, texts);
  const fields: Record<string, string> = {};
  for (const [field, reason] of Object.entries(res.fields ?? {}))
    fields[field] = apply(own(texts.known, reason), res) ?? texts.fields?.[field] ?? text;
  return { result: res, text, fields };
}
