"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import {
  createCategoryAction,
  deleteCategoryAction,
  mergeCategoryAction,
  updateCategoryAction,
} from "@/app/(app)/categories/actions";
import { usePageTexts } from "@/components/providers";
import { ownCategories } from "@/lib/i18n/messages/own-categories";
import { useOwnCategories, type OwnCategoryOption } from "@/components/transactions/own-categories";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";

const inputClass =
  "block w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

const idOf = (ref: string) => ref.slice(2);

/** Create, rename, recolour, move, merge and delete the viewer's own categories. */
export function CategoriesManager() {
  const t = usePageTexts(ownCategories);
  const { options } = useOwnCategories();
  const [status, setStatus] = useState("");
  return (
    <div className="space-y-6">
      <p
        role="status"
        aria-live="polite"
        className="text-sm text-emerald-800 dark:text-emerald-300"
        data-testid="categories-status"
      >
        {status}
      </p>
      {options.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t.empty}</p>
      ) : (
        <ul
          className="divide-y divide-slate-200 dark:divide-slate-700 rounded-lg bg-white dark:bg-slate-900 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
          aria-label={t.title}
        >
          {options.map((c) => (
            <CategoryRow key={c.ref} category={c} all={options} onDone={setStatus} />
          ))}
        </ul>
      )}
      <section
        aria-labelledby="new-category"
        className="rounded-lg bg-white dark:bg-slate-900 p-4 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700"
      >
        <h2 id="new-category" className="mb-3 text-base font-semibold text-slate-900 dark:text-slate-100">
          {t.newCategory}
        </h2>
        <CategoryForm all={options} onDone={setStatus} />
      </section>
    </div>
  );
}

function CategoryForm({
  category,
  all,
  onDone,
  onCancel,
}: {
  category?: OwnCategoryOption;
  all: OwnCategoryOption[];
  onDone: (text: string) => void;
  onCancel?: () => void;
}) {
  const t = usePageTexts(ownCategories);
  const id = useId();
  const router = useRouter();
  const [name, setName] = useState(category?.name ?? "");
  const [color, setColor] = useState(category?.color ?? "#2563eb");
  const [parentId, setParentId] = useState(category?.parentId ?? "");
  const texts = {
    fallback: t.failed,
    known: { invalid_parent: t.invalidParent, has_children: t.hasChildren, too_many_categories: t.tooMany },
  };
  const done = (text: string) => {
    onDone(text);
    if (!category) setName("");
    router.refresh();
    onCancel?.();
  };
  const create = useAction(createCategoryAction, { texts, onSuccess: () => done(t.created) });
  const update = useAction(updateCategoryAction, { texts, onSuccess: () => done(t.saved) });
  const action = category ? update : create;
  const parents = all.filter((c) => !c.parentId && c.ref !== category?.ref);
  function submit(e: React.FormEvent) {
    e.preventDefault();
    const input = { name, color, parentId: parentId || null };
    if (category) update.run({ ...input, categoryId: idOf(category.ref) });
    else create.run(input);
  }
  return (
    <form
      onSubmit={submit}
      className="grid gap-3 sm:grid-cols-[1fr_auto_1fr_auto] sm:items-end"
      aria-label={category ? t.editing(category.name) : t.newCategory}
    >
      <div className="space-y-1">
        <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          {t.name}
        </label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={40}
          className={inputClass}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-color`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          {t.color}
        </label>
        <input
          id={`${id}-color`}
          type="color"
          value={color}
          onChange={(e) => setColor(e.target.value)}
          className="h-9 w-16 rounded-md border border-slate-300 dark:border-slate-600"
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-parent`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          {t.parent}
        </label>
        <select
          id={`${id}-parent`}
          value={parentId}
          onChange={(e) => setParentId(e.target.value)}
          className={inputClass}
        >
          <option value="">{t.noParent}</option>
          {parents.map((p) => (
            <option key={p.ref} value={idOf(p.ref)}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={action.pending}>
          {action.pending ? t.saving : category ? t.save : t.create}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            {t.cancel}
          </Button>
        )}
      </div>
      {action.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300 sm:col-span-4">
          {action.error.text}
        </p>
      )}
    </form>
  );
}

function CategoryRow({
  category,
  all,
  onDone,
}: {
  category: OwnCategoryOption;
  all: OwnCategoryOption[];
  onDone: (text: string) => void;
}) {
  const t = usePageTexts(ownCategories);
  const id = useId();
  const router = useRouter();
  const [mode, setMode] = useState<"view" | "edit" | "merge">("view");
  const [into, setInto] = useState("");
  const remove = useAction(deleteCategoryAction, {
    texts: { fallback: t.failed },
    onSuccess: (d) => {
      onDone(t.deleted(d.transactions));
      router.refresh();
    },
  });
  const merge = useAction(mergeCategoryAction, {
    texts: { fallback: t.failed },
    onSuccess: (d) => {
      onDone(t.merged(d.transactions));
      router.refresh();
    },
  });
  return (
    <li className={`space-y-3 px-4 py-3 ${category.parentId ? "pl-10" : ""}`} data-testid="category-row">
      <div className="flex flex-wrap items-center gap-3">
        <span
          aria-hidden="true"
          className="inline-block h-3 w-3 rounded-full"
          style={{ backgroundColor: category.color }}
        />
        <span className="flex-1 font-medium text-slate-900 dark:text-slate-100">{category.fullName}</span>
        <Button
          variant="secondary"
          onClick={() => setMode(mode === "edit" ? "view" : "edit")}
          aria-expanded={mode === "edit"}
        >
          {t.edit}
          <span className="sr-only"> {category.fullName}</span>
        </Button>
        <Button
          variant="secondary"
          onClick={() => setMode(mode === "merge" ? "view" : "merge")}
          aria-expanded={mode === "merge"}
        >
          {t.merge}
          <span className="sr-only"> {category.fullName}</span>
        </Button>
        <Button
          variant="danger"
          disabled={remove.pending}
          onClick={() => {
            if (window.confirm(t.deleteConfirm(category.fullName))) remove.run({ categoryId: idOf(category.ref) });
          }}
        >
          {t.delete}
          <span className="sr-only"> {category.fullName}</span>
        </Button>
      </div>
      {mode === "edit" && (
        <CategoryForm category={category} all={all} onDone={onDone} onCancel={() => setMode("view")} />
      )}
      {mode === "merge" && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (into) merge.run({ categoryId: idOf(category.ref), intoId: into });
          }}
        >
          <div className="space-y-1">
            <label htmlFor={`${id}-into`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
              {t.mergeInto(category.fullName)}
            </label>
            <select
              id={`${id}-into`}
              value={into}
              onChange={(e) => setInto(e.target.value)}
              required
              className={inputClass}
            >
              <option value="">{t.mergeChoose}</option>
              {all
                .filter((c) => c.ref !== category.ref && c.parentId !== idOf(category.ref))
                .map((c) => (
                  <option key={c.ref} value={idOf(c.ref)}>
                    {c.fullName}
                  </option>
                ))}
            </select>
          </div>
          <Button type="submit" disabled={merge.pending}>
            {t.mergeButton}
          </Button>
        </form>
      )}
      {(remove.error || merge.error) && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {(remove.error ?? merge.error)?.text}
        </p>
      )}
    </li>
  );
}
