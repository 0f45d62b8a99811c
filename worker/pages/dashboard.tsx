// The leadership dashboard: consolidated totals in the printed layout with % of the province
// plan, charts of plan against submitted (per item) and plan against execution (per unit),
// the status board of expected units, an "as of" picker, downloads and published reports.
import { type Context, Hono } from "hono";
import {
  type Figures,
  figuresFromTree,
  formatMoneyVi,
  getFigure,
  planFigures,
  type Template,
  TOTAL_ROW,
  totalPeriodId,
  type Basis,
  BASES,
  word,
} from "../../domain";
import { listPublished } from "../db/published";
import { snapshotsAsOf } from "../db/snapshots";
import { listUnits, type UnitRow } from "../db/units";
import type { AppEnv } from "../env";
import { normaliseAsOf } from "../schemas";
import { consolidateWithLayout } from "../services/consolidate";
import { allTemplates } from "../services/templates";
import { BarChart, type ChartGroup } from "./chart";
import { Badge, type Status, TableRegion } from "./components";
import { formatDate, formatTime, kindLabel, moneyUnitLabel, shortHash } from "./format";
import { pageError, signedIn } from "./guard";
import { langOf, type Translate } from "./i18n";
import { parseSubmission } from "../db/stored";
import { statusBoard } from "../services/status";
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
}

interface Choice {
  template: Template;
  kind: string;
  basis: Basis;
  /** yyyy-mm-dd as typed, or "" for now. */
  asOf: string;
}

async function choice(c: Context<AppEnv>): Promise<Choice> {
  const templates = await allTemplates(c.env.DB);
  const q = c.req.query();
  const template = templates.find((t) => t.id === q.template) ?? templates[0];
  const kind = template.kinds.some((k) => k.id === q.kind) ? q.kind : template.kinds[0].id;
  const basis: Basis = BASES.find((b) => b === q.basis) ?? "latest";
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(q.asOf ?? "") && !Number.isNaN(Date.parse(q.asOf)) ? q.asOf : "";
  return { template, kind, basis, asOf };
}

/** Phase funding of one item (or the total row), all money measures together. */
/** Bar colours of the per-unit chart, one per report kind (app.css). */
const KIND_BARS = ["bar-done", "bar-exec", "bar-plan"];

function money(template: Template, f: Figures | undefined, appendix: string, item: string): number | undefined {
  if (!f) return undefined;
  const phase = totalPeriodId(template);
  const parts = template.measures
    .filter((m) => m.kind === "money")
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

function Picker({ t, c, ch }: { t: Translate; c: Context<AppEnv>; ch: Choice }) {
  const lang = langOf(c);
  return (
    <form method="get" action="/dashboard" class="card" aria-labelledby="picker-title">
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
        <div>
          <label for="asOf">{t("asOf")}</label>
          <input id="asOf" name="asOf" type="date" value={ch.asOf} aria-describedby="asOf-hint" />
        </div>
        <div>
          <button type="submit" class="primary">
            {t("show")}
          </button>
        </div>
      </div>
      <p class="hint" id="asOf-hint">
        {t("asOfHint")}
      </p>
    </form>
  );
}

function StatusBoard({ t, rows }: { t: Translate; rows: StatusRow[] }) {
  const count = (s: Status) => rows.filter((r) => r.status === s).length;
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
      <TableRegion label={t("statusTitle")}>
        <table class="stack" id="status-board">
          <thead>
            <tr>
              {(["unit", "status", "version", "submittedAt", "reviewComment"] as const).map((k) => (
                <th scope="col">{t(k)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-unit={r.unit}>
                <td data-label={t("unit")}>{`${r.name} (${r.unit})`}</td>
                <td data-label={t("status")}>
                  <Badge t={t} status={r.status} />
                </td>
                <td data-label={t("version")} class="num">
                  {r.version ?? t("none")}
                </td>
                <td data-label={t("submittedAt")}>{formatTime(r.submittedAt) || t("none")}</td>
                <td data-label={t("reviewComment")} class="comment">
                  {r.reviewComment || t("none")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

dashboard.get("/", ...signedIn("leader", "reviewer"), async (c) => {
  const ch = await choice(c);
  const { template, kind, basis } = ch;
  const lang = langOf(c);
  const asOf = normaliseAsOf(ch.asOf || undefined);
  const [consolidation, units, byKind, published, status] = await Promise.all([
    consolidateWithLayout(c.env.DB, template, kind, basis, asOf),
    listUnits(c.env.DB),
    Promise.all(template.kinds.map((k) => snapshotsAsOf(c.env.DB, template.id, k.id, basis, asOf))),
    listPublished(c.env.DB, template.id),
    statusBoard(c.env.DB, c.get("principal"), template, kind),
  ]);
  // Totals are printed with the template version of the snapshots they add up (decision 0012).
  const { report, template: layout } = consolidation;
  const figures = figuresFromTree(layout, report.appendices);
  const plan = planFigures(layout);
  const fmt = (v: number) => formatMoneyVi(v, layout.money);
  const name = (code: string) => units.find((u: UnitRow) => u.code === code)?.name ?? code;
  const kindText = kindLabel(template, kind, lang);
  const itemGroups: ChartGroup[] = layout.appendices.flatMap((a) =>
    a.items.map((i) => ({
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
    .filter((m) => m.kind === "money")
    .map((m) => m.short ?? m.label)
    .join(" + ");
  const query = new URLSearchParams({ template: template.id, kind, basis, ...(ch.asOf ? { asOf: ch.asOf } : {}) });
  const moneyUnit = moneyUnitLabel(template, lang);
  return page(c, { title: (t) => t("dashboardTitle"), section: "dashboard" }, (t) => (
    <>
      <Picker t={t} c={c} ch={ch} />
      <p id="summary">
        {t("summary", {
          kind: kindText,
          basis: t(`basis.${basis}`).toLowerCase(),
          asOf: ch.asOf ? formatDate(ch.asOf) : formatTime(report.asOf),
          n: report.units.length,
        })}{" "}
        {t("hash")}: <code title={report.hash}>{shortHash(report.hash)}</code>
      </p>
      {report.units.length > 0 && (
        <p class="hint">
          {t("summaryUnits")}: {report.units.map((u) => `${name(u.unit)} v${u.version}`).join(", ")}
        </p>
      )}
      <section aria-labelledby="downloads-title">
        <h2 id="downloads-title">{t("downloads")}</h2>
        <p class="actions">
          <a class="button" id="download-xlsx" href={`/api/consolidated?${query}&format=xlsx`}>
            {t("xlsx")}
          </a>
          <a class="button" id="download-csv" href={`/api/consolidated?${query}&format=csv`}>
            {t("csv")}
          </a>
        </p>
      </section>
      <section aria-labelledby="status-title">
        <h2 id="status-title">{t("statusTitle")}</h2>
        <StatusBoard t={t} rows={status.units} />
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
                  {(["publishedAt", "kind", "basis", "asOf", "hash"] as const).map((k) => (
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
                    <td data-label={t("publishedAt")}>{formatTime(p.createdAt)}</td>
                    <td data-label={t("kind")}>{kindLabel(template, p.kind, lang)}</td>
                    <td data-label={t("basis")}>{word("basis", p.basis, lang)}</td>
                    <td data-label={t("asOf")}>{formatTime(p.asOf)}</td>
                    <td data-label={t("hash")}>
                      <code title={p.sha256}>{shortHash(p.sha256)}</code>
                    </td>
                    <td>
                      <a href={`/api/consolidated/published/${p.id}`}>{t("view")}</a>
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
