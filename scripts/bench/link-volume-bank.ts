/**
 * Links a sandbox bank for a bench user the way the product does (XS2A bank user and token via
 * `withUserApi`, a wizard session finished headless through xs2a.js's /jsonp, the connection
 * stored and refreshed from XS2A), without importing: the bench times the import on its own.
 * `login` = `volume-<N>` gives each account of the login N turnovers.
 */
import { db } from "@/lib/db";
import { applyXs2aConnection } from "@/lib/bank-gateway/apply-connection";
import { withUserApi } from "@/lib/bank-gateway/user-api";

/** Nordbank Sandbox: one giro account per login, stable `transaction_id`s. */
export const ONE_ACCOUNT_BANK = "99990002";

export async function linkVolumeBank(opts: {
  sandboxUrl: string;
  userId: string;
  login: string;
  bankCode?: string;
  /** Days of history the connection asks for (365). */
  days?: number;
}) {
  const created = await withUserApi(opts.userId, (api) =>
    api.connections.create({
      syncMode: "full",
      countryId: "DE",
      days: opts.days ?? 365,
      accountSelection: "all",
      language: "en",
    }),
  );
  const post = async (body: Record<string, unknown>) => {
    const res = await fetch(`${opts.sandboxUrl}/jsonp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: created.wizardSessionKey, ...body }),
    });
    if (!res.ok) throw new Error(`sandbox wizard: HTTP ${res.status}`);
    return (await res.json()) as { form?: { name?: string } | null; callback?: string | null };
  };
  let step = await post({});
  if (step.form?.name === "bank") await post({ country_id: "DE", bank_code: opts.bankCode ?? ONE_ACCOUNT_BANK });
  step = await post({ USER_NAME: opts.login, USER_PIN: "123456", privacy_policy: true });
  if (step.callback !== "finish")
    throw new Error(`sandbox wizard did not finish: ${JSON.stringify(step).slice(0, 300)}`);
  const remote = await withUserApi(opts.userId, (api) => api.connections.get(created.transaction));
  const row = await db.bankConnection.create({
    data: {
      userId: opts.userId,
      transaction: created.transaction,
      xs2aId: remote.id,
      syncMode: "FULL",
      status: "ACTIVE",
    },
  });
  await applyXs2aConnection(row.id, remote);
  return db.bankConnection.findUniqueOrThrow({ where: { id: row.id } });
}
