// npm run keys:rotate — re-encrypts every secret at rest with the first key of
// SALDO_ENCRYPTION_KEYS (newest first), in batches, while the app keeps running. Resumable: run it
// again after an interruption. Exit 0 only when every secret is under the first key; then the
// older keys can be removed from SALDO_ENCRYPTION_KEYS. Prints counts, never a secret.
//   KEYS_ROTATE_BATCH=200 (rows per batch)
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { rotateEncryptionKeys } from "@/lib/ops/rotate-encryption-keys";

const batchSize = Number(process.env.KEYS_ROTATE_BATCH ?? 200);
const current = env().encryptionKeys.current.id;
console.log(`keys:rotate: re-encrypting with key "${current}" in batches of ${batchSize}`);
const report = await rotateEncryptionKeys({
  batchSize,
  onBatch: (column, rows) => console.log(`  ${column}: ${rows} row(s) checked`),
});
await db.$disconnect();
console.log(
  `keys:rotate: ${report.rotated} re-encrypted, ${report.changedMeanwhile} rewritten by the app meanwhile, ${report.failed.length} undecryptable`,
);
for (const f of report.failed) console.log(`  cannot decrypt ${f.column} of row ${f.id} with any configured key`);
process.exit(report.failed.length ? 1 : 0);
