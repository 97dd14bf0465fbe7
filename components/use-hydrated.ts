"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the page, then true. The sign-in and
 * password forms keep their buttons disabled until then: a click before hydration would do
 * nothing (a passkey button) or submit the form natively, putting the password into the URL.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
