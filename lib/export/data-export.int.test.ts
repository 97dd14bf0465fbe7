/**
 * "Download all my data" on PostgreSQL: the job builds a ZIP of the owner's data (transactions with
 * categories and notes, banks without secrets), emails the owner, and hands it out once, to the
 * owner only.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import type { Harness } from "@/scripts/fixtures/sync-test-harness";

let h: Harness;
let boss: PgBoss;
let db: typeof import("@/lib/db").db;

beforeAll(async () => {
  const { startHarness } = await import("@/scripts/fixtures/sync-test-harness");
  h = await startHarness();
  ({ db } = await import("@/lib/db"));
  boss = await (await import("@/lib/jobs/define-job")).producerBoss();
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await db?.$disconnect();
  await h?.close();
});

const viewerOf = (u: { id: string; email: string }): Viewer => ({ id: u.id, email: u.email, role: "USER" }) as Viewer;

describe("data export", () => {
  it("builds the owner's data without secrets, emails them, and hands it out once to them only", async () => {
    const { createUser } = await import("@/scripts/fixtures/test-fixtures");
    const { linkSandboxBank } = await import("@/scripts/fixtures/sync-test-harness");
    const { requestDataExport } = await import("./request-data-export.ts");
    const { takeDataExport } = await import("./take-data-export.ts");
    const { dataExportJob } = await import("./data-export-job.ts");
    const { unzip } = await import("./zip.ts");
    const a = await createUser(db);
    const b = await createUser(db);
    await linkSandboxBank(h, { userId: a.id, syncMode: "SHARED" });
    await linkSandboxBank(h, { userId: b.id, syncMode: "FULL", userName: "erika" });
    const tx = await db.transaction.findFirstOrThrow({ where: { userId: a.id }, orderBy: { id: "asc" } });
    await db.transaction.update({
      where: { id: tx.id },
      data: { note: 'note-canary, with "quotes"', userCategory: "travel" },
    });

    const { exportId } = await requestDataExport({ viewer: viewerOf(a) });
    expect((await requestDataExport({ viewer: viewerOf(a) })).exportId).toBe(exportId); // one at a time
    expect(await takeDataExport({ viewer: viewerOf(a) })).toBeNull(); // not built yet
    await dataExportJob.handle({ exportId }, { boss, jobId: "test-job" });

    expect(await takeDataExport({ viewer: viewerOf(b) })).toBeNull(); // B has none, and cannot get A's
    const archive = await takeDataExport({ viewer: viewerOf(a) });
    expect(archive).not.toBeNull();
    expect(await takeDataExport({ viewer: viewerOf(a) })).toBeNull(); // once
    const files = unzip(archive!);
    expect([...files.keys()].sort()).toEqual([
      "README.txt",
      "audit-events.json",
      "banks.json",
      "consent-reminders.json",
      "emails.json",
      "profile.json",
      "sync-history.json",
      "transactions.csv",
    ]);
    const csv = files.get("transactions.csv")!.toString("utf8");
    expect(csv.trim().split("\r\n")).toHaveLength(1 + (await db.transaction.count({ where: { userId: a.id } })));
    expect(csv).toContain('"note-canary, with ""quotes"""');
    expect(csv).toContain(",travel,");
    const all = [...files.values()].map((f) => f.toString("utf8")).join("\n");
    expect(JSON.parse(files.get("profile.json")!.toString("utf8"))).toMatchObject({ id: a.id, email: a.email });
    // Nothing of B; no secret of A (token, credential half, their ciphertexts, password hash).
    const bAccounts = await db.bankAccount.findMany({ where: { userId: b.id } });
    for (const x of [b.id, b.email, ...bAccounts.map((acc) => acc.iban!)]) expect(all).not.toContain(x);
    const { tokenCtx } = await import("@/lib/bank-gateway/user-api");
    const { credentialHalfContext } = await import("@/lib/bank-gateway/credentials");
    const { decryptSecret } = await import("@/lib/crypto");
    const bankUser = await db.xs2aBankUser.findUniqueOrThrow({ where: { userId: a.id } });
    const conn = await db.bankConnection.findFirstOrThrow({ where: { userId: a.id } });
    const secrets = [
      bankUser.tokenCiphertext,
      decryptSecret(bankUser.tokenCiphertext, tokenCtx(a.id)),
      conn.credentialsCiphertext!,
      decryptSecret(conn.credentialsCiphertext!, credentialHalfContext(conn)),
      a.passwordHash.length > 3 ? a.passwordHash : "$argon2",
    ];
    for (const s of secrets) expect(all).not.toContain(s);
    // The owner was told by email, and the file is gone from the database.
    expect(
      await db.outboxEmail.count({
        where: { userId: a.id, subject: { in: ["Your Saldo data is ready", "Deine Saldo-Daten liegen bereit"] } },
      }),
    ).toBe(1);
    const row = await db.dataExport.findUniqueOrThrow({ where: { id: exportId } });
    expect(row).toMatchObject({ status: "DOWNLOADED", content: null });
  });
});
