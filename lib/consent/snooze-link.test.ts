import { describe, expect, it } from "vitest";
import { signSnoozeLink, verifySnoozeLink } from "@/lib/consent/snooze-link";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const claim = { connectionId: "conn1", validUntil: "2027-03-05", expiresAt: new Date("2027-03-04T12:00:00Z") };
const before = new Date("2027-03-03T12:00:00Z");

describe("the signed 'remind me tomorrow' link", () => {
  it("carries its bank login and consent end, and works until it expires", () => {
    const token = signSnoozeLink(claim, SECRET);
    expect(verifySnoozeLink(token, SECRET, before)).toEqual({ ok: true, claim });
    expect(verifySnoozeLink(token, SECRET, claim.expiresAt)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a changed id, another secret, a cut or padded token", () => {
    const token = signSnoozeLink(claim, SECRET);
    const [, sig] = token.split(".");
    const other = signSnoozeLink({ ...claim, connectionId: "conn2" }, SECRET).split(".")[0];
    expect(verifySnoozeLink(`${other}.${sig}`, SECRET, before)).toEqual({ ok: false, reason: "invalid" });
    expect(verifySnoozeLink(token, `${SECRET}x`, before)).toEqual({ ok: false, reason: "invalid" });
    expect(verifySnoozeLink(token.slice(0, -2), SECRET, before)).toEqual({ ok: false, reason: "invalid" });
    expect(verifySnoozeLink(`${token}.x`, SECRET, before)).toEqual({ ok: false, reason: "invalid" });
    expect(verifySnoozeLink("", SECRET, before)).toEqual({ ok: false, reason: "invalid" });
  });

  it("is for this purpose only: an HMAC of the same payload under another label does not fit", async () => {
    const crypto = await import("node:crypto");
    const payload = signSnoozeLink(claim, SECRET).split(".")[0]!;
    const foreign = crypto.createHmac("sha256", SECRET).update(`trusted-device/${payload}`).digest("base64url");
    expect(verifySnoozeLink(`${payload}.${foreign}`, SECRET, before)).toEqual({ ok: false, reason: "invalid" });
  });
});
