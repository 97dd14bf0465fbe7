import { describe, expect, it } from "vitest";
import { consentStatus } from "@/lib/consent/consent-status";
import { parseId, parseIdList, planRenewWalk, renewWalkUrl } from "@/lib/consent/renew-all";

const today = "2027-05-01";
const due = (id: string, validUntil: string) => ({
  id,
  bankName: id,
  validUntil,
  consent: consentStatus(validUntil, today),
});
const a = due("a", "2027-04-29"); // expired
const b = due("b", "2027-05-03");
const c = due("c", "2027-05-10");

describe("planRenewWalk", () => {
  it("starts with the most urgent bank, bank 1 of n", () => {
    const w = planRenewWalk({ due: [a, b, c], done: [], skip: [] });
    expect(w.current?.id).toBe("a");
    expect(w.upcoming.map((x) => x.id)).toEqual(["b", "c"]);
    expect([w.position, w.total]).toEqual([1, 3]);
  });

  it("after renewing one, the renewed bank is no longer due and progress moves on", () => {
    const w = planRenewWalk({ due: [b, c], done: ["a"], skip: [] });
    expect(w.current?.id).toBe("b");
    expect([w.position, w.total]).toEqual([2, 3]);
  });

  it("skipped banks stay due but leave the queue", () => {
    const w = planRenewWalk({ due: [a, b, c], done: [], skip: ["a"] });
    expect(w.current?.id).toBe("b");
    expect(w.skipped.map((x) => x.id)).toEqual(["a"]);
    expect([w.position, w.total]).toEqual([2, 3]);
  });

  it("finishes when nothing is left; a resumed walk counts only what is still due", () => {
    const w = planRenewWalk({ due: [], done: ["a", "b", "c"], skip: [] });
    expect(w.current).toBeNull();
    expect([w.position, w.total]).toEqual([3, 3]);
    const resumed = planRenewWalk({ due: [c], done: [], skip: [] });
    expect([resumed.current?.id, resumed.position, resumed.total]).toEqual(["c", 1, 1]);
  });
});

describe("URL helpers", () => {
  it("parses id lists defensively", () => {
    expect(parseIdList("a,b,,b, c")).toEqual(["a", "b", "c"]);
    expect(parseIdList("a,<script>,../x")).toEqual(["a"]);
    expect(parseIdList(undefined)).toEqual([]);
  });

  it("parses one id defensively (?connection=%00 answered 500)", () => {
    expect(parseId("cm0abc_12-x")).toBe("cm0abc_12-x");
    for (const raw of ["\u0000", "a\u0000b", "", "../x", "x".repeat(65), ["a", "b"], undefined])
      expect(parseId(raw), JSON.stringify(raw)).toBeUndefined();
  });

  it("builds the walk URL", () => {
    expect(renewWalkUrl({ done: ["a", "b"], skip: ["c"] })).toBe("/banks/renew?all=1&done=a%2Cb&skip=c");
  });
});
