import "server-only";
import { verifyViewerPassword } from "@/lib/auth/reauth";
import type { Viewer } from "@/lib/auth/viewer";

/**
 * The current password, asked again in the form of every change to the second factors (turning
 * two-factor sign-in on or off, recovery codes, passkeys): the same throttled check as the
 * re-authentication dialog, and a right password re-authenticates the session too.
 */
export function confirmPassword(viewer: Viewer, password: string) {
  return verifyViewerPassword({ viewer, password });
}
