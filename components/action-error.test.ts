import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionError, actionErrorMessage } from "@/components/action-error";
import type { ActionRefusal } from "@/lib/actions/action-result";
import { clientMessages } from "@/lib/i18n/messages/client";

const en = clientMessages("en");
const de = clientMessages("de");
const refusal = (r: Partial<ActionRefusal> & Pick<ActionRefusal, "code">): ActionRefusal => ({
  message: r.code,
  ...r,
  ok: false,
});

describe("actionErrorMessage: the common texts", () => {
  it("rate_limited says the wait, in seconds or minutes, in both languages", () => {
    expect(actionErrorMessage(refusal({ code: "rate_limited", retryAfterSeconds: 42 }), en)).toBe(
      "Too many attempts. Please wait 42 seconds and try again.",
    );
    expect(actionErrorMessage(refusal({ code: "rate_limited", retryAfterSeconds: 600 }), en)).toBe(
      "Too many attempts. Please wait 10 minutes and try again.",
    );
    expect(actionErrorMessage(refusal({ code: "rate_limited", retryAfterSeconds: 42 }), de)).toBe(
      de.common.rateLimited(42),
    );
    expect(actionErrorMessage(refusal({ code: "rate_limited" }), en)).toBe(en.common.rateLimited(60));
  });

  it("internal gives the logged error id, or '-' without one", () => {
    expect(actionErrorMessage(refusal({ code: "internal", errorId: "ab12cd34" }), en)).toBe(
      en.common.errorGeneric("ab12cd34"),
    );
    expect(actionErrorMessage(refusal({ code: "internal", errorId: "ab12cd34" }), de)).toContain("Fehler-ID ab12cd34");
    expect(actionErrorMessage(refusal({ code: "internal" }), en)).toBe(en.common.errorGeneric("-"));
  });

  it("unavailable, connection_disabled, consent_expired and unauthenticated have their own texts", () => {
    for (const m of [en, de]) {
      expect(actionErrorMessage(refusal({ code: "unavailable", message: "xs2a_unavailable" }), m)).toBe(
        m.common.serviceUnavailable,
      );
      expect(actionErrorMessage(refusal({ code: "connection_disabled" }), m)).toBe(m.sync.disabledError);
      expect(actionErrorMessage(refusal({ code: "consent_expired" }), m)).toBe(m.sync.consentError);
      expect(actionErrorMessage(refusal({ code: "unauthenticated" }), m)).toBe(m.common.sessionEnded);
    }
  });

  it("codes whose meaning depends on the action fall back to the component's text, else the generic one", () => {
    for (const code of ["not_found", "conflict", "invalid_input", "needs_user"] as const) {
      expect(actionErrorMessage(refusal({ code }), en)).toBe(en.common.errorGeneric("-"));
      expect(actionErrorMessage(refusal({ code }), en, { fallback: "F" })).toBe("F");
    }
    expect(
      actionErrorMessage(refusal({ code: "internal", errorId: "x1" }), en, { fallback: (r) => `id ${r.errorId}` }),
    ).toBe("id x1");
  });
});

describe("actionErrorMessage: a component's own texts", () => {
  it("a reason wins over a code, and both over the common texts", () => {
    const known = { sync_running: "running", conflict: "not importable", rate_limited: "slow down" };
    expect(actionErrorMessage(refusal({ code: "conflict", message: "sync_running" }), en, { known })).toBe("running");
    expect(actionErrorMessage(refusal({ code: "conflict", message: "connection_not_importable" }), en, { known })).toBe(
      "not importable",
    );
    expect(actionErrorMessage(refusal({ code: "rate_limited", retryAfterSeconds: 5 }), en, { known })).toBe(
      "slow down",
    );
  });

  it("a text may depend on the refusal (the wait of a bank's own sync limit)", () => {
    const known = {
      rate_limited: (r: ActionRefusal) => en.sync.rateLimited(Math.ceil((r.retryAfterSeconds ?? 60) / 60)),
    };
    expect(actionErrorMessage(refusal({ code: "rate_limited", retryAfterSeconds: 300 }), en, { known })).toBe(
      "You have synced this bank several times just now. Please try again in 5 minutes.",
    );
  });

  it("a message dictionary fits as it is (consent: by code and by reason)", () => {
    const texts = { known: de.consent.errors, fallback: de.consent.errors.generic };
    expect(actionErrorMessage(refusal({ code: "not_found", message: "not found" }), de, texts)).toBe(
      de.consent.errors.not_found,
    );
    expect(actionErrorMessage(refusal({ code: "conflict", message: "snooze_unavailable" }), de, texts)).toBe(
      de.consent.errors.snooze_unavailable,
    );
    expect(actionErrorMessage(refusal({ code: "internal", errorId: "x" }), de, texts)).toBe(de.consent.errors.generic);
  });

  it("only the dictionary's own keys count", () => {
    expect(actionErrorMessage(refusal({ code: "conflict", message: "constructor" }), en, { known: {} })).toBe(
      en.common.errorGeneric("-"),
    );
  });
});

describe("actionError: field texts", () => {
  const texts = {
    known: en.auth.errors,
    fields: { email: en.auth.errors.invalid_email, password: en.auth.errors.too_short },
  };

  it("a field's reason is worded when known, else the field's own text, else the overall text", () => {
    const e = actionError(
      refusal({
        code: "invalid_input",
        message: "invalid_input",
        fields: { email: "Invalid email address", password: "too_common", locale: "Invalid option" },
      }),
      en,
      texts,
    );
    expect(e.fields).toEqual({
      email: en.auth.errors.invalid_email,
      password: en.auth.errors.too_common,
      locale: e.text,
    });
  });

  it("a conflict naming a field (email taken) is worded at the field", () => {
    const e = actionError(
      refusal({ code: "conflict", message: "email_taken", fields: { email: "email_taken" } }),
      en,
      texts,
    );
    expect(e.fields.email).toBe("An account with this email already exists. Sign in instead, or use another email.");
  });

  it("a refusal naming no field has none", () => {
    expect(actionError(refusal({ code: "internal", errorId: "1" }), en).fields).toEqual({});
  });
});

describe("use-action.ts stays client-safe", () => {
  // Follows every import that is not `import type` (those are erased) from the hook.
  const root = path.resolve(import.meta.dirname, "..");
  const resolve = (spec: string, from: string) => {
    const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : path.resolve(path.dirname(from), spec);
    return [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find(
      (f) => existsSync(f) && f.match(/\.tsx?$/),
    );
  };
  const valueImports = (source: string) =>
    [...source.matchAll(/^\s*(import|export)\s+(?!type\s)(?:[\s\S]*?\sfrom\s+)?["']([^"']+)["']/gm)].map((x) => x[2]);

  it("reaches no server module (server-only, the database, Prisma, node: built-ins, server actions)", () => {
    const seen = new Set<string>();
    const bare = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of valueImports(readFileSync(file, "utf8"))) {
        if (spec.startsWith("@/") || spec.startsWith(".")) {
          const target = resolve(spec, file);
          expect(target, `${spec} from ${file}`).toBeDefined();
          walk(target!);
        } else bare.add(spec);
      }
    };
    walk(path.join(root, "components/use-action.ts"));
    const files = [...seen].map((f) => path.relative(root, f));
    expect(files).toContain("components/action-error.ts");
    expect(
      files.filter((f) => f.startsWith("app/") || f === "lib/db.ts" || f.startsWith("lib/actions/define")),
    ).toEqual([]);
    expect([...bare].filter((s) => s === "server-only" || s.startsWith("node:") || /prisma|^pg$/.test(s))).toEqual([]);
    expect([...bare].sort()).toEqual(["@tanstack/react-query", "next/navigation", "react"]);
  });
});
