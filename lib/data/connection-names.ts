import "server-only";
import { cache } from "react";
import { connectionName, isAmbiguous } from "@/lib/connection-name";
import { db } from "@/lib/db";

/**
 * What a query selects of a connection to name it (see lib/connection-name.ts): the
 * user's name, the bank's, and the first account (accounts ordered as the bank cards list them).
 */
export const namingSelect = {
  name: true,
  bankName: true,
  accounts: {
    orderBy: [{ type: "asc" as const }, { createdAt: "asc" as const }],
    take: 1,
    select: { description: true, type: true, iban: true },
  },
};

type Nameable = {
  name: string | null;
  bankName: string | null;
  accounts: { description: string | null; type: string; iban: string | null }[];
};

/** The bank names of the user's banks (linked or disabled), once per request. */
const bankNamesOf = cache(async (userId: string) =>
  (
    await db.bankConnection.findMany({
      where: { userId, status: { in: ["ACTIVE", "DISABLED"] } },
      select: { bankName: true },
    })
  ).map((c) => c.bankName),
);

/** A namer for the user's connections: plain bank name unless another login is at the same bank. */
export async function connectionNamer(userId: string) {
  const all = await bankNamesOf(userId);
  return (c: Nameable) => connectionName(c, { ambiguous: isAmbiguous(c.bankName, all) });
}
