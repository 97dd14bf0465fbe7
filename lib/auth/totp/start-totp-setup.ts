import "server-only";
import QRCode from "qrcode";
import { z } from "zod";
import { verifyViewerPassword } from "@/lib/auth/reauth";
import { confirmedTotp, storePendingTotp } from "@/lib/auth/totp/totp-factor";
import { generateTotpSecret, totpUri } from "@/lib/auth/totp/totp";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";

export const startTotpSetupInput = z.object({ password: z.string().min(1).max(200) }).strict();

/**
 * A new secret for an authenticator app, stored encrypted and unconfirmed: it is shown this once
 * (as a QR code and as text) and counts only once confirmed with a first code.
 */
export async function startTotpSetup({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof startTotpSetupInput>;
}) {
  await verifyViewerPassword({ viewer, password: input.password });
  if (await confirmedTotp(viewer.id)) throw new AppError("conflict", "totp_already_on");
  const secret = generateTotpSecret();
  await storePendingTotp(viewer.id, secret);
  const uri = totpUri(secret, viewer.email);
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString("base64")}` };
}
