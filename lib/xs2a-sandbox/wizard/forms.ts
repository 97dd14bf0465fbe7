// Form elements in the Wizard-API shape (xs2a-api.md §5.3).

import { findBank, type SandboxBank } from "../banks";
import type { SessionRec } from "../types";
import { COUNTRIES, texts } from "./texts";

interface Validation {
  validation: string;
  invalid: boolean;
  failed_validation_rules: string | string[];
  validation_error: string;
}

export type FormElement =
  | ({ type: "text" | "password"; name: string; value: string; label: string } & Validation)
  | ({ type: "select"; name: string; selected: string; options: Record<string, string>; label: string } & Validation)
  | ({ type: "checkbox"; name: string; checked: boolean; label: string } & Validation)
  | ({
      type: "radio";
      name: string;
      checked: number;
      options: { label: string; disabled: boolean }[];
      label: string;
    } & Validation)
  | { type: "help_text"; title: string; text: string };

export interface Form {
  name: string;
  elements: FormElement[];
}

function validation(s: SessionRec, name: string, rules: string): Validation {
  const error = s.fieldErrors[name];
  return {
    validation: rules,
    invalid: Boolean(error),
    failed_validation_rules: error ? [rules.split("|")[0]!] : "",
    validation_error: error ?? "",
  };
}

export function accountLabel(bank: SandboxBank, index: number): string {
  const a = bank.accounts[index]!;
  return `${a.description} (${a.type})`;
}

export function renderForm(s: SessionRec): Form {
  const t = texts(s.language);
  const bank = findBank(s.bankCode);
  switch (s.step) {
    case "bank":
      return {
        name: "bank",
        elements: [
          { type: "help_text", title: "", text: t.bankIntro },
          {
            type: "select",
            name: "country_id",
            selected: "DE",
            options: COUNTRIES[s.language],
            label: t.country,
            ...validation(s, "country_id", "required"),
          },
          {
            type: "text",
            name: "bank_code",
            value: s.bankCode ?? "",
            label: t.bankCode,
            ...validation(s, "bank_code", "required"),
          },
        ],
      };
    case "login":
      return {
        name: "login",
        elements: [
          { type: "help_text", title: t.loginTitle(bank?.name ?? ""), text: t.loginText },
          {
            type: "text",
            name: "USER_NAME",
            value: s.userName,
            label: t.userName,
            ...validation(s, "USER_NAME", "required"),
          },
          { type: "password", name: "USER_PIN", value: "", label: t.pin, ...validation(s, "USER_PIN", "required") },
          {
            type: "checkbox",
            name: "privacy_policy",
            checked: false,
            label: t.privacy,
            ...validation(s, "privacy_policy", "required|accepted"),
          },
        ],
      };
    case "tan":
      return {
        name: "tan",
        elements: [
          { type: "help_text", title: t.tanTitle, text: t.tanText },
          { type: "text", name: "tan", value: "", label: t.tan, ...validation(s, "tan", "required") },
        ],
      };
    case "app":
      return { name: "app", elements: [{ type: "help_text", title: t.appTitle, text: t.appText }] };
    case "accounts": {
      const accounts = bank?.accounts ?? [];
      const head = { type: "help_text" as const, title: t.accountsTitle, text: t.accountsText };
      if (s.selection === "multi") {
        return {
          name: "accounts",
          elements: [
            head,
            ...accounts.map((_, i) => ({
              type: "checkbox" as const,
              name: `account_${i}`,
              checked: i === 0,
              label: accountLabel(bank!, i),
              ...validation(s, `account_${i}`, ""),
            })),
          ],
        };
      }
      return {
        name: "accounts",
        elements: [
          head,
          {
            type: "radio",
            name: "account",
            checked: 0,
            options: accounts.map((_, i) => ({ label: accountLabel(bank!, i), disabled: false })),
            label: t.account,
            ...validation(s, "account", "required"),
          },
        ],
      };
    }
    default:
      return { name: s.step, elements: [] };
  }
}
