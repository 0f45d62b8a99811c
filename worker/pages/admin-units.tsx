// The administrator's units page (issue 17, point 3): the units as a tree on a chosen day (typed
// day first), the forms to add a unit and to record a dated change (rename, close, re-parent,
// merge, split) through services/units.ts, and the units CSV import: a dry run first that lists
// what would change, then "apply" posts the very same file again; a malformed file is refused
// with its line and column and nothing changes.
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { formatVietnamDate, kindLabel } from "../../domain";
import type { AppEnv } from "../env";
import { ApiError, catalogueError, tooLarge } from "../errors";
import { addUnit } from "../services/admin-units";
import { allTemplates, requireKind, requireTemplate } from "../services/templates";
import {
  allowLateReports,
  applyTransition,
  type ImportPlan,
  importUnits,
  Structure,
  type Transition,
  vietnamDay,
} from "../services/units";
import {
  adminPage,
  DateField,
  doneHref,
  Field,
  FormCard,
  FormRefused,
  formValues,
  Outcome,
  readDay,
  type Refusal,
  refusalFor,
  refusalOf,
  requireDay,
  requireText,
  sharedWords,
  type Words,
  wordsOf,
} from "./admin-shared";
import { TableRegion } from "./components";
import { pageError, signedIn } from "./guard";
import { langOf } from "./i18n";

export const adminUnits = new Hono<AppEnv>();
adminUnits.onError(pageError);

const MAX_CSV_BYTES = 2 * 1024 * 1024;

const WORDS = {
  vi: {
    title: "Đơn vị",
    intro:
      "Cây đơn vị có hiệu lực vào một ngày. Mọi thay đổi có ngày hiệu lực: ngày đầu tiên của trạng thái mới; báo cáo đã nộp vẫn thuộc đơn vị đã nộp.",
    asOf: "Xem cây đơn vị ngày",
    show: "Xem",
    treeTitle: "Các đơn vị có hiệu lực ngày {day} ({n})",
    treeEmpty: "Không có đơn vị nào có hiệu lực ngày này.",
    life: "hiệu lực {from} – {to}",
    now: "nay",
    always: "…",
    code: "Mã đơn vị",
    name: "Tên đơn vị",
    level: "Cấp",
    levelHint: "Ví dụ: tỉnh, thành phố, sở, xã, phường.",
    parent: "Đơn vị cấp trên",
    noParent: "(không có: cấp cao nhất)",
    unit: "Đơn vị",
    date: "Ngày hiệu lực",
    fromDate: "Có hiệu lực từ ngày (để trống: từ trước đến nay)",
    note: "Căn cứ (số văn bản, tùy chọn)",
    addTitle: "Thêm đơn vị",
    add: "Thêm đơn vị",
    renameTitle: "Đổi tên",
    newName: "Tên mới",
    rename: "Đổi tên",
    lateTitle: "Cho phép nộp báo cáo sau khi đơn vị hết hiệu lực",
    lateHint:
      "Báo cáo chốt của đơn vị đã giải thể (ví dụ huyện cũ nộp báo cáo thực hiện 2025): cho phép theo mẫu biểu, loại báo cáo, đến một ngày; việc cho phép được ghi nhật ký.",
    lateUnit: "Đơn vị (kể cả đơn vị đã hết hiệu lực)",
    template: "Mẫu biểu",
    reportKind: "Loại báo cáo",
    until: "Cho phép đến hết ngày",
    reason: "Lý do",
    late: "Cho phép",
    closeTitle: "Giải thể (không có đơn vị kế thừa)",
    closeHint: "Ngày hiệu lực là ngày đầu tiên đơn vị không còn; báo cáo đã nộp vẫn giữ nguyên.",
    close: "Giải thể",
    reparentTitle: "Đổi đơn vị cấp trên",
    newParent: "Cấp trên mới",
    reparent: "Đổi cấp trên",
    mergeTitle: "Hợp nhất",
    mergeHint:
      "Các đơn vị được hợp nhất thôi hiệu lực từ ngày hiệu lực; đơn vị nhận là đơn vị đã có (chỉ ghi mã) hoặc đơn vị mới (ghi mã, tên và cấp).",
    mergeUnits: "Mã các đơn vị được hợp nhất (cách nhau bằng dấu phẩy)",
    intoCode: "Mã đơn vị nhận",
    intoName: "Tên đơn vị nhận (chỉ khi là đơn vị mới)",
    intoLevel: "Cấp của đơn vị nhận (chỉ khi là đơn vị mới)",
    merge: "Hợp nhất",
    splitTitle: "Chia tách",
    splitHint:
      "Đơn vị bị chia tách thôi hiệu lực từ ngày hiệu lực. Mỗi dòng một đơn vị kế thừa: mã; tên; cấp (tên và cấp chỉ khi là đơn vị mới).",
    splitInto: "Các đơn vị kế thừa (mỗi dòng: mã; tên; cấp)",
    split: "Chia tách",
    importTitle: "Nhập danh mục từ tệp CSV",
    importHint:
      "Tệp CSV (UTF-8) theo mẫu danh mục đơn vị hành chính: các cột Mã, Tên, Cấp, Mã cấp trên. Bấm “Xem trước” để thấy những gì sẽ thay đổi; chưa có gì được lưu cho đến khi bạn bấm “Áp dụng”.",
    importFile: "Tệp danh mục (.csv)",
    importDate: "Ngày hiệu lực của các thay đổi (để trống: hôm nay)",
    preview: "Xem trước",
    planTitle: "Xem trước: những gì sẽ thay đổi từ ngày {day}",
    planNone: "Tệp không làm thay đổi gì: mọi đơn vị đã đúng như trong tệp.",
    planCounts:
      "{added} thêm mới · {renamed} đổi tên · {reparented} đổi cấp trên · {relevelled} đổi cấp · {unchanged} không đổi",
    planAdded: "Thêm mới",
    planRenamed: "Đổi tên",
    planReparented: "Đổi cấp trên",
    planRelevelled: "Đổi cấp",
    before: "Trước",
    after: "Sau",
    apply: "Áp dụng các thay đổi này",
    applyAgain: "Chưa có gì được lưu. Bấm “Áp dụng” để lưu đúng các thay đổi trên.",
    fileMissing: "Hãy chọn tệp CSV ở ô “{label}”.",
    noSplit: "Hãy ghi ít nhất hai đơn vị kế thừa, mỗi dòng một đơn vị.",
    doneAdd: "Đã thêm đơn vị {unit}.",
    doneRename: "Đã đổi tên đơn vị {unit} từ ngày {date}.",
    doneClose: "Đã ghi giải thể đơn vị {unit} từ ngày {date}.",
    doneLate: "Đã cho phép đơn vị {unit} nộp báo cáo sau khi hết hiệu lực (đã ghi nhật ký).",
    doneReparent: "Đã đổi cấp trên của đơn vị {unit} từ ngày {date}.",
    doneMerge: "Đã hợp nhất {unit} từ ngày {date}.",
    doneSplit: "Đã chia tách đơn vị {unit} từ ngày {date}.",
    doneImport: "Đã nhập danh mục: {counts}.",
  },
  en: {
    title: "Units",
    intro:
      "The tree of units in force on a day. Every change has an effective date: the first day of the new state; reports already submitted stay with the unit that submitted them.",
    asOf: "Show the tree on",
    show: "Show",
    treeTitle: "Units in force on {day} ({n})",
    treeEmpty: "No unit is in force on this day.",
    life: "in force {from} – {to}",
    now: "now",
    always: "…",
    code: "Unit code",
    name: "Unit name",
    level: "Level",
    levelHint: "For example: tỉnh, thành phố, sở, xã, phường.",
    parent: "Parent unit",
    noParent: "(none: top level)",
    unit: "Unit",
    date: "Effective date",
    fromDate: "In force from (empty: since always)",
    note: "Legal basis (document number, optional)",
    addTitle: "Add a unit",
    add: "Add the unit",
    renameTitle: "Rename",
    newName: "New name",
    rename: "Rename",
    lateTitle: "Allow reports after a unit's life",
    lateHint:
      "A dissolved unit's closing reports (e.g. a former district's 2025 execution report): allowed per template and report kind until a day; the permission is audited.",
    lateUnit: "Unit (closed units included)",
    template: "Template",
    reportKind: "Report kind",
    until: "Allowed until the end of",
    reason: "Reason",
    late: "Allow",
    closeTitle: "Close (no successor)",
    closeHint: "The effective date is the first day the unit no longer exists; its reports stay as they are.",
    close: "Close",
    reparentTitle: "Change the parent",
    newParent: "New parent",
    reparent: "Change the parent",
    mergeTitle: "Merge",
    mergeHint:
      "The merged units end the day before the effective date; the receiving unit is an existing one (its code only) or a new one (code, name and level).",
    mergeUnits: "Codes of the units merged (separated by commas)",
    intoCode: "Code of the receiving unit",
    intoName: "Name of the receiving unit (a new unit only)",
    intoLevel: "Level of the receiving unit (a new unit only)",
    merge: "Merge",
    splitTitle: "Split",
    splitHint:
      "The split unit ends the day before the effective date. One successor per line: code; name; level (name and level for a new unit only).",
    splitInto: "Successors (one per line: code; name; level)",
    split: "Split",
    importTitle: "Import units from a CSV file",
    importHint:
      "A CSV file (UTF-8) in the layout of the official list of administrative units: columns code, name, level, parent code. Press “Preview” to see what would change; nothing is stored until you press “Apply”.",
    importFile: "Units file (.csv)",
    importDate: "Effective date of the changes (empty: today)",
    preview: "Preview",
    planTitle: "Preview: what would change from {day}",
    planNone: "The file changes nothing: every unit is already as in the file.",
    planCounts:
      "{added} added · {renamed} renamed · {reparented} re-parented · {relevelled} level changed · {unchanged} unchanged",
    planAdded: "Added",
    planRenamed: "Renamed",
    planReparented: "Re-parented",
    planRelevelled: "Level changed",
    before: "Before",
    after: "After",
    apply: "Apply these changes",
    applyAgain: "Nothing is stored yet. Press “Apply” to store exactly the changes above.",
    fileMissing: "Choose a CSV file in “{label}”.",
    noSplit: "Give at least two successors, one per line.",
    doneAdd: "Unit {unit} was added.",
    doneRename: "Unit {unit} was renamed from {date}.",
    doneClose: "Unit {unit} was recorded as closed from {date}.",
    doneLate: "Unit {unit} may now report after its life (recorded in the audit log).",
    doneReparent: "The parent of unit {unit} was changed from {date}.",
    doneMerge: "{unit} were merged from {date}.",
    doneSplit: "Unit {unit} was split from {date}.",
    doneImport: "Units imported: {counts}.",
  },
};
type Key = keyof (typeof WORDS)["vi"];
const words = wordsOf<Key>(WORDS);

type UnitOn = ReturnType<Structure["unitsOn"]>[number];

/** The units of a day as nested lists: top-level units first, each with the units below it. */
function Tree({ w, units, parent }: { w: Words<Key>; units: UnitOn[]; parent: string | null }) {
  const codes = new Set(units.map((u) => u.code));
  const here = units.filter((u) => (parent === null ? !u.parent || !codes.has(u.parent) : u.parent === parent));
  if (!here.length) return <></>;
  return (
    <ul class={parent === null ? "tree" : undefined}>
      {here.map((u) => (
        <li data-unit={u.code}>
          <span class="mono">{u.code}</span> <strong>{u.name}</strong> <span class="hint-inline">({u.kind})</span>{" "}
          <span class="hint-inline">
            {w("life", {
              from: u.valid_from ? formatVietnamDate(u.valid_from) : w("always"),
              to: u.valid_to ? formatVietnamDate(u.valid_to) : w("now"),
            })}
          </span>
          <Tree w={w} units={units} parent={u.code} />
        </li>
      ))}
    </ul>
  );
}

function UnitSelect({
  a,
  units,
  empty,
}: {
  a: Parameters<Parameters<typeof Field>[0]["children"]>[0];
  units: UnitOn[];
  empty?: string;
}) {
  return (
    <select {...a} value={undefined}>
      {empty !== undefined && <option value="">{empty}</option>}
      {units.map((u) => (
        <option value={u.code} selected={a.value === u.code ? true : undefined}>
          {`${u.code} – ${u.name}`}
        </option>
      ))}
    </select>
  );
}

function Text({
  a,
  required,
  multiline,
}: {
  a: Parameters<Parameters<typeof Field>[0]["children"]>[0];
  required?: boolean;
  multiline?: boolean;
}) {
  if (multiline)
    return (
      <textarea {...a} value={undefined} required={required} rows={4}>
        {a.value ?? ""}
      </textarea>
    );
  return <input {...a} value={a.value ?? ""} type="text" required={required} autocomplete="off" />;
}

function countsText(w: Words<Key>, p: ImportPlan): string {
  return w("planCounts", {
    added: p.added.length,
    renamed: p.renamed.length,
    reparented: p.reparented.length,
    relevelled: p.relevelled.length,
    unchanged: p.unchanged.length,
  });
}

function PlanView({ w, plan, csv, date }: { w: Words<Key>; plan: ImportPlan; csv: string; date: string }) {
  const changes = plan.added.length + plan.renamed.length + plan.reparented.length + plan.relevelled.length;
  const table = (caption: string, rows: [string, string, string][]) =>
    rows.length ? (
      <TableRegion label={caption}>
        <table>
          <caption>{`${caption} (${rows.length})`}</caption>
          <thead>
            <tr>
              <th scope="col">{w("code")}</th>
              <th scope="col">{w("before")}</th>
              <th scope="col">{w("after")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([code, before, after]) => (
              <tr>
                <th scope="row" class="mono">
                  {code}
                </th>
                <td>{before}</td>
                <td>{after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    ) : (
      <></>
    );
  return (
    <section class="card" aria-labelledby="plan-title" id="import-plan">
      <h2 id="plan-title" tabindex={-1} data-focus>
        {w("planTitle", { day: formatVietnamDate(plan.date) })}
      </h2>
      <p class="counts">{countsText(w, plan)}</p>
      {changes === 0 && <p>{w("planNone")}</p>}
      {table(
        w("planAdded"),
        plan.added.map((a) => [a.code, "—", `${a.name} (${a.level})${a.parent ? ` ← ${a.parent}` : ""}`]),
      )}
      {table(
        w("planRenamed"),
        plan.renamed.map((r) => [r.code, r.from, r.to]),
      )}
      {table(
        w("planReparented"),
        plan.reparented.map((r) => [r.code, r.from ?? "—", r.to ?? "—"]),
      )}
      {table(
        w("planRelevelled"),
        plan.relevelled.map((r) => [r.code, r.from, r.to]),
      )}
      {changes > 0 && (
        <form method="post" action="/admin/units/import/apply" id="import-apply">
          <input type="hidden" name="csv" value={csv} />
          <input type="hidden" name="date" value={date} />
          <p class="hint">{w("applyAgain")}</p>
          <p class="actions">
            <button type="submit" class="primary">
              {w("apply")}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

interface View {
  done?: string;
  refusal?: Refusal;
  plan?: { plan: ImportPlan; csv: string; date: string };
  status?: 200 | 409 | 413 | 422;
}

async function render(c: Context<AppEnv>, view: View = {}) {
  const w = words(c);
  const asked = c.req.query("asOf") ?? "";
  const parsed = readDay(asked);
  const day = parsed ?? vietnamDay();
  const structure = await Structure.read(c.env.DB);
  const units = structure.unitsOn(day).sort((a, b) => a.code.localeCompare(b.code));
  // Late reports are for units whose life has ended: every unit ever recorded, by its newest name.
  const everyUnit = [...structure.units.values()]
    .map((u) => ({ ...u, name: structure.nameOn(u.code, u.valid_to ?? day) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const templates = await allTemplates(c.env.DB);
  const r = (form: string) => refusalFor(view.refusal, form);
  const asOfRefusal: Refusal | undefined =
    parsed === undefined
      ? {
          form: "asof",
          field: "asof-asOf",
          message: sharedWords(c)("dateInvalid", { label: w("asOf"), text: asked }),
          values: { asOf: asked },
        }
      : undefined;
  return adminPage(c, { title: w("title"), current: "units", status: view.status }, () => (
    <>
      <p class="lead">{w("intro")}</p>
      <Outcome c={c} done={view.done} refusal={view.refusal} />
      {view.plan && <PlanView w={w} plan={view.plan.plan} csv={view.plan.csv} date={view.plan.date} />}
      <form method="get" action="/admin/units" class="card" id="asof">
        <div class="fields">
          <DateField
            c={c}
            form="asof"
            name="asOf"
            label={w("asOf")}
            value={formatVietnamDate(day)}
            refusal={asOfRefusal}
          />
          <div>
            <button type="submit">{w("show")}</button>
          </div>
        </div>
      </form>
      <section aria-labelledby="tree-title" class="card">
        <h2 id="tree-title">{w("treeTitle", { day: formatVietnamDate(day), n: units.length })}</h2>
        {units.length ? <Tree w={w} units={units} parent={null} /> : <p>{w("treeEmpty")}</p>}
      </section>
      <div class="grid2">
        <FormCard id="add" title={w("addTitle")} action="/admin/units/add">
          <Field form="add" name="code" label={w("code")} refusal={r("add")}>
            {(a) => <Text a={a} required />}
          </Field>
          <Field form="add" name="name" label={w("name")} refusal={r("add")}>
            {(a) => <Text a={a} required />}
          </Field>
          <Field form="add" name="kind" label={w("level")} hint={w("levelHint")} refusal={r("add")}>
            {(a) => <Text a={a} required />}
          </Field>
          <Field form="add" name="parent" label={w("parent")} refusal={r("add")}>
            {(a) => <UnitSelect a={a} units={units} empty={w("noParent")} />}
          </Field>
          <DateField c={c} form="add" name="date" label={w("fromDate")} refusal={r("add")} />
          <p class="actions">
            <button type="submit" class="primary">
              {w("add")}
            </button>
          </p>
        </FormCard>
        <FormCard id="rename" title={w("renameTitle")} action="/admin/units/rename">
          <Field form="rename" name="unit" label={w("unit")} refusal={r("rename")}>
            {(a) => <UnitSelect a={a} units={units} />}
          </Field>
          <Field form="rename" name="name" label={w("newName")} refusal={r("rename")}>
            {(a) => <Text a={a} required />}
          </Field>
          <DateField c={c} form="rename" name="date" label={w("date")} refusal={r("rename")} required />
          <Field form="rename" name="note" label={w("note")} refusal={r("rename")}>
            {(a) => <Text a={a} />}
          </Field>
          <p class="actions">
            <button type="submit" class="primary">
              {w("rename")}
            </button>
          </p>
        </FormCard>
        <FormCard id="reparent" title={w("reparentTitle")} action="/admin/units/reparent">
          <Field form="reparent" name="unit" label={w("unit")} refusal={r("reparent")}>
            {(a) => <UnitSelect a={a} units={units} />}
          </Field>
          <Field form="reparent" name="parent" label={w("newParent")} refusal={r("reparent")}>
            {(a) => <UnitSelect a={a} units={units} empty={w("noParent")} />}
          </Field>
          <DateField c={c} form="reparent" name="date" label={w("date")} refusal={r("reparent")} required />
          <Field form="reparent" name="note" label={w("note")} refusal={r("reparent")}>
            {(a) => <Text a={a} />}
          </Field>
          <p class="actions">
            <button type="submit" class="primary">
              {w("reparent")}
            </button>
          </p>
        </FormCard>
        <FormCard id="close" title={w("closeTitle")} action="/admin/units/close" intro={w("closeHint")}>
          <Field form="close" name="unit" label={w("unit")} refusal={r("close")}>
            {(a) => <UnitSelect a={a} units={units} />}
          </Field>
          <DateField c={c} form="close" name="date" label={w("date")} refusal={r("close")} required />
          <Field form="close" name="note" label={w("note")} refusal={r("close")}>
            {(a) => <Text a={a} />}
          </Field>
          <p class="actions">
            <button type="submit" class="danger">
              {w("close")}
            </button>
          </p>
        </FormCard>
        <FormCard id="late" title={w("lateTitle")} action="/admin/units/late-reports" intro={w("lateHint")}>
          <Field form="late" name="unit" label={w("lateUnit")} refusal={r("late")}>
            {(a) => <UnitSelect a={a} units={everyUnit} />}
          </Field>
          <Field form="late" name="kind" label={`${w("template")} · ${w("reportKind")}`} refusal={r("late")}>
            {(a) => (
              <select {...a} value={undefined}>
                {templates.flatMap((t) =>
                  t.kinds.map((k) => (
                    <option value={`${t.id}|${k.id}`} selected={a.value === `${t.id}|${k.id}` ? true : undefined}>
                      {`${t.id} · ${kindLabel(t, k.id, langOf(c))}`}
                    </option>
                  )),
                )}
              </select>
            )}
          </Field>
          <DateField c={c} form="late" name="until" label={w("until")} refusal={r("late")} required />
          <Field form="late" name="reason" label={w("reason")} refusal={r("late")}>
            {(a) => <Text a={a} />}
          </Field>
          <p class="actions">
            <button type="submit" class="primary">
              {w("late")}
            </button>
          </p>
        </FormCard>
        <FormCard id="merge" title={w("mergeTitle")} action="/admin/units/merge" intro={w("mergeHint")}>
          <Field form="merge" name="units" label={w("mergeUnits")} refusal={r("merge")}>
            {(a) => <Text a={a} required />}
          </Field>
          <Field form="merge" name="into" label={w("intoCode")} refusal={r("merge")}>
            {(a) => <Text a={a} required />}
          </Field>
          <Field form="merge" name="name" label={w("intoName")} refusal={r("merge")}>
            {(a) => <Text a={a} />}
          </Field>
          <Field form="merge" name="kind" label={w("intoLevel")} refusal={r("merge")}>
            {(a) => <Text a={a} />}
          </Field>
          <DateField c={c} form="merge" name="date" label={w("date")} refusal={r("merge")} required />
          <Field form="merge" name="note" label={w("note")} refusal={r("merge")}>
            {(a) => <Text a={a} />}
          </Field>
          <p class="actions">
            <button type="submit" class="primary">
              {w("merge")}
            </button>
          </p>
        </FormCard>
        <FormCard id="split" title={w("splitTitle")} action="/admin/units/split" intro={w("splitHint")}>
          <Field form="split" name="unit" label={w("unit")} refusal={r("split")}>
            {(a) => <UnitSelect a={a} units={units} />}
          </Field>
          <Field form="split" name="into" label={w("splitInto")} refusal={r("split")}>
            {(a) => <Text a={a} required multiline />}
          </Field>
          <DateField c={c} form="split" name="date" label={w("date")} refusal={r("split")} required />
          <Field form="split" name="note" label={w("note")} refusal={r("split")}>
            {(a) => <Text a={a} />}
          </Field>
          <p class="actions">
            <button type="submit" class="primary">
              {w("split")}
            </button>
          </p>
        </FormCard>
      </div>
      <FormCard id="import" title={w("importTitle")} action="/admin/units/import" multipart intro={w("importHint")}>
        <Field form="import" name="file" label={w("importFile")} refusal={r("import")}>
          {(a) => <input {...a} value={undefined} type="file" required accept=".csv,text/csv" />}
        </Field>
        <DateField c={c} form="import" name="date" label={w("importDate")} refusal={r("import")} />
        <p class="actions">
          <button type="submit" class="primary">
            {w("preview")}
          </button>
        </p>
      </FormCard>
    </>
  ));
}

adminUnits.get("/", ...signedIn("admin"), (c) => {
  const done = c.req.query("done");
  const w = words(c);
  const params = { unit: c.req.query("unit") ?? "", date: formatVietnamDate(c.req.query("date") ?? "") };
  const known: Record<string, Key> = {
    add: "doneAdd",
    rename: "doneRename",
    close: "doneClose",
    reparent: "doneReparent",
    merge: "doneMerge",
    split: "doneSplit",
    late: "doneLate",
  };
  if (done === "import") return render(c, { done: w("doneImport", { counts: c.req.query("counts") ?? "" }) });
  return render(c, { done: done && known[done] ? w(known[done], params) : undefined });
});

/** The field a service refusal is about, by its code, in each form. */
const FIELD_OF: Record<string, Record<string, string>> = {
  add: { UNIT_EXISTS: "code", UNIT_PARENT_UNKNOWN: "parent", UNIT_PARENT_CYCLE: "parent", UNIT_NOT_IN_FORCE: "parent" },
  rename: { UNIT_UNKNOWN: "unit", UNIT_NOT_IN_FORCE: "date", UNIT_CHANGE_OUT_OF_ORDER: "date" },
  close: { UNIT_UNKNOWN: "unit", UNIT_NOT_IN_FORCE: "date", UNIT_CHANGE_OUT_OF_ORDER: "date" },
  late: { UNIT_UNKNOWN: "unit", TEMPLATE_NOT_FOUND: "kind", KIND_UNKNOWN: "kind" },
  reparent: {
    UNIT_UNKNOWN: "unit",
    UNIT_NOT_IN_FORCE: "date",
    UNIT_CHANGE_OUT_OF_ORDER: "date",
    UNIT_PARENT_UNKNOWN: "parent",
    UNIT_PARENT_CYCLE: "parent",
  },
  merge: {
    UNIT_UNKNOWN: "units",
    UNIT_NOT_IN_FORCE: "date",
    UNIT_CHANGE_OUT_OF_ORDER: "date",
    UNIT_EXISTS: "into",
    UNIT_SUCCESSION_INVALID: "units",
    UNIT_PARENT_UNKNOWN: "into",
  },
  split: {
    UNIT_UNKNOWN: "into",
    UNIT_NOT_IN_FORCE: "date",
    UNIT_CHANGE_OUT_OF_ORDER: "date",
    UNIT_EXISTS: "into",
    UNIT_SUCCESSION_INVALID: "into",
  },
  import: { UNITS_CSV_MALFORMED: "file", PAYLOAD_TOO_LARGE: "file" },
};

/** Runs a form's action: a refusal renders the page again (422) with the field named, success redirects. */
async function handle(c: Context<AppEnv>, form: string, act: (values: Record<string, string>) => Promise<string>) {
  let values: Record<string, string> = {};
  try {
    values = (await formValues(c)).values;
    const href = await act(values);
    return c.redirect(href, 303);
  } catch (err) {
    if (err instanceof FormRefused) return render(c, { refusal: err.refusal, status: 422 });
    const refusal = refusalOf(err, langOf(c), form, values, (code) => {
      const f = FIELD_OF[form]?.[code];
      return f ? `${form}-${f}` : undefined;
    });
    return render(c, { refusal, status: 422 });
  }
}

function done(kind: string, unit: string, date: string | null) {
  return doneHref("/admin/units", { done: kind, unit, ...(date ? { date, asOf: date } : {}) });
}

adminUnits.post("/add", ...signedIn("admin"), (c) =>
  handle(c, "add", async (v) => {
    const w = words(c);
    const code = requireText(c, "add", "code", w("code"), v);
    const name = requireText(c, "add", "name", w("name"), v);
    const kind = requireText(c, "add", "kind", w("level"), v);
    const from = requireDay(c, "add", "date", w("fromDate"), v, true);
    await addUnit(c.env.DB, c.get("principal"), { code, name, kind, parent: v.parent || null, from });
    return done("add", code, from);
  }),
);

for (const kind of ["rename", "close", "reparent"] as const) {
  adminUnits.post(`/${kind}`, ...signedIn("admin"), (c) =>
    handle(c, kind, async (v) => {
      const w = words(c);
      const unit = requireText(c, kind, "unit", w("unit"), v);
      const name = kind === "rename" ? requireText(c, kind, "name", w("newName"), v) : "";
      const date = requireDay(c, kind, "date", w("date"), v)!;
      const note = v.note || undefined;
      const t: Transition =
        kind === "rename"
          ? { kind, unit, name, date, note }
          : kind === "close"
            ? { kind, unit, date, note }
            : { kind, unit, parent: v.parent || null, date, note };
      await applyTransition(c.env.DB, c.get("principal"), t);
      return done(kind, unit, date);
    }),
  );
}

const codes = (text: string) =>
  text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

adminUnits.post("/late-reports", ...signedIn("admin"), (c) =>
  handle(c, "late", async (v) => {
    const w = words(c);
    const unit = requireText(c, "late", "unit", w("lateUnit"), v);
    const [templateId, kindId] = requireText(c, "late", "kind", w("reportKind"), v).split("|");
    const until = requireDay(c, "late", "until", w("until"), v)!;
    const reason = requireText(c, "late", "reason", w("reason"), v);
    if (!(await Structure.read(c.env.DB)).units.has(unit)) throw catalogueError(404, "UNIT_UNKNOWN", { unit });
    const template = await requireTemplate(c.env.DB, templateId);
    const kind = requireKind(template, kindId);
    await allowLateReports(c.env.DB, c.get("principal"), { unit, template: template.id, kind, until, reason });
    return done("late", unit, null);
  }),
);

adminUnits.post("/merge", ...signedIn("admin"), (c) =>
  handle(c, "merge", async (v) => {
    const w = words(c);
    const units = codes(requireText(c, "merge", "units", w("mergeUnits"), v));
    const code = requireText(c, "merge", "into", w("intoCode"), v);
    const date = requireDay(c, "merge", "date", w("date"), v)!;
    const into = v.name ? { code, name: v.name, kind: v.kind || undefined } : { code };
    await applyTransition(c.env.DB, c.get("principal"), {
      kind: "merge",
      units,
      into,
      date,
      note: v.note || undefined,
    });
    return done("merge", `${units.join(", ")} → ${code}`, date);
  }),
);

adminUnits.post("/split", ...signedIn("admin"), (c) =>
  handle(c, "split", async (v) => {
    const w = words(c);
    const unit = requireText(c, "split", "unit", w("unit"), v);
    const lines = requireText(c, "split", "into", w("splitInto"), v)
      .split(/\r?\n/)
      .map((l) => l.split(";").map((s) => s.trim()))
      .filter((p) => p[0]);
    if (lines.length < 2)
      throw new FormRefused({ form: "split", field: "split-into", message: w("noSplit"), values: v });
    const into = lines.map(([code, name, kind]) => (name ? { code, name, kind: kind || undefined } : { code }));
    const date = requireDay(c, "split", "date", w("date"), v)!;
    await applyTransition(c.env.DB, c.get("principal"), { kind: "split", unit, into, date, note: v.note || undefined });
    return done("split", unit, date);
  }),
);

const limit = bodyLimit({
  maxSize: MAX_CSV_BYTES * 3,
  onError: () => {
    throw tooLarge(MAX_CSV_BYTES);
  },
});

/** The CSV's text: UTF-8 only (a file saved in another encoding is refused, naming the fix). */
async function csvText(file: File): Promise<string> {
  if (file.size > MAX_CSV_BYTES) throw tooLarge(MAX_CSV_BYTES);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw catalogueError(422, "UNITS_CSV_MALFORMED", {
      line: 1,
      column: "–",
      problem: "tệp không phải UTF-8 (hãy lưu lại dưới dạng CSV UTF-8)",
      problemEn: "the file is not UTF-8 (save it again as CSV UTF-8)",
    });
  }
}

async function importStep(c: Context<AppEnv>, apply: boolean) {
  const w = words(c);
  let values: Record<string, string> = {};
  try {
    const body = await formValues(c);
    values = body.values;
    const date = requireDay(c, "import", "date", w("importDate"), values, true) ?? undefined;
    let csv: string;
    if (apply) csv = values.csv ?? "";
    else {
      const file = body.files.file;
      if (!file || file.size === 0)
        throw new FormRefused({
          form: "import",
          field: "import-file",
          message: w("fileMissing", { label: w("importFile") }),
          values,
        });
      csv = await csvText(file);
    }
    const who = c.get("principal");
    const plan = await importUnits(c.env.DB, who, csv, { dryRun: !apply, date });
    if (!apply) return render(c, { plan: { plan, csv, date: date ? formatVietnamDate(date) : "" } });
    return c.redirect(doneHref("/admin/units", { done: "import", counts: countsText(w, plan), asOf: plan.date }), 303);
  } catch (err) {
    if (err instanceof FormRefused) return render(c, { refusal: err.refusal, status: 422 });
    if (err instanceof ApiError && err.status === 413)
      return render(c, { refusal: refusalOf(err, langOf(c), "import", values, () => "import-file"), status: 413 });
    const refusal = refusalOf(err, langOf(c), "import", values, (code) =>
      FIELD_OF.import[code] ? `import-${FIELD_OF.import[code]}` : undefined,
    );
    return render(c, { refusal, status: 422 });
  }
}

adminUnits.post("/import", ...signedIn("admin"), limit, (c) => importStep(c, false));
adminUnits.post("/import/apply", ...signedIn("admin"), limit, (c) => importStep(c, true));
