// Detection measured against the sandbox generator's ground truth for 50 generated users.
import { describe, expect, it } from "vitest";
import { generatedUser } from "@/scripts/fixtures/contract-users";
import { detectContracts } from "./detect-contracts";

describe("contract detection on 50 generated users", () => {
  it.each([1100, 365])(
    "with %i days of history: precision ≥ 0.95 and recall ≥ 0.90 against the generator's truth",
    (days) => {
      let detected = 0;
      let correct = 0;
      let truthTotal = 0;
      let found = 0;
      const misses = new Map<string, number>();
      const falses = new Map<string, number>();
      for (let seed = 1; seed <= 50; seed++) {
        const user = generatedUser(seed, { days });
        const byId = new Map(user.transactions.map((t) => [t.id, t.truth]));
        const contracts = detectContracts({
          transactions: user.transactions,
          ownIbans: user.ownIbans,
          ownNames: user.ownNames,
          today: user.today,
        });
        const claimed = new Set<string>();
        for (const c of contracts) {
          detected++;
          const labels = c.transactionIds.map((id) => byId.get(id) ?? null);
          const top = labels[0] ?? null;
          const share = labels.filter((l) => l === top).length / labels.length;
          const truth = top ? user.truth.get(top) : undefined;
          if (top && truth && share >= 0.9 && truth.cadence === c.cadence && !claimed.has(top)) {
            correct++;
            claimed.add(top);
          } else {
            const why = `${c.name} (${c.cadence}, label ${top ?? "none"})`;
            falses.set(why, (falses.get(why) ?? 0) + 1);
          }
        }
        truthTotal += user.truth.size;
        found += claimed.size;
        for (const label of user.truth.keys()) if (!claimed.has(label)) misses.set(label, (misses.get(label) ?? 0) + 1);
      }
      const precision = correct / detected;
      const recall = found / truthTotal;
      console.log(
        `contract detection, 50 users, ${days} days: precision ${precision.toFixed(3)} (${correct}/${detected}), ` +
          `recall ${recall.toFixed(3)} (${found}/${truthTotal})`,
      );
      if (falses.size) console.log("false positives:", Object.fromEntries(falses));
      if (misses.size) console.log("missed:", Object.fromEntries(misses));
      expect(precision).toBeGreaterThanOrEqual(0.95);
      expect(recall).toBeGreaterThanOrEqual(0.9);
    },
  );
});
