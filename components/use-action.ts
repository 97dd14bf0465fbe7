"use client";
import { useRouter } from "next/navigation";
import { useCallback, useLayoutEffect, useRef, useState, useTransition } from "react";
import { actionError, type ActionError, type ActionErrorTexts } from "@/components/action-error";
import { useReauthPrompt } from "@/components/auth/reauth-context";
import { useI18n } from "@/components/providers";
import type { ActionResult } from "@/lib/actions/action-result";

export type { ActionError, ActionErrorTexts };

/** Where a signed-out or ended session goes: the sign-in page says the session ended. */
const SESSION_ENDED_URL = "/signin?reason=session";

/** Sends the browser to sign-in after the session ended (an action's or a route handler's 401). */
export function useSessionEnded() {
  const router = useRouter();
  return useCallback(() => router.push(SESSION_ENDED_URL), [router]);
}

export type UseActionOptions<T> = {
  /** After an ok result, still inside the transition (so `pending` lasts while it is awaited). */
  onSuccess?: (data: T) => unknown;
  /**
   * After a refusal, with its text already worded; never for `unauthenticated` (the hook sends the
   * browser to sign-in). Return true when the component showed it itself: `error` then stays null.
   */
  onError?: (error: ActionError) => boolean | void | Promise<boolean | void>;
  /** The component's own wording (see ActionErrorTexts); the common texts cover the rest. */
  texts?: ActionErrorTexts;
};

/**
 * Calls a server action the way every client component does: in a transition (`pending`), to
 * sign-in when the session ended, and with a refusal worded once (actionErrorMessage) in `error`.
 *
 *   const remove = useAction(removeConnectionAction, { onSuccess: () => router.push("/banks") });
 *   remove.run({ connectionId });  // remove.pending, remove.error?.text
 *
 * `run` keeps its identity across renders (safe in effects and third-party callbacks) and uses the
 * options of the latest render. A call that throws (the network is down) is not caught: React
 * passes it to the nearest error boundary.
 */
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, options: UseActionOptions<T> = {}) {
  const { m } = useI18n();
  const sessionEnded = useSessionEnded();
  const reauth = useReauthPrompt();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  const latest = useRef({ action, options, m, sessionEnded, reauth });
  useLayoutEffect(() => {
    latest.current = { action, options, m, sessionEnded, reauth };
  });

  const run = useCallback((input: I) => {
    const { action, options, m, sessionEnded, reauth } = latest.current;
    startTransition(async () => {
      // Inside the transition: the last error stays on screen until this call's outcome replaces it.
      setError(null);
      let res = await action(input);
      // A sensitive action wants a fresh password (lib/auth/reauth.ts): ask, then send it once more.
      if (!res.ok && res.code === "reauth_required" && reauth && (await reauth())) res = await action(input);
      if (res.ok) {
        await options.onSuccess?.(res.data);
        return;
      }
      if (res.code === "unauthenticated") {
        sessionEnded();
        return;
      }
      const err = actionError(res, m, options.texts);
      if ((await options.onError?.(err)) === true) return;
      setError(err);
    });
  }, []);

  return { run, pending, error };
}
