import type { ActionResult } from "@/lib/actions/define-action";
import type { common } from "@/lib/i18n/messages/common";

type Refused = Extract<ActionResult<unknown>, { ok: false }>;

/**
 * The text for refusals every action can give, whatever it does: too many calls in a minute
 * (with the wait). Null for the action's own refusals, which its component words itself.
 */
export function commonRefusal(res: Refused, c: (typeof common)["en"]): string | null {
  if (res.code === "rate_limited") return c.rateLimited(res.retryAfterSeconds ?? 60);
  return null;
}
