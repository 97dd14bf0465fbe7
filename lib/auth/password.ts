import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's minimum (m=19 MiB, t=2, p=1).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A dummy hash so a sign-in for an unknown email costs as much as a real one (no timing oracle).
let dummy: Promise<string> | undefined;
export const dummyVerify = async (password: string) =>
  verifyPassword(await (dummy ??= hashPassword("not-a-real-password")), password);

const COMMON = new Set([
  "password",
  "passwort",
  "1234567890",
  "12345678901",
  "qwertzuiop",
  "qwertyuiop",
  "password123",
  "passwort123",
  "hallo12345",
  "iloveyou12",
]);

/** null when acceptable, else a message key explaining what is wrong. */
export function passwordProblem(password: string): "too_short" | "too_long" | "too_common" | null {
  if (password.length < 10) return "too_short";
  if (password.length > 200) return "too_long";
  if (COMMON.has(password.toLowerCase()) || /^(.)\1+$/.test(password)) return "too_common";
  return null;
}
