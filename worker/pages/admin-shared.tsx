// What the administrator's pages (issue 17, point 3) share: their words in Vietnamese and
// English, the administrator's own navigation, the frame of an admin page, day-first date fields,
// the result of a form (done, or refused naming the field) and form values kept after a refusal.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { type Language, parseVietnamDate } from "../../domain";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { apiErrorText } from "./guard";
import { langOf, type Translate } from "./i18n";
import { page } from "./layout";

export type Params = Record<string, string | number>;
export type Words<K extends string> = (key: K, params?: Params) => string;

/** A page's own dictionary (vi and en with the same keys) read in the page's language. */
export function wordsOf<K extends string>(dict: { vi: Record<K, string>; en: Record<K, string> }) {
  return (c: Context<AppEnv>): Words<K> => {
    const d = dict[langOf(c) === "en" ? "en" : "vi"];
    return (key, params = {}) => d[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
  };
}

const SHARED = {
  vi: {
    navLabel: "Các việc quản trị",
    index: "Tổng quan",
    units: "Đơn vị",
    tokens: "Mã truy cập",
    templates: "Mẫu biểu",
    rounds: "Kỳ báo cáo",
    audit: "Nhật ký",
    dateHint: "Ngày/tháng/năm, ví dụ 01/07/2025.",
    dateInvalid: "Ô “{label}”: “{text}” không phải một ngày; hãy viết ngày/tháng/năm, ví dụ 01/07/2025.",
    required: "Hãy điền ô “{label}”.",
    goToField: "Đến ô cần sửa",
    none: "(không có)",
  },
  en: {
    navLabel: "Administration tasks",
    index: "Overview",
    units: "Units",
    tokens: "Access tokens",
    templates: "Templates",
    rounds: "Reporting rounds",
    audit: "Audit log",
    dateHint: "Day/month/year, e.g. 01/07/2025.",
    dateInvalid: "“{label}”: “{text}” is not a date; write day/month/year, e.g. 01/07/2025.",
    required: "Fill in “{label}”.",
    goToField: "Go to the field to correct",
    none: "(none)",
  },
};
export const sharedWords = wordsOf(SHARED);

export type AdminTask = "index" | "units" | "tokens" | "templates" | "rounds" | "audit";

export const ADMIN_TASKS: { task: AdminTask; href: string }[] = [
  { task: "index", href: "/admin" },
  { task: "units", href: "/admin/units" },
  { task: "tokens", href: "/admin/tokens" },
  { task: "templates", href: "/admin/templates" },
  { task: "rounds", href: "/admin/rounds" },
  { task: "audit", href: "/admin/audit" },
];

function AdminNav({ c, current }: { c: Context<AppEnv>; current: AdminTask }) {
  const w = sharedWords(c);
  return (
    <nav class="admin-nav" aria-label={w("navLabel")}>
      <ul>
        {ADMIN_TASKS.map((n) => (
          <li>
            <a href={n.href} aria-current={n.task === current ? "page" : undefined}>
              {w(n.task)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** An admin page: the shared frame (section "admin") with the administrator's navigation above the content. */
export function adminPage(
  c: Context<AppEnv>,
  opts: { title: string; current: AdminTask; status?: 200 | 400 | 403 | 404 | 409 | 413 | 422 },
  body: (t: Translate) => Child,
) {
  return page(c, { title: opts.title, section: "admin", status: opts.status }, (t) => (
    <>
      <AdminNav c={c} current={opts.current} />
      {body(t)}
    </>
  ));
}

/** A form's refusal: which form, the field at fault (its input's id), the message, the values sent. */
export interface Refusal {
  form: string;
  field?: string;
  message: string;
  values: Record<string, string>;
}

/** The refusal for a form when it is that form's (else undefined). */
export function refusalFor(refusal: Refusal | undefined, form: string): Refusal | undefined {
  return refusal?.form === form ? refusal : undefined;
}

/** A thrown ApiError as a refusal of `form`, its field chosen from the error's code (or none). */
export function refusalOf(
  err: unknown,
  lang: Language,
  form: string,
  values: Record<string, string>,
  fieldOf: (code: string) => string | undefined = () => undefined,
): Refusal {
  if (!(err instanceof ApiError) || err.status >= 500) throw err;
  return { form, field: fieldOf(err.code), message: apiErrorText(err, lang), values };
}

/** Thrown by a form handler to answer with the page again, the refusal shown. */
export class FormRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = "FormRefused";
  }
}

/** The form's string fields, trimmed (files are left out). */
export async function formValues(
  c: Context<AppEnv>,
): Promise<{ values: Record<string, string>; files: Record<string, File> }> {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string> = {};
  const files: Record<string, File> = {};
  for (const [k, v] of Object.entries(body)) {
    const one = Array.isArray(v) ? v : [v];
    const strings = one.filter((x): x is string => typeof x === "string");
    if (strings.length) values[k] = strings.map((s) => s.trim()).join(",");
    const file = one.find((x): x is File => typeof x !== "string");
    if (file) files[k] = file;
  }
  return { values, files };
}

/** "01/07/2025" (or 1-7-2025, or 2025-07-01) → "2025-07-01"; "" → null; anything else → undefined. */
export function readDay(text: string | undefined): string | null | undefined {
  const typed = (text ?? "").trim();
  if (!typed) return null;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(typed)
    ? parseVietnamDate(typed.split("-").reverse().join("/"))
    : parseVietnamDate(typed);
  if (!iso || iso < "2000-01-01" || iso > "9999-12-31") return undefined;
  return iso;
}

/**
 * A day the form must have (or may leave empty when `optional`): the ISO day, or a FormRefused
 * naming the field.
 */
export function requireDay(
  c: Context<AppEnv>,
  form: string,
  field: string,
  label: string,
  values: Record<string, string>,
  optional = false,
): string | null {
  const w = sharedWords(c);
  const day = readDay(values[field]);
  const at = `${form}-${field}`;
  if (day === undefined)
    throw new FormRefused({ form, field: at, message: w("dateInvalid", { label, text: values[field] }), values });
  if (day === null && !optional) throw new FormRefused({ form, field: at, message: w("required", { label }), values });
  return day;
}

/** A non-empty text field, or a FormRefused naming it. */
export function requireText(
  c: Context<AppEnv>,
  form: string,
  field: string,
  label: string,
  values: Record<string, string>,
): string {
  const v = (values[field] ?? "").trim();
  if (!v)
    throw new FormRefused({ form, field: `${form}-${field}`, message: sharedWords(c)("required", { label }), values });
  return v;
}

/** A labelled field with its hint and (after a refusal naming it) its error, described by both. */
export function Field({
  form,
  name,
  label,
  hint,
  refusal,
  children,
}: {
  form: string;
  name: string;
  label: string;
  hint?: string;
  refusal?: Refusal;
  children: (attrs: FieldAttrs) => Child;
}) {
  const id = `${form}-${name}`;
  const invalid = refusal?.field === id;
  const described = [hint ? `${id}-hint` : "", invalid ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {invalid && (
        <p class="field-error" id={`${id}-error`}>
          {refusal!.message}
        </p>
      )}
      {children({
        id,
        name,
        value: refusal?.values[name],
        "aria-invalid": invalid ? "true" : undefined,
        "aria-describedby": described || undefined,
      })}
    </div>
  );
}

export interface FieldAttrs {
  id: string;
  name: string;
  value: string | undefined;
  "aria-invalid": "true" | undefined;
  "aria-describedby": string | undefined;
}

/** A day-first date field (a text input: no month-first date picker). */
export function DateField({
  c,
  form,
  name,
  label,
  refusal,
  value,
  required,
}: {
  c: Context<AppEnv>;
  form: string;
  name: string;
  label: string;
  refusal?: Refusal;
  value?: string;
  required?: boolean;
}) {
  const w = sharedWords(c);
  return (
    <Field form={form} name={name} label={label} hint={w("dateHint")} refusal={refusal}>
      {(a) => (
        <span class="date-field">
          <input
            {...a}
            value={a.value ?? value ?? ""}
            type="text"
            inputmode="numeric"
            autocomplete="off"
            placeholder="dd/mm/yyyy"
            required={required}
          />
        </span>
      )}
    </Field>
  );
}

/** The result of a form: done (a status the screen reader reads) or refused (an alert), focused after the post. */
export function Outcome({ done, refusal, c }: { done?: string; refusal?: Refusal; c: Context<AppEnv> }) {
  if (refusal)
    return (
      <div class="notice error" role="alert" id="refused">
        <p tabindex={-1} data-focus>
          {refusal.message}
        </p>
        {refusal.field && (
          <p>
            <a href={`#${refusal.field}`}>{sharedWords(c)("goToField")}</a>
          </p>
        )}
      </div>
    );
  if (done)
    return (
      <div class="notice ok" role="status" id="done">
        <p tabindex={-1} data-focus>
          {done}
        </p>
      </div>
    );
  return <></>;
}

/** A card with a heading (h2) and a form posting to `action`. */
export function FormCard({
  id,
  title,
  action,
  children,
  multipart,
  intro,
}: {
  id: string;
  title: string;
  action: string;
  children: Child;
  multipart?: boolean;
  intro?: string;
}) {
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro && <p class="hint">{intro}</p>}
      <form method="post" action={action} id={id} enctype={multipart ? "multipart/form-data" : undefined}>
        {children}
      </form>
    </section>
  );
}

/** Where a form goes back to after success: the page with ?done= (and its parameters), so a reload posts nothing. */
export function doneHref(path: string, params: Record<string, string>): string {
  return `${path}?${new URLSearchParams(params)}`;
}
