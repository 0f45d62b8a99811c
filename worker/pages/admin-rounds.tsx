// The administrator's reporting rounds page (issue 17, points 3 and 4): per template, report kind
// and period a deadline (typed day first), an optional opening day and the expected units (the
// template's list unless the round names its own); and each template's list of expected units.
import { type Context, Hono } from "hono";
import { formatVietnamDate, kindLabel, lookup, periodLabel, type Template } from "../../domain";
import { now } from "../clock";
import { listRounds } from "../db/rounds";
import { expectedUnits } from "../db/units";
import type { AppEnv } from "../env";
import { setExpected, setRound } from "../services/admin-rounds";
import { allTemplates, resolveTemplate } from "../services/templates";
import {
  adminPage,
  DateField,
  doneHref,
  Field,
  FormCard,
  FormRefused,
  formValues,
  Outcome,
  type Refusal,
  refusalFor,
  refusalOf,
  requireDay,
  requireText,
  wordsOf,
} from "./admin-shared";
import { TableRegion } from "./components";
import { pageError, signedIn } from "./guard";
import { langOf } from "./i18n";

export const adminRounds = new Hono<AppEnv>();
adminRounds.onError(pageError);

const WORDS = {
  vi: {
    title: "Kỳ báo cáo",
    intro:
      "Mỗi kỳ báo cáo là một loại báo cáo của một mẫu biểu cho một kỳ, có hạn nộp (hết ngày, giờ Việt Nam) và danh sách đơn vị phải nộp. Trang Tổng hợp và bảng tình hình nộp tính đúng hạn, trễ hạn, quá hạn theo đây.",
    listTitle: "Các kỳ đã đặt ({n})",
    listEmpty: "Chưa đặt kỳ báo cáo nào.",
    template: "Mẫu biểu",
    kind: "Loại báo cáo",
    period: "Kỳ",
    deadline: "Hạn nộp",
    opens: "Mở kỳ từ ngày (tùy chọn)",
    opensShort: "Mở kỳ",
    units: "Đơn vị phải nộp",
    unitsHint: "Mã đơn vị cách nhau bằng dấu phẩy. Để trống: danh sách đơn vị phải báo cáo của mẫu biểu.",
    defaultUnits: "theo mẫu biểu ({n})",
    setTitle: "Đặt hoặc sửa một kỳ",
    setHint: "Đặt lại một kỳ đã có (cùng mẫu biểu, loại và kỳ) sẽ thay hạn nộp và danh sách đơn vị của kỳ đó.",
    set: "Lưu kỳ báo cáo",
    expectedTitle: "Đơn vị phải báo cáo theo mẫu biểu",
    expectedHint: "Danh sách mặc định cho mọi kỳ của mẫu biểu. Mã đơn vị cách nhau bằng dấu phẩy.",
    expectedNow: "Hiện tại: {units}",
    expectedNone: "chưa có",
    setExpected: "Lưu danh sách",
    doneRound: "Đã lưu kỳ báo cáo: {kind}, {period} của mẫu biểu {template}, hạn nộp {deadline}.",
    doneExpected: "Đã lưu danh sách đơn vị phải báo cáo mẫu biểu {template} ({n} đơn vị).",
  },
  en: {
    title: "Reporting rounds",
    intro:
      "A reporting round is one report kind of a template for one period, with a deadline (the end of that day, Vietnam time) and the units that must report. The dashboard and the status board count on time, late and overdue from these.",
    listTitle: "Rounds set ({n})",
    listEmpty: "No reporting round has been set.",
    template: "Template",
    kind: "Report kind",
    period: "Period",
    deadline: "Deadline",
    opens: "Opens on (optional)",
    opensShort: "Opens",
    units: "Units that must report",
    unitsHint: "Unit codes separated by commas. Empty: the template's list of expected units.",
    defaultUnits: "the template's ({n})",
    setTitle: "Set or change a round",
    setHint: "Setting a round again (same template, kind and period) replaces its deadline and units.",
    set: "Store the round",
    expectedTitle: "Units expected to report, per template",
    expectedHint: "The default list for every round of the template. Unit codes separated by commas.",
    expectedNow: "Now: {units}",
    expectedNone: "none yet",
    setExpected: "Store the list",
    doneRound: "Stored the round: {kind}, {period} of template {template}, due {deadline}.",
    doneExpected: "Stored the units expected to report on {template} ({n} units).",
  },
};
type Key = keyof (typeof WORDS)["vi"];
const words = wordsOf<Key>(WORDS);

const codes = (text: string | undefined) =>
  (text ?? "")
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

interface View {
  done?: string;
  refusal?: Refusal;
  status?: 200 | 404 | 422;
}

async function render(c: Context<AppEnv>, view: View = {}) {
  const w = words(c);
  const lang = langOf(c);
  const templates = await allTemplates(c.env.DB);
  const rounds = await listRounds(c.env.DB);
  const expected = new Map<string, string[]>();
  for (const t of templates) expected.set(t.id, await expectedUnits(c.env.DB, t.id));
  const byId = new Map(templates.map((t) => [t.id, t]));
  const r = refusalFor(view.refusal, "round");
  const e = refusalFor(view.refusal, "expected");
  const caption = w("listTitle", { n: rounds.length });
  const templateOptions = (selected: string | undefined) =>
    templates.map((t: Template) => (
      <option value={t.id} selected={selected === t.id ? true : undefined}>
        {`${t.id} – ${t.name}`}
      </option>
    ));
  return adminPage(c, { title: w("title"), current: "rounds", status: view.status }, (t) => (
    <>
      <p class="lead">{w("intro")}</p>
      <Outcome c={c} done={view.done} refusal={view.refusal} />
      <section aria-labelledby="rounds-title">
        <h2 id="rounds-title">{caption}</h2>
        {rounds.length ? (
          <TableRegion label={caption}>
            <table class="stack" id="rounds">
              <thead>
                <tr>
                  <th scope="col">{w("template")}</th>
                  <th scope="col">{w("kind")}</th>
                  <th scope="col">{w("period")}</th>
                  <th scope="col">{w("deadline")}</th>
                  <th scope="col">{w("opensShort")}</th>
                  <th scope="col">{w("units")}</th>
                </tr>
              </thead>
              <tbody>
                {rounds.map((round) => {
                  const tpl = byId.get(round.template);
                  return (
                    <tr data-round={`${round.template}/${round.kind}/${round.period}`}>
                      <td data-label={w("template")} class="mono">
                        {round.template}
                      </td>
                      <td data-label={w("kind")}>{tpl ? kindLabel(tpl, round.kind, lang) : round.kind}</td>
                      <td data-label={w("period")}>{tpl ? periodLabel(tpl, round.period, lang) : round.period}</td>
                      <td data-label={w("deadline")}>{formatVietnamDate(round.deadline)}</td>
                      <td data-label={w("opensShort")}>{round.opens ? formatVietnamDate(round.opens) : t("none")}</td>
                      <td data-label={w("units")}>
                        {round.defaultUnits
                          ? w("defaultUnits", { n: round.units.length })
                          : round.units.join(", ") || t("none")}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
        ) : (
          <p>{w("listEmpty")}</p>
        )}
      </section>
      <div class="grid2">
        <FormCard id="round" title={w("setTitle")} action="/admin/rounds" intro={w("setHint")}>
          <Field form="round" name="template" label={w("template")} refusal={r}>
            {(a) => (
              <select {...a} value={undefined}>
                {templateOptions(a.value)}
              </select>
            )}
          </Field>
          <Field form="round" name="kind" label={w("kind")} refusal={r}>
            {(a) => (
              <select {...a} value={undefined}>
                {templates.map((tpl) => (
                  <optgroup label={tpl.id}>
                    {tpl.kinds.map((k) => (
                      <option value={k.id} selected={a.value === k.id ? true : undefined}>
                        {kindLabel(tpl, k.id, lang)}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field form="round" name="period" label={w("period")} refusal={r}>
            {(a) => (
              <select {...a} value={undefined}>
                {templates.map((tpl) => (
                  <optgroup label={tpl.id}>
                    {lookup(tpl).years.map((p) => (
                      <option value={p.id} selected={a.value === p.id ? true : undefined}>
                        {periodLabel(tpl, p.id, lang)}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <DateField c={c} form="round" name="deadline" label={w("deadline")} refusal={r} required />
          <DateField c={c} form="round" name="opens" label={w("opens")} refusal={r} />
          <Field form="round" name="units" label={w("units")} hint={w("unitsHint")} refusal={r}>
            {(a) => <input {...a} value={a.value ?? ""} type="text" autocomplete="off" />}
          </Field>
          <p class="actions">
            <button type="submit" class="primary">
              {w("set")}
            </button>
          </p>
        </FormCard>
        <FormCard id="expected" title={w("expectedTitle")} action="/admin/rounds/expected" intro={w("expectedHint")}>
          <ul>
            {templates.map((tpl) => (
              <li>
                <span class="mono">{tpl.id}</span>:{" "}
                {w("expectedNow", { units: expected.get(tpl.id)?.join(", ") || w("expectedNone") })}
              </li>
            ))}
          </ul>
          <Field form="expected" name="template" label={w("template")} refusal={e}>
            {(a) => (
              <select {...a} value={undefined}>
                {templateOptions(a.value)}
              </select>
            )}
          </Field>
          <Field form="expected" name="units" label={w("units")} refusal={e}>
            {(a) => <input {...a} value={a.value ?? ""} type="text" autocomplete="off" />}
          </Field>
          <p class="actions">
            <button type="submit" class="primary">
              {w("setExpected")}
            </button>
          </p>
        </FormCard>
      </div>
    </>
  ));
}

adminRounds.get("/", ...signedIn("admin"), async (c) => {
  const w = words(c);
  const q = c.req.query();
  const lang = langOf(c);
  const tpl = q.template ? await resolveTemplate(c.env.DB, q.template) : undefined;
  const done =
    q.done === "round"
      ? w("doneRound", {
          period: tpl ? periodLabel(tpl, q.period ?? "", lang) : (q.period ?? ""),
          kind: tpl ? kindLabel(tpl, q.kind ?? "", lang) : (q.kind ?? ""),
          template: q.template ?? "",
          deadline: formatVietnamDate(q.deadline ?? ""),
        })
      : q.done === "expected"
        ? w("doneExpected", { template: q.template ?? "", n: q.n ?? "" })
        : undefined;
  return render(c, { done });
});

const ROUND_FIELD: Record<string, string> = {
  TEMPLATE_NOT_FOUND: "round-template",
  KIND_UNKNOWN: "round-kind",
  ROUND_PERIOD_UNKNOWN: "round-period",
  ROUND_OPENS_AFTER_DEADLINE: "round-opens",
  UNIT_UNKNOWN: "round-units",
};

adminRounds.post("/", ...signedIn("admin"), async (c) => {
  const w = words(c);
  let values: Record<string, string> = {};
  try {
    values = (await formValues(c)).values;
    const template = requireText(c, "round", "template", w("template"), values);
    const kind = requireText(c, "round", "kind", w("kind"), values);
    const period = requireText(c, "round", "period", w("period"), values);
    const deadline = requireDay(c, "round", "deadline", w("deadline"), values)!;
    const opens = requireDay(c, "round", "opens", w("opens"), values, true);
    const units = codes(values.units);
    const round = { template, kind, period, deadline, opens, units: units.length ? units : null };
    await setRound(c.env.DB, c.get("principal"), round, now(c.env).toISOString());
    return c.redirect(doneHref("/admin/rounds", { done: "round", template, kind, period, deadline }), 303);
  } catch (err) {
    if (err instanceof FormRefused) return render(c, { refusal: err.refusal, status: 422 });
    return render(c, { refusal: refusalOf(err, langOf(c), "round", values, (code) => ROUND_FIELD[code]), status: 422 });
  }
});

adminRounds.post("/expected", ...signedIn("admin"), async (c) => {
  const w = words(c);
  let values: Record<string, string> = {};
  try {
    values = (await formValues(c)).values;
    const template = requireText(c, "expected", "template", w("template"), values);
    const units = await setExpected(c.env.DB, c.get("principal"), template, codes(values.units));
    return c.redirect(doneHref("/admin/rounds", { done: "expected", template, n: String(units.length) }), 303);
  } catch (err) {
    if (err instanceof FormRefused) return render(c, { refusal: err.refusal, status: 422 });
    const field = (code: string) => (code === "UNIT_UNKNOWN" ? "expected-units" : "expected-template");
    return render(c, { refusal: refusalOf(err, langOf(c), "expected", values, field), status: 422 });
  }
});
