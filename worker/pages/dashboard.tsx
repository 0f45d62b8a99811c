// The leadership dashboard: consolidated totals in the printed layout with % of the province
// plan, charts of plan against submitted (per item) and plan against execution (per unit),
// the status board of expected units as of the chosen day, a day-first "as of" field, the
// three downloads, publishing (reviewers, with a confirmation step) and the published
// reports, each readable as its printed form with its workbook.
import { type Context, Hono } from "hono";
import {
  type Basis,
  BASES,
  type Figures,
  figuresFromTree,
  formatMoneyVi,
  getFigure,
  parseVietnamDate,
  planFigures,
  type Round,
  type Template,
  type Timeliness,
  TOTAL_ROW,
  totalPeriodId,
  word,
  itemRows,
} from "../../domain";
import { listPublished } from "../db/published";
import { snapshotsAsOf } from "../db/snapshots";
import { parseSubmission } from "../db/stored";
import { listUnits, type UnitRow } from "../db/units";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { normaliseAsOf } from "../schemas";
import { type ConsolidatedReport, consolidateWithLayout } from "../services/consolidate";
import { xlsxHeaders } from "../services/export";
import { publish, publishedWorkbook, readPublished } from "../services/publish";
import { statusBoard } from "../services/status";
import { allTemplates } from "../services/templates";
import { BarChart, type ChartGroup } from "./chart";
import { Badge, type Status, TableRegion, TimelinessBadge } from "./components";
import { checkCode, formatVietnamDate, formatVietnamTime, kindLabel, moneyUnitLabel } from "./format";
import { PageForbidden, PageRedirect, pageError, signedIn } from "./guard";
import { langOf, type MessageKey, type Translate } from "./i18n";
import { page } from "./layout";
import { PrintedTable } from "./printed-table";

export const dashboard = new Hono<AppEnv>();
dashboard.onError(pageError);

interface StatusRow {
  unit: string;
  name: string;
  version: number | null;
  status: Status;
  submittedAt: string | null;
  reviewComment: string | null;
  /** The version the totals of the same basis and day count (a returned one is not). */
  counted: number | null;
  /** The round's deadline and this unit's timeliness (issue 17); null without a round. */
  deadline: string | null;
  timeliness: Timeliness | null;
}

interface Choice {
  template: Template;
  kind: string;
  basis: Basis;
  /** YYYY-MM-DD (the end of that day in Vietnam time), or "" for now. */
  asOf: string;
  /** What the "as of" field shows: the day first, or what was typed when it is no date. */
  asOfText: string;
  asOfError?: MessageKey;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The figures asked for. The "as of" field takes a day first (30/11/2026) and the address keeps
 * it as YYYY-MM-DD: a typed day is answered with a redirect to that address.
 */
async function choice(c: Context<AppEnv>): Promise<Choice> {
  const templates = await allTemplates(c.env.DB);
  const q = c.req.query();
  const template = templates.find((t) => t.id === q.template) ?? templates[0];
  const kind = template.kinds.some((k) => k.id === q.kind) ? q.kind : template.kinds[0].id;
  const basis: Basis = BASES.find((b) => b === q.basis) ?? "latest";
  const typed = (q.asOf ?? "").trim();
  const base = { template, kind, basis };
  if (!typed) return { ...base, asOf: "", asOfText: "" };
  const iso = ISO_DAY.test(typed) ? typed : parseVietnamDate(typed);
  if (iso && !ISO_DAY.test(typed)) {
    const url = new URL(c.req.url);
    url.searchParams.set("asOf", iso);
    throw new PageRedirect(`${url.pathname}${url.search}`);
  }
  if (!iso || parseVietnamDate(formatVietnamDate(iso)) !== iso)
    return { ...base, asOf: "", asOfText: typed, asOfError: "asOfInvalid" };
  try {
    normaliseAsOf(iso);
  } catch (err) {
    if (err instanceof ApiError) return { ...base, asOf: "", asOfText: formatVietnamDate(iso), asOfError: "asOfRange" };
    throw err;
  }
  return { ...base, asOf: iso, asOfText: formatVietnamDate(iso) };
}

/** The query of a choice, for links (downloads, publishing, back). */
function queryOf(ch: Choice): URLSearchParams {
  return new URLSearchParams({
    template: ch.template.id,
    kind: ch.kind,
    basis: ch.basis,
    ...(ch.asOf ? { asOf: ch.asOf } : {}),
  });
}

/** The not-submitted list of the board shown: its template, kind, moment and round. */
function notSubmittedQuery(ch: Choice, round: Round | null): URLSearchParams {
  const q = queryOf(ch);
  q.delete("basis");
  if (round) q.set("period", round.period);
  return q;
}

/** Bar colours of the per-unit chart, one per report kind (app.css). */
const KIND_BARS = ["bar-done", "bar-exec", "bar-plan"];

/** Phase funding of one item (or the total row), its money sources together (a computed "Tổng số" is their sum). */
function money(template: Template, f: Figures | undefined, appendix: string, item: string): number | undefined {
  if (!f) return undefined;
  const phase = totalPeriodId(template);
  const parts = template.measures
    .filter((m) => m.kind === "money" && !m.sumOf)
    .map((m) => getFigure(f, appendix, item, m.id, phase));
  return parts.every((v) => v === undefined) ? undefined : parts.reduce<number>((s, v) => s + (v ?? 0), 0);
}

function unitTotals(template: Template, rows: { unit: string; canonical: string }[]): Map<string, number | undefined> {
  const out = new Map<string, number | undefined>();
  for (const r of rows) {
    const f = figuresFromTree(template, parseSubmission(r.canonical).appendices);
    const perAppendix = template.appendices.map((a) => money(template, f, a.id, TOTAL_ROW));
    out.set(
      r.unit,
      perAppendix.every((v) => v === undefined) ? undefined : perAppendix.reduce<number>((s, v) => s + (v ?? 0), 0),
    );
  }
  return out;
}

/** A returned version consolidation passed over, and the version it counts instead (null: none). */
interface ReturnedNote {
  unit: string;
  version: number;
  used: number | null;
}

/**
 * The units whose newest version was returned, from the consolidation's answer (decision 0017):
 * `passedOver` lists the returned versions newer than the one counted, newest first per unit.
 */
function returnedNotes(report: ConsolidatedReport): ReturnedNote[] {
  const newest = new Map<string, ReturnedNote>();
  for (const p of report.passedOver ?? [])
    if ((newest.get(p.unit)?.version ?? 0) < p.version)
      newest.set(p.unit, { unit: p.unit, version: p.version, used: p.usedVersion });
  return [...newest.values()];
}

function Picker({ t, c, ch }: { t: Translate; c: Context<AppEnv>; ch: Choice }) {
  const lang = langOf(c);
  const described = ch.asOfError ? "asOf-error asOf-hint" : "asOf-hint";
  return (
    <form method="get" action="/dashboard" class="card" aria-labelledby="picker-title" novalidate>
      <h2 id="picker-title" class="visually-hidden">
        {t("pickerTitle")}
      </h2>
      <input type="hidden" name="template" value={ch.template.id} />
      <div class="fields">
        <div>
          <label for="kind">{t("kindLabel")}</label>
          <select id="kind" name="kind">
            {ch.template.kinds.map((k) => (
              <option value={k.id} selected={k.id === ch.kind}>
                {kindLabel(ch.template, k.id, lang)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="basis">{t("basis")}</label>
          <select id="basis" name="basis">
            {BASES.map((b) => (
              <option value={b} selected={b === ch.basis}>
                {t(`basis.${b}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="date-field">
          <label for="asOf">{t("asOf")}</label>
          <input
            id="asOf"
            name="asOf"
            type="text"
            inputmode="numeric"
            autocomplete="off"
            placeholder={t("asOfPlaceholder")}
            size={12}
            maxlength={20}
            value={ch.asOfText}
            aria-describedby={described}
            aria-invalid={ch.asOfError ? "true" : undefined}
            autofocus={ch.asOfError ? true : undefined}
          />
        </div>
        <div>
          <button type="submit" class="primary">
            {t("show")}
          </button>
        </div>
      </div>
      {ch.asOfError && (
        <p class="field-error" id="asOf-error">
          {t(ch.asOfError, { text: ch.asOfText })}
        </p>
      )}
      <p class="hint" id="asOf-hint">
        {t("asOfHint")}
      </p>
    </form>
  );
}

function StatusBoard({ t, rows, round, csv }: { t: Translate; rows: StatusRow[]; round: Round | null; csv: string }) {
  const count = (s: Status) => rows.filter((r) => r.status === s).length;
  const late = (s: Timeliness) => rows.filter((r) => r.timeliness === s).length;
  // The deadline and timeliness columns only where the kind has a reporting round (issue 17).
  const columns = [
    "unit",
    "status",
    ...(round ? (["deadline", "timeliness"] as const) : []),
    "version",
    "submittedAt",
    "reviewComment",
    "counted",
  ] as const;
  return (
    <>
      <p class="counts" id="status-counts">
        {t("statusCounts", {
          approved: count("approved"),
          submitted: count("submitted"),
          returned: count("returned"),
          missing: count("missing"),
        })}
      </p>
      <p id="status-round">
        {round ? t("roundLine", { period: round.period, deadline: formatVietnamDate(round.deadline) }) : t("noRound")}
      </p>
      {round && (
        <p class="counts" id="timeliness-counts">
          {t("timelinessCounts", {
            on_time: late("on_time"),
            late: late("late"),
            not_due: late("not_due"),
            overdue: late("overdue"),
          })}
        </p>
      )}
      <p>
        <a class="button" id="download-not-submitted" href={csv}>
          {t("notSubmittedCsv")}
        </a>
      </p>
      <TableRegion label={t("statusTitle")}>
        <table class="stack" id="status-board">
          <thead>
            <tr>
              {columns.map((k) => (
                <th scope="col">{t(k)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-unit={r.unit}>
                <td data-label={t("unit")}>{r.name}</td>
                <td data-label={t("status")}>
                  <Badge t={t} status={r.status} />
                </td>
                {round && (
                  <>
                    <td data-label={t("deadline")}>{r.deadline ? formatVietnamDate(r.deadline) : t("none")}</td>
                    <td data-label={t("timeliness")}>
                      <TimelinessBadge t={t} timeliness={r.timeliness} />
                    </td>
                  </>
                )}
                <td data-label={t("version")} class="num">
                  {r.version ?? t("none")}
                </td>
                <td data-label={t("submittedAt")}>{formatVietnamTime(r.submittedAt) || t("none")}</td>
                <td data-label={t("reviewComment")} class="comment">
                  {r.reviewComment || t("none")}
                </td>
                <td data-label={t("counted")} class="num">
                  {r.counted ?? t("none")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

const DOWNLOADS = [
  { id: "download-xlsx", format: "xlsx", label: "xlsx", hint: "xlsxHint" },
  { id: "download-csv-vi", format: "csv-vi", label: "csvVi", hint: "csvViHint" },
  { id: "download-csv", format: "csv", label: "csv", hint: "csvHint" },
] as const;

function Downloads({ t, query }: { t: Translate; query: URLSearchParams }) {
  return (
    <ul class="downloads" id="downloads">
      {DOWNLOADS.map((d) => (
        <li>
          <a
            class={d.format === "xlsx" ? "button primary" : "button"}
            id={d.id}
            href={`/api/consolidated?${query}&format=${d.format}`}
            aria-describedby={`${d.id}-hint`}
          >
            {t(d.label)}
          </a>
          <span class="hint" id={`${d.id}-hint`}>
            {t(d.hint)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The names of units, by code (a code only for a unit no longer listed). */
function namer(units: UnitRow[]): (code: string) => string {
  const names = new Map(units.map((u) => [u.code, u.name]));
  return (code) => names.get(code) ?? code;
}

function Included({ t, report, name }: { t: Translate; report: ConsolidatedReport; name: (u: string) => string }) {
  if (!report.units.length) return null;
  return (
    <p class="hint" id="included">
      {t("summaryUnits")}:{" "}
      {report.units.map((u) => t("unitVersion", { unit: name(u.unit), version: u.version })).join(", ")}.
    </p>
  );
}

function ReturnedNotes({ t, notes, name }: { t: Translate; notes: ReturnedNote[]; name: (u: string) => string }) {
  if (!notes.length) return null;
  return (
    <div class="notice info" id="returned-notes">
      <h2 class="small">{t("returnedNotesTitle")}</h2>
      <ul>
        {notes.map((n) => (
          <li data-unit={n.unit}>
            {n.used === null
              ? t("returnedNothing", { unit: name(n.unit), version: n.version })
              : t("returnedUsing", { unit: name(n.unit), version: n.version, used: n.used })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Publishing: a button to the confirmation for a reviewer; who publishes, for a leader. */
function Publish({ t, c, ch }: { t: Translate; c: Context<AppEnv>; ch: Choice }) {
  const role = c.get("principal").role;
  if (role === "leader") return <p id="publish-who">{t("publishWho")}</p>;
  return (
    <form method="get" action="/dashboard/publish" id="publish">
      <p>{t("publishText")}</p>
      {[...queryOf(ch)].map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit">{t("publishButton")}</button>
    </form>
  );
}

dashboard.get("/", ...signedIn("leader", "reviewer"), async (c) => {
  const ch = await choice(c);
  const { template, kind, basis } = ch;
  const lang = langOf(c);
  if (ch.asOfError) {
    return page(c, { title: (t) => t("dashboardTitle"), section: "dashboard", status: 400 }, (t) => (
      <>
        <Picker t={t} c={c} ch={ch} />
        <p>{t("asOfFix")}</p>
      </>
    ));
  }
  const asOf = normaliseAsOf(ch.asOf || undefined);
  const [consolidation, units, byKind, published, status] = await Promise.all([
    consolidateWithLayout(c.env.DB, template, kind, basis, asOf),
    listUnits(c.env.DB),
    Promise.all(template.kinds.map((k) => snapshotsAsOf(c.env.DB, template.id, k.id, basis, asOf))),
    listPublished(c.env.DB, template.id),
    statusBoard(c.env.DB, c.get("principal"), template, kind, { basis, asOf }),
  ]);
  // Totals are printed with the template version of the snapshots they add up (decision 0012).
  const { report, template: layout } = consolidation;
  const figures = figuresFromTree(layout, report.appendices);
  const plan = planFigures(layout);
  const fmt = (v: number) => formatMoneyVi(v, layout.money);
  const name = namer(units);
  const kindText = kindLabel(template, kind, lang);
  const itemGroups: ChartGroup[] = layout.appendices.flatMap((a) =>
    itemRows(a).map(({ item: i }) => ({
      label: `${a.id} · ${i.stt} ${i.label}`,
      values: [money(layout, plan, a.id, i.id), money(layout, figures, a.id, i.id)],
    })),
  );
  // One series per report kind the template declares, in its order.
  const totalsByKind = byKind.map((rows) => unitTotals(template, rows));
  const unitCodes = [...new Set(totalsByKind.flatMap((m) => [...m.keys()]))].sort();
  const unitGroups: ChartGroup[] = unitCodes.map((u) => ({
    label: name(u),
    values: totalsByKind.map((m) => m.get(u)),
  }));
  const kindSeries = template.kinds.map((k, i) => ({
    label: kindLabel(template, k.id, lang),
    className: KIND_BARS[i % KIND_BARS.length],
  }));
  const sources = template.measures
    .filter((m) => m.kind === "money" && !m.sumOf)
    .map((m) => m.short ?? m.label)
    .join(" + ");
  const moneyUnit = moneyUnitLabel(template, lang);
  const asOfText = ch.asOf ? formatVietnamDate(ch.asOf) : formatVietnamTime(report.asOf);
  return page(c, { title: (t) => t("dashboardTitle"), section: "dashboard" }, (t) => (
    <>
      <Picker t={t} c={c} ch={ch} />
      <p id="summary">
        {t("summary", {
          kind: kindText,
          basis: t(`basis.${basis}`).toLowerCase(),
          asOf: asOfText,
          n: report.units.length,
        })}
      </p>
      <Included t={t} report={report} name={name} />
      <ReturnedNotes t={t} notes={returnedNotes(report)} name={name} />
      <section aria-labelledby="downloads-title">
        <h2 id="downloads-title">{t("downloads")}</h2>
        <Downloads t={t} query={queryOf(ch)} />
      </section>
      <section aria-labelledby="publish-title">
        <h2 id="publish-title">{t("publishTitle")}</h2>
        <Publish t={t} c={c} ch={ch} />
      </section>
      <section aria-labelledby="status-title">
        <h2 id="status-title">{t("statusTitle")}</h2>
        <p class="hint">{t("statusAsOf", { asOf: asOfText })}</p>
        <StatusBoard
          t={t}
          rows={status.units}
          round={status.round}
          csv={`/api/status/not-submitted.csv?${notSubmittedQuery(ch, status.round)}`}
        />
      </section>
      <section aria-labelledby="charts-title">
        <h2 id="charts-title">{t("chartItemsTitle")}</h2>
        <BarChart
          id="chart-items"
          title={t("chartItemsTitle")}
          desc={t("chartItemsDesc", { sources, money: moneyUnit, kind: kindText.toLowerCase() })}
          series={[
            { label: t("seriesPlan"), className: "bar-plan" },
            { label: t("seriesSubmitted", { kind: kindText.toLowerCase() }), className: "bar-done" },
          ]}
          groups={itemGroups}
          format={fmt}
          empty={t("chartEmpty")}
        />
        <h2 id="chart-units-title">{t("chartUnitsTitle")}</h2>
        <BarChart
          id="chart-units"
          title={t("chartUnitsTitle")}
          desc={t("chartUnitsDesc", {
            sources,
            money: moneyUnit,
            kinds: kindSeries.map((s) => s.label.toLowerCase()).join(", "),
          })}
          series={kindSeries}
          groups={unitGroups}
          format={fmt}
          empty={t("chartEmpty")}
        />
      </section>
      <section aria-labelledby="totals-title">
        <h2 id="totals-title">{t("totalsTitle")}</h2>
        <p>{t("totalsText")}</p>
        {layout.document.attachment && <p class="hint">{layout.document.attachment}</p>}
        {layout.appendices.map((a) => (
          <PrintedTable t={t} template={layout} appendix={a} figures={figures} percent={report.percentOfPlan} />
        ))}
      </section>
      <section aria-labelledby="published-title">
        <h2 id="published-title">{t("publishedTitle")}</h2>
        {published.length ? (
          <TableRegion label={t("publishedTitle")}>
            <table class="stack" id="published">
              <thead>
                <tr>
                  {(["publishedAt", "kind", "basis", "asOf"] as const).map((k) => (
                    <th scope="col">{t(k)}</th>
                  ))}
                  <th scope="col">
                    <span class="visually-hidden">{t("view")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {published.map((p) => (
                  <tr>
                    <td data-label={t("publishedAt")}>{formatVietnamTime(p.createdAt)}</td>
                    <td data-label={t("kind")}>{kindLabel(template, p.kind, lang)}</td>
                    <td data-label={t("basis")}>{word("basis", p.basis, lang)}</td>
                    <td data-label={t("asOf")}>{formatVietnamTime(p.asOf)}</td>
                    <td>
                      <a href={`/dashboard/published/${p.id}`}>{t("view")}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : (
          <p>{t("publishedEmpty")}</p>
        )}
      </section>
    </>
  ));
});

/** Only a reviewer (or an administrator) publishes; a leader is told who does. */
function mayPublish(c: Context<AppEnv>) {
  if (c.get("principal").role === "leader") throw new PageForbidden(["reviewer"], "publishForbidden");
}

// The confirmation: what would be published, with the button that publishes it.
dashboard.get("/publish", ...signedIn("leader", "reviewer"), async (c) => {
  mayPublish(c);
  const ch = await choice(c);
  if (ch.asOfError) throw new PageRedirect(`/dashboard?${new URL(c.req.url).searchParams}`);
  const lang = langOf(c);
  const [{ report }, units] = await Promise.all([
    consolidateWithLayout(c.env.DB, ch.template, ch.kind, ch.basis, normaliseAsOf(ch.asOf || undefined)),
    listUnits(c.env.DB),
  ]);
  const name = namer(units);
  const asOfText = ch.asOf ? formatVietnamDate(ch.asOf) : formatVietnamTime(report.asOf);
  return page(c, { title: (t) => t("publishConfirmTitle"), section: "dashboard" }, (t) => (
    <>
      <p>
        {t("publishConfirmText", {
          kind: kindLabel(ch.template, ch.kind, lang).toLowerCase(),
          basis: t(`basis.${ch.basis}`).toLowerCase(),
          asOf: asOfText,
          n: report.units.length,
        })}
      </p>
      <Included t={t} report={report} name={name} />
      <ReturnedNotes t={t} notes={returnedNotes(report)} name={name} />
      <form method="post" action="/dashboard/publish" class="card narrow" id="publish-confirm">
        {[...queryOf(ch)].map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
        <div class="actions">
          <button type="submit" class="primary">
            {t("publishConfirmButton")}
          </button>
          <a href={`/dashboard?${queryOf(ch)}`}>{t("cancel")}</a>
        </div>
      </form>
    </>
  ));
});

dashboard.post("/publish", ...signedIn("leader", "reviewer"), async (c) => {
  mayPublish(c);
  const form = await c.req.parseBody();
  const field = (k: string) => (typeof form[k] === "string" && form[k] ? (form[k] as string) : undefined);
  const basis = BASES.find((b) => b === field("basis")) ?? "latest";
  const done = await publish(c.env.DB, c.get("principal"), {
    template: field("template") ?? "",
    kind: field("kind"),
    basis,
    asOf: field("asOf"),
  });
  throw new PageRedirect(`/dashboard/published/${done.id}?done=published`);
});

// A published report as its printed form, with its workbook.
dashboard.get("/published/:id", ...signedIn("leader", "reviewer"), async (c) => {
  const published = await readPublished(c.env.DB, c.get("principal"), c.req.param("id"));
  const { row, report, template } = published;
  const lang = langOf(c);
  const units = await listUnits(c.env.DB);
  const name = namer(units);
  const figures = figuresFromTree(template, report.appendices);
  const kindText = kindLabel(template, row.kind, lang);
  const asOfText = formatVietnamTime(row.asOf);
  return page(
    c,
    { title: (t) => t("publishedPageTitle", { kind: kindText, asOf: asOfText }), section: "dashboard" },
    (t) => (
      <>
        <p>
          <a href="/dashboard">{t("backToDashboard")}</a>
        </p>
        {c.req.query("done") === "published" && (
          <p class="notice ok" role="status">
            {t("donePublished")}
          </p>
        )}
        <dl class="facts card" id="published-facts">
          <dt>{t("publishedAt")}</dt>
          <dd>{formatVietnamTime(row.createdAt)}</dd>
          <dt>{t("kind")}</dt>
          <dd>{kindText}</dd>
          <dt>{t("basis")}</dt>
          <dd>{word("basis", row.basis, lang)}</dd>
          <dt>{t("asOf")}</dt>
          <dd>{asOfText}</dd>
          <dt>{t("summaryUnits")}</dt>
          <dd>
            {report.units.map((u) => t("unitVersion", { unit: name(u.unit), version: u.version })).join(", ") ||
              t("none")}
          </dd>
          <dt>{t("checksum")}</dt>
          <dd>
            <code title={row.sha256}>{checkCode(row.sha256)}</code> <span class="hint">{t("checksumHint")}</span>
          </dd>
        </dl>
        <ReturnedNotes t={t} notes={returnedNotes(report)} name={name} />
        <p>
          <a class="button primary" id="published-xlsx" href={`/dashboard/published/${row.id}/xlsx`}>
            {t("publishedXlsx")}
          </a>
        </p>
        <section aria-labelledby="totals-title">
          <h2 id="totals-title">{t("totalsTitle")}</h2>
          <p>{t("totalsText")}</p>
          {template.appendices.map((a) => (
            <PrintedTable t={t} template={template} appendix={a} figures={figures} percent={report.percentOfPlan} />
          ))}
        </section>
      </>
    ),
  );
});

dashboard.get("/published/:id/xlsx", ...signedIn("leader", "reviewer"), async (c) => {
  const published = await readPublished(c.env.DB, c.get("principal"), c.req.param("id"));
  const { bytes, name } = await publishedWorkbook(c.env.DB, published);
  return c.body(bytes, 200, xlsxHeaders(name));
});
