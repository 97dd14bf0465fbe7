"use client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import {
  applyRuleAction,
  createRuleAction,
  deleteRuleAction,
  moveRuleAction,
  previewDraftRuleAction,
  previewRuleAction,
  updateRuleAction,
} from "@/app/(app)/rules/actions";
import { useI18n, usePageTexts } from "@/components/providers";
import { ownCategories } from "@/lib/i18n/messages/own-categories";
import { rules as ruleTexts } from "@/lib/i18n/messages/rules";
import { Amount } from "@/components/transactions/amount";
import { useOwnCategories } from "@/components/transactions/own-categories";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import { categoryName, categoryOptions } from "@/lib/categories/categories";
import type { RuleDto } from "@/lib/data/rules";
import { formatDate } from "@/lib/i18n/format";
import type { RuleActions, RuleConditions } from "@/lib/rules/rule-match";
import type { RulePreviewRow } from "@/lib/transactions/rules";

export interface RuleDraft {
  counterparty: string;
  counterpartyIban: string;
  creditorId: string;
  direction: "in" | "out";
  purpose: string;
}

type Option = { id: string; name: string };
type Preview = { ruleId: string; count: number; rows: RulePreviewRow[] };

const inputClass =
  "block w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

/** The rules in their order, each with preview and apply; a form for a new one (prefilled from a transaction). */
export function RulesManager({
  rules,
  accounts,
  banks,
  draft,
}: {
  rules: RuleDto[];
  accounts: Option[];
  banks: { code: string; name: string }[];
  draft: RuleDraft | null;
}) {
  const t = usePageTexts(ruleTexts);
  const [editing, setEditing] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const previewAction = useAction(previewRuleAction, { texts: { fallback: t.failed }, onSuccess: setPreview });
  const showPreview = (ruleId: string) => previewAction.run({ ruleId });
  const initial: FormState = draft
    ? {
        ...EMPTY,
        name: draft.counterparty || draft.purpose.slice(0, 60),
        counterparty: draft.counterparty,
        purpose: draft.counterparty ? "" : draft.purpose,
        direction: draft.direction,
      }
    : EMPTY;
  return (
    <div className="space-y-6">
      {rules.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t.empty}</p>
      ) : (
        <ol
          className="divide-y divide-slate-200 dark:divide-slate-700 rounded-lg bg-white dark:bg-slate-900 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
          aria-label={t.title}
        >
          {rules.map((rule, i) => (
            <li key={rule.id} className="space-y-3 px-4 py-3" data-testid="rule-row">
              <RuleRow
                rule={rule}
                first={i === 0}
                last={i === rules.length - 1}
                accounts={accounts}
                banks={banks}
                onEdit={() => setEditing(editing === rule.id ? null : rule.id)}
                editing={editing === rule.id}
                onPreview={() => showPreview(rule.id)}
              />
              {editing === rule.id && (
                <RuleForm
                  rule={rule}
                  initial={fromRule(rule)}
                  accounts={accounts}
                  banks={banks}
                  onSaved={(id) => {
                    setEditing(null);
                    showPreview(id);
                  }}
                  onCancel={() => setEditing(null)}
                />
              )}
              {preview?.ruleId === rule.id && <PreviewPanel preview={preview} onApplied={() => showPreview(rule.id)} />}
            </li>
          ))}
        </ol>
      )}
      {previewAction.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {previewAction.error.text}
        </p>
      )}
      <section
        aria-labelledby="new-rule"
        className="rounded-lg bg-white dark:bg-slate-900 p-4 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
      >
        <h2 id="new-rule" className="mb-1 text-base font-semibold text-slate-900 dark:text-slate-100">
          {t.newRule}
        </h2>
        {draft && <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t.fromTransaction}</p>}
        <RuleForm initial={initial} accounts={accounts} banks={banks} onSaved={showPreview} />
      </section>
    </div>
  );
}

function RuleRow({
  rule,
  first,
  last,
  accounts,
  banks,
  editing,
  onEdit,
  onPreview,
}: {
  rule: RuleDto;
  first: boolean;
  last: boolean;
  accounts: Option[];
  banks: { code: string; name: string }[];
  editing: boolean;
  onEdit: () => void;
  onPreview: () => void;
}) {
  const { locale } = useI18n();
  const t = usePageTexts(ruleTexts);
  const { names } = useOwnCategories();
  const router = useRouter();
  const move = useAction(moveRuleAction, { texts: { fallback: t.failed }, onSuccess: () => router.refresh() });
  const remove = useAction(deleteRuleAction, { texts: { fallback: t.failed }, onSuccess: () => router.refresh() });
  const c = rule.conditions;
  const conds = [
    c.counterparty && t.c.counterparty(c.counterparty),
    c.purpose && t.c.purpose(c.purpose),
    c.counterpartyIban && t.c.iban(c.counterpartyIban),
    c.creditorId && t.c.creditorId(c.creditorId),
    c.amountMin && t.c.amountMin(c.amountMin),
    c.amountMax && t.c.amountMax(c.amountMax),
    c.direction && t.c[c.direction],
    c.accountId && t.c.account(accounts.find((a) => a.id === c.accountId)?.name ?? c.accountId),
    c.bankCode && t.c.bank(banks.find((b) => b.code === c.bankCode)?.name ?? c.bankCode),
  ].filter(Boolean);
  const a = rule.actions;
  const acts = [
    a.transfer ? t.a.transfer : a.category && t.a.category(categoryName(a.category, locale, names)),
    a.tags?.length && t.a.tags(a.tags.join(", ")),
    a.counterparty && t.a.rename(a.counterparty),
  ].filter(Boolean);
  return (
    <div className="flex flex-wrap items-start gap-3">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900 dark:text-slate-100">
          <span className="mr-2 text-slate-600 dark:text-slate-400">{t.position(rule.position)}</span>
          {rule.name}
        </p>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {t.summaryIf} {conds.join(rule.match === "any" ? t.c.or : t.c.and)}, {t.summaryThen} {acts.join(", ")}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="ghost"
          disabled={first || move.pending}
          onClick={() => move.run({ ruleId: rule.id, direction: "up" })}
          aria-label={t.moveUp(rule.name)}
        >
          ↑
        </Button>
        <Button
          variant="ghost"
          disabled={last || move.pending}
          onClick={() => move.run({ ruleId: rule.id, direction: "down" })}
          aria-label={t.moveDown(rule.name)}
        >
          ↓
        </Button>
        <Button variant="secondary" onClick={onPreview}>
          {t.preview}
          <span className="sr-only"> {rule.name}</span>
        </Button>
        <Button variant="secondary" onClick={onEdit} aria-expanded={editing}>
          {t.edit}
          <span className="sr-only"> {rule.name}</span>
        </Button>
        <Button
          variant="danger"
          disabled={remove.pending}
          onClick={() => {
            if (window.confirm(t.deleteConfirm(rule.name))) remove.run({ ruleId: rule.id });
          }}
        >
          {t.delete}
          <span className="sr-only"> {rule.name}</span>
        </Button>
      </div>
      {(move.error || remove.error) && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
          {(move.error ?? remove.error)?.text}
        </p>
      )}
    </div>
  );
}

function PreviewPanel({ preview, onApplied }: { preview: Preview; onApplied: () => void }) {
  const { m, locale } = useI18n();
  const t = usePageTexts(ruleTexts);
  const { names } = useOwnCategories();
  const router = useRouter();
  const [applied, setApplied] = useState<number | null>(null);
  const apply = useAction(applyRuleAction, {
    texts: { fallback: t.failed },
    onSuccess: (d) => {
      setApplied(d.changed);
      onApplied();
      router.refresh();
    },
  });
  return (
    <div
      className="space-y-2 rounded-md bg-slate-50 dark:bg-slate-800/50 p-3 ring-1 ring-slate-200 dark:ring-slate-700"
      data-testid="rule-preview"
    >
      <p
        role="status"
        aria-live="polite"
        className="text-sm font-medium text-slate-900 dark:text-slate-100"
        data-testid="rule-preview-count"
      >
        {applied !== null ? `${t.applied(applied)} ` : ""}
        {t.previewCount(preview.count)}
      </p>
      {preview.rows.length > 0 && (
        <>
          <p className="text-xs text-slate-600 dark:text-slate-400">{t.previewShown(preview.rows.length)}</p>
          <ul className="divide-y divide-slate-200 dark:divide-slate-700 text-sm">
            {preview.rows.map((r) => (
              <li key={r.id} className="flex flex-wrap justify-between gap-2 py-1">
                <span>
                  {formatDate(r.bookingDate, locale)} · {r.counterpartyName || r.purpose.split("\n")[0] || "—"} ·{" "}
                  <span className="text-slate-600 dark:text-slate-400">
                    {r.category ? categoryName(r.category, locale, names) : m.categories.uncategorised}
                  </span>
                </span>
                <Amount value={r.amount} currency={r.currency} locale={locale} />
              </li>
            ))}
          </ul>
          <Button disabled={apply.pending} onClick={() => apply.run({ ruleId: preview.ruleId })}>
            {apply.pending ? t.applying : t.apply(preview.count)}
          </Button>
        </>
      )}
      {apply.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {apply.error.text}
        </p>
      )}
    </div>
  );
}

interface FormState {
  name: string;
  match: "all" | "any";
  counterparty: string;
  purpose: string;
  counterpartyIban: string;
  creditorId: string;
  amountMin: string;
  amountMax: string;
  direction: "" | "in" | "out";
  accountId: string;
  bankCode: string;
  category: string;
  tags: string;
  rename: string;
  transfer: boolean;
}
const EMPTY: FormState = {
  name: "",
  match: "all",
  counterparty: "",
  purpose: "",
  counterpartyIban: "",
  creditorId: "",
  amountMin: "",
  amountMax: "",
  direction: "",
  accountId: "",
  bankCode: "",
  category: "",
  tags: "",
  rename: "",
  transfer: false,
};

function fromRule(r: RuleDto): FormState {
  const c = r.conditions;
  const a = r.actions;
  return {
    name: r.name,
    match: r.match,
    counterparty: c.counterparty ?? "",
    purpose: c.purpose ?? "",
    counterpartyIban: c.counterpartyIban ?? "",
    creditorId: c.creditorId ?? "",
    amountMin: c.amountMin ?? "",
    amountMax: c.amountMax ?? "",
    direction: c.direction ?? "",
    accountId: c.accountId ?? "",
    bankCode: c.bankCode ?? "",
    category: a.category ?? "",
    tags: (a.tags ?? []).join(", "),
    rename: a.counterparty ?? "",
    transfer: !!a.transfer,
  };
}

const opt = (v: string) => (v.trim() ? v.trim() : undefined);
const amount = (v: string) => opt(v.replace(",", "."));

function toInput(f: FormState): {
  name: string;
  match: "all" | "any";
  conditions: RuleConditions;
  actions: RuleActions;
} {
  const tags = f.tags
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const conditions = {
    counterparty: opt(f.counterparty),
    purpose: opt(f.purpose),
    counterpartyIban: opt(f.counterpartyIban),
    creditorId: opt(f.creditorId),
    amountMin: amount(f.amountMin),
    amountMax: amount(f.amountMax),
    direction: f.direction || undefined,
    accountId: f.accountId || undefined,
    bankCode: f.bankCode || undefined,
  };
  const actions = {
    category: f.category || undefined,
    tags: tags.length ? tags : undefined,
    counterparty: opt(f.rename),
    transfer: f.transfer ? (true as const) : undefined,
  };
  // undefined fields are dropped on the way to the server (the schema is strict about extra keys only).
  return {
    name: f.name.trim(),
    match: f.match,
    conditions: conditions as RuleConditions,
    actions: actions as RuleActions,
  };
}

function RuleForm({
  rule,
  initial,
  accounts,
  banks,
  onSaved,
  onCancel,
}: {
  rule?: RuleDto;
  initial: FormState;
  accounts: Option[];
  banks: { code: string; name: string }[];
  onSaved: (ruleId: string) => void;
  onCancel?: () => void;
}) {
  const { locale } = useI18n();
  const ownCategoriesTexts = usePageTexts(ownCategories);
  const t = usePageTexts(ruleTexts);
  const { options: own } = useOwnCategories();
  const id = useId();
  const router = useRouter();
  const [f, setF] = useState<FormState>(initial);
  const [status, setStatus] = useState("");
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setF({ ...f, [k]: v });
    setStatus("");
  };
  const texts = {
    fallback: t.failed,
    known: { too_many_rules: t.tooMany, invalid_input: t.invalid },
  };
  const saved = (d: { ruleId: string }) => {
    setStatus(t.saved);
    if (!rule) setF(EMPTY);
    router.refresh();
    onSaved(d.ruleId);
  };
  const create = useAction(createRuleAction, { texts, onSuccess: saved });
  const update = useAction(updateRuleAction, { texts, onSuccess: saved });
  const action = rule ? update : create;
  const fields = action.error?.result.fields ?? {};
  const fieldError = (k: string) =>
    fields[`conditions.${k}`] || fields[`actions.${k}`] || fields[k] ? true : undefined;
  function submit(e: React.FormEvent) {
    e.preventDefault();
    const input = toInput(f);
    if (rule) update.run({ ...input, ruleId: rule.id });
    else create.run(input);
  }
  const text = (k: keyof FormState, label: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div className="space-y-1">
      <label htmlFor={`${id}-${k}`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <input
        id={`${id}-${k}`}
        value={f[k] as string}
        onChange={(e) => set(k, e.target.value as never)}
        aria-invalid={fieldError(k === "rename" ? "counterparty" : k)}
        className={inputClass}
        {...extra}
      />
    </div>
  );
  const noCondition = fields.conditions === "no_condition";
  const noAction = fields.actions === "no_action";
  return (
    <form onSubmit={submit} className="space-y-4" aria-label={rule ? t.editRule(rule.name) : t.newRule}>
      <div className="grid gap-3 sm:grid-cols-2">
        {text("name", t.name, { required: true, maxLength: 60 })}
        <div className="space-y-1">
          <label htmlFor={`${id}-match`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
            {t.match}
          </label>
          <select
            id={`${id}-match`}
            value={f.match}
            onChange={(e) => set("match", e.target.value as "all" | "any")}
            className={inputClass}
          >
            <option value="all">{t.matchAll}</option>
            <option value="any">{t.matchAny}</option>
          </select>
        </div>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900 dark:text-slate-100">{t.conditions}</legend>
        <p className="text-xs text-slate-600 dark:text-slate-400">{t.conditionsHint}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          {text("counterparty", t.counterparty, { maxLength: 100 })}
          {text("purpose", t.purpose, { maxLength: 100 })}
          {text("counterpartyIban", t.iban, { maxLength: 42 })}
          {text("creditorId", t.creditorId, { maxLength: 40 })}
          {text("amountMin", t.amountMin, { inputMode: "decimal", placeholder: t.amountHint })}
          {text("amountMax", t.amountMax, { inputMode: "decimal", placeholder: t.amountHint })}
          <div className="space-y-1">
            <label htmlFor={`${id}-direction`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
              {t.direction}
            </label>
            <select
              id={`${id}-direction`}
              value={f.direction}
              onChange={(e) => set("direction", e.target.value as FormState["direction"])}
              className={inputClass}
            >
              <option value="">{t.directionAny}</option>
              <option value="in">{t.directionIn}</option>
              <option value="out">{t.directionOut}</option>
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-account`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
              {t.account}
            </label>
            <select
              id={`${id}-account`}
              value={f.accountId}
              onChange={(e) => set("accountId", e.target.value)}
              className={inputClass}
            >
              <option value="">{t.anyAccount}</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-bank`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
              {t.bank}
            </label>
            <select
              id={`${id}-bank`}
              value={f.bankCode}
              onChange={(e) => set("bankCode", e.target.value)}
              className={inputClass}
            >
              <option value="">{t.anyBank}</option>
              {banks.map((b) => (
                <option key={b.code} value={b.code}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900 dark:text-slate-100">{t.actions}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor={`${id}-category`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
              {t.setCategory}
            </label>
            <select
              id={`${id}-category`}
              value={f.category}
              onChange={(e) => set("category", e.target.value)}
              className={inputClass}
            >
              <option value="">{t.noCategory}</option>
              {own.length > 0 && (
                <optgroup label={ownCategoriesTexts.ownGroup}>
                  {own.map((o) => (
                    <option key={o.ref} value={o.ref}>
                      {o.fullName}
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label={ownCategoriesTexts.bankGroup}>
                {categoryOptions(locale).map((o) => (
                  <option key={o.id} value={o.id}>
                    {"\u00A0\u00A0".repeat(o.depth) + o.name}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
          {text("tags", t.addTags, { placeholder: t.tagsHint, "aria-description": t.tagsHint } as never)}
          {text("rename", t.rename, { maxLength: 100 })}
          <div className="flex items-center gap-2 sm:col-span-2">
            <input
              id={`${id}-transfer`}
              type="checkbox"
              checked={f.transfer}
              onChange={(e) => set("transfer", e.target.checked)}
              className="h-4 w-4"
            />
            <label htmlFor={`${id}-transfer`} className="text-sm text-slate-800 dark:text-slate-200">
              {t.transfer}
            </label>
          </div>
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={action.pending}>
          {action.pending ? t.saving : t.save}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            {t.cancel}
          </Button>
        )}
        <span role="status" aria-live="polite" className="text-sm text-emerald-800 dark:text-emerald-300">
          {status}
        </span>
      </div>
      {action.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {noCondition ? t.needCondition : noAction ? t.needAction : action.error.text}
        </p>
      )}
      <DraftPreview form={f} ruleId={rule?.id} />
    </form>
  );
}

/** Waits this long after the last keystroke before counting (one request in flight at a time). */
const DRAFT_PREVIEW_DELAY_MS = 400;

/**
 * What the rule being written would change among the existing transactions, counted on the server
 * (previewDraftRuleAction) while the user types, before anything is saved. The sentence is a polite
 * live region (read once it settles); the newest rows follow as a plain list.
 */
function DraftPreview({ form, ruleId }: { form: FormState; ruleId?: string }) {
  const { m, locale } = useI18n();
  const t = usePageTexts(ruleTexts);
  const { names } = useOwnCategories();
  const id = useId();
  const { name: _name, ...draft } = toInput(form);
  const hasCondition = Object.values(draft.conditions).some((v) => v !== undefined);
  const hasAction = Object.values(draft.actions).some((v) => v !== undefined);
  const key = hasCondition && hasAction ? JSON.stringify(ruleId ? { ...draft, ruleId } : draft) : null;
  const [shown, setShown] = useState<{ key: string; count: number; rows: RulePreviewRow[] } | null>(null);
  const [failedKey, setFailedKey] = useState<string | null>(null);
  // The key of the request in flight (only one at a time, so a late answer never overwrites a newer one).
  const sent = useRef<string | null>(null);
  const preview = useAction(previewDraftRuleAction, {
    onSuccess: (d) => setShown({ key: sent.current ?? "", ...d }),
    onError: () => {
      setFailedKey(sent.current);
      return true;
    },
  });
  const { run, pending } = preview;
  useEffect(() => {
    if (!key || pending || sent.current === key) return;
    const timer = setTimeout(() => {
      sent.current = key;
      run(JSON.parse(key));
    }, DRAFT_PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key, pending, run]);

  const current = shown && shown.key === key ? shown : null;
  const loading = key !== null && !current && failedKey !== key;
  const sentence = !key
    ? t.draftNeedsMore
    : failedKey === key
      ? t.draftUnavailable
      : current
        ? t.previewCount(current.count)
        : t.draftCounting;
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-2 rounded-md bg-slate-50 dark:bg-slate-800/50 p-3"
      data-testid="draft-preview"
    >
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
        {t.draftPreview}
      </h3>
      <p
        role="status"
        aria-live="polite"
        aria-busy={loading}
        className="text-sm text-slate-800 dark:text-slate-200"
        data-testid="draft-count"
      >
        {sentence}
      </p>
      {current && current.rows.length > 0 && (
        <>
          <p className="text-xs text-slate-600 dark:text-slate-400">{t.previewShown(current.rows.length)}</p>
          <ul className="divide-y divide-slate-200 dark:divide-slate-700 text-sm" aria-label={t.draftPreview}>
            {current.rows.map((r) => (
              <li key={r.id} className="flex flex-wrap justify-between gap-2 py-1">
                <span>
                  {formatDate(r.bookingDate, locale)} · {r.counterpartyName || r.purpose.split("\n")[0] || "—"} ·{" "}
                  <span className="text-slate-600 dark:text-slate-400">
                    {r.category ? categoryName(r.category, locale, names) : m.categories.uncategorised}
                  </span>
                </span>
                <Amount value={r.amount} currency={r.currency} locale={locale} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
