import { completeWizard } from "@/lib/wizard/complete-wizard";
import { startLink } from "@/lib/wizard/start-link";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { db } from "@/lib/db";

/**
 * Development only: links two sandbox banks for the demo user through the real flow
 * (XS2A connection create → wizard, driven headlessly through the Wizard-API → finish →
 * import), so the first screen a newcomer sees shows real-looking data.
 */
export async function linkDemoBanks({ email }: { email: string }) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  if (await db.bankConnection.count({ where: { userId: user.id } })) return;
  for (const bankCode of ["88888888", "99990001"]) {
    const { wizardId } = await startLink({ viewer: user, locale: "de", input: { syncMode: "FULL" } });
    const wizard = await db.wizardSession.findUniqueOrThrow({ where: { id: wizardId } });
    await withUserApi(user.id, async (api) => {
      await api.wizard.step({ key: wizard.key, country_id: "DE", bank_code: bankCode });
      const res = await api.wizard.step({
        key: wizard.key,
        USER_NAME: "demo",
        USER_PIN: "123456",
        privacy_policy: true,
      });
      if (!res.finished) throw new Error(`the sandbox wizard did not finish for ${bankCode}`);
    });
    await completeWizard({ viewer: user, input: { wizardId } });
  }
}
