// The district page: download the blank template, upload the filled workbook (progress with
// /static/app.js, a plain form post without it), the receipt or the validation report (the
// upload form first, so a long list of errors never pushes it out of reach), a banner with the
// reviewer's comment when the unit's latest report was returned, and the unit's history.
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type Issue, kindLabel, renderMessage, type Template } from "../../domain";
import { canActForUnit } from "../auth/principal";
import { limitSubmissions } from "../auth/rate-limit";
import { getSnapshot, listSnapshots, type SnapshotMeta } from "../db/snapshots";
import { parseWarnings } from "../db/stored";
import { listUnits, type UnitRow } from "../db/units";
import type { AppEnv } from "../env";
import { ApiError, catalogueError, tooLarge } from "../errors";
import { MAX_BODY_BYTES, UPLOAD_LIMIT_MIB } from "../limits";
import { readSubmissionRequest } from "../services/submission-request";
import { submit, type SubmitOutcome } from "../services/submit";
import { allTemplates } from "../services/templates";
import { Badge, CodeDetails, IssuesTable, type ShownIssue, sourceText, TableRegion } from "./components";
import { checkCode, formatVietnamTime } from "./format";
import { apiErrorText, PageRedirect, pageError, signedIn } from "./guard";
import { langOf, type Translate } from "./i18n";
import { page } from "./layout";

export const district = new Hono<AppEnv>();
district.onError(pageError);

type Result =
  /** `unchanged`: the figures were those of this version already; nothing new was stored. */
  | { type: "receipt"; snapshot: SnapshotMeta; warnings: Issue[]; unchanged?: boolean }
  | {
      type: "report";
      errors: ShownIssue[];
      warnings: ShownIssue[];
      truncated?: { errors: number; warnings: number };
      /** The kind the refused file was sent as, chosen again in the form. */
      kind?: string;
    }
  | { type: "refused"; error: ApiError };

/** The status a page answers with for a refusal (the API's own status). */
type PageStatus = 200 | 400 | 403 | 409 | 413 | 415 | 422 | 423;

const KEY = /^[0-9a-f-]{36}$/;

async function context(c: Context<AppEnv>, unitAsked: string | undefined) {
  const who = c.get("principal");
  const templates = await allTemplates(c.env.DB);
  const asked = c.req.query("template");
  const template = templates.find((t) => t.id === asked) ?? templates[0];
  const units = await listUnits(c.env.DB);
  const code = who.role === "submitter" ? who.unit : unitAsked;
  const unit = code ? units.find((u) => u.code === code) : undefined;
  if (unit && !canActForUnit(who, unit.code)) throw catalogueError(403, "UNIT_FORBIDDEN");
  return { template, templates: templates.length, units, unit };
}

function Picker({ t, units, current }: { t: Translate; units: UnitRow[]; current?: string }) {
  return (
    <form method="get" action="/district" class="card narrow">
      <label for="unit">{t("chooseUnit")}</label>
      <div class="actions">
        <select id="unit" name="unit">
          {units.map((u) => (
            <option value={u.code} selected={u.code === current}>
              {u.name}
            </option>
          ))}
        </select>
        <button type="submit">{t("show")}</button>
      </div>
    </form>
  );
}

function ResultView({
  t,
  c,
  template,
  unit,
  result,
}: {
  t: Translate;
  c: Context<AppEnv>;
  template: Template;
  unit: UnitRow;
  result: Result;
}) {
  const lang = langOf(c);
  if (result.type === "receipt") {
    const s = result.snapshot;
    const warnings: ShownIssue[] = result.warnings;
    return (
      <section class={result.unchanged ? "notice info" : "notice ok"} aria-labelledby="result-title" id="receipt">
        <h2 id="result-title" tabindex={-1} data-focus>
          {t(result.unchanged ? "unchangedTitle" : "receiptTitle")}
        </h2>
        <p>
          {result.unchanged
            ? renderMessage("SUBMISSION_IDENTICAL", { version: s.version }, lang)
            : t("receiptText", {
                kind: kindLabel(template, s.kind, lang).toLowerCase(),
                unit: unit.name,
                version: s.version,
              })}
        </p>
        <dl class="facts">
          <dt>{t("version")}</dt>
          <dd data-testid="receipt-version">{s.version}</dd>
          <dt>{t("submittedAt")}</dt>
          <dd>{formatVietnamTime(s.createdAt)}</dd>
          <dt>{t("checksum")}</dt>
          <dd>
            <code title={s.sha256}>{checkCode(s.sha256)}</code>
          </dd>
          {s.fileName && <dt>{t("file")}</dt>}
          {s.fileName && <dd>{s.fileName}</dd>}
        </dl>
        {warnings.length > 0 && (
          <>
            <h3>{t("warningsTitle", { n: warnings.length })}</h3>
            <p>{t("warningsText")}</p>
            <IssuesTable
              t={t}
              lang={lang}
              template={template}
              issues={warnings}
              caption={t("warningsTitle", { n: warnings.length })}
            />
          </>
        )}
      </section>
    );
  }
  if (result.type === "refused") {
    return (
      <section class="notice error" aria-labelledby="result-title" role="alert">
        <h2 id="result-title" tabindex={-1} data-focus>
          {t("refusedTitle")}
        </h2>
        <p>{apiErrorText(result.error, lang)}</p>
        <CodeDetails t={t} code={result.error.code} />
      </section>
    );
  }
  // A report: its heading here, the form to send the corrected file next, then the list (ReportList).
  const more = result.truncated ?? { errors: 0, warnings: 0 };
  return (
    <section class="notice error" aria-labelledby="result-title" id="report">
      <h2 id="result-title" tabindex={-1} data-focus>
        {t("reportTitle", { n: result.errors.length + more.errors })}
      </h2>
      <p>{t("reportText")}</p>
    </section>
  );
}

/** A report's errors and warnings: at most the first of each severity, `truncated` counts the rest. */
function ReportList({
  t,
  c,
  template,
  result,
}: {
  t: Translate;
  c: Context<AppEnv>;
  template: Template;
  result: Extract<Result, { type: "report" }>;
}) {
  const lang = langOf(c);
  const more = result.truncated ?? { errors: 0, warnings: 0 };
  const errors = result.errors.length + more.errors;
  const warnings = result.warnings.length + more.warnings;
  return (
    <section aria-labelledby="report-list-title" id="report-list">
      <h2 id="report-list-title">{t("reportListTitle")}</h2>
      <IssuesTable
        t={t}
        lang={lang}
        template={template}
        issues={result.errors}
        caption={t("reportTitle", { n: errors })}
      />
      {more.errors > 0 && (
        <p class="more" data-omitted="errors">
          {t("moreErrors", { n: more.errors })}
        </p>
      )}
      {warnings > 0 && (
        <IssuesTable
          t={t}
          lang={lang}
          template={template}
          issues={result.warnings}
          caption={t("warningsTitle", { n: warnings })}
        />
      )}
      {more.warnings > 0 && (
        <p class="more" data-omitted="warnings">
          {t("moreWarnings", { n: more.warnings })}
        </p>
      )}
    </section>
  );
}

/** For each report kind whose newest version was returned: the reviewer's comment and what to do. */
function ReturnedBanner({
  t,
  c,
  template,
  rows,
}: {
  t: Translate;
  c: Context<AppEnv>;
  template: Template;
  rows: SnapshotMeta[];
}) {
  const lang = langOf(c);
  const newest = new Map<string, SnapshotMeta>();
  for (const s of rows) if ((newest.get(s.kind)?.version ?? 0) < s.version) newest.set(s.kind, s);
  const returned = [...newest.values()].filter((s) => s.status === "returned");
  return (
    <>
      {returned.map((s) => (
        <section
          class="notice error returned"
          role="status"
          aria-labelledby={`returned-${s.kind}`}
          data-kind={s.kind}
          id={`returned-banner-${s.kind}`}
        >
          <h2 id={`returned-${s.kind}`}>
            {t("returnedTitle", { kind: kindLabel(template, s.kind, lang).toLowerCase(), version: s.version })}
          </h2>
          <p>{t("returnedText", { time: formatVietnamTime(s.reviewedAt) })}</p>
          <blockquote class="comment">{s.reviewComment || t("none")}</blockquote>
          <p>{t("returnedAction")}</p>
        </section>
      ))}
    </>
  );
}

function UploadForm({
  t,
  c,
  template,
  templates,
  unit,
  kind,
}: {
  t: Translate;
  c: Context<AppEnv>;
  template: Template;
  templates: number;
  unit: UnitRow;
  kind?: string;
}) {
  const lang = langOf(c);
  return (
    <form
      method="post"
      action={`/district/upload?key=${crypto.randomUUID()}`}
      enctype="multipart/form-data"
      data-upload
      data-progress="upload-progress"
      data-status="upload-status"
      data-msg-progress={t("progress", { p: "{p}" })}
      data-msg-uploaded={t("uploaded")}
      data-msg-failed={t("uploadFailed")}
    >
      <input type="hidden" name="unit" value={unit.code} />
      <input type="hidden" name="template" value={template.id} />
      {templates > 1 && <p class="hint">{template.name}</p>}
      <label for="kind">{t("kindLabel")}</label>
      <select id="kind" name="kind">
        {template.kinds.map((k) => (
          <option value={k.id} selected={k.id === kind ? true : undefined}>
            {kindLabel(template, k.id, lang)}
          </option>
        ))}
      </select>
      <label for="file">{t("fileLabel")}</label>
      <input
        id="file"
        name="file"
        type="file"
        required
        aria-describedby="file-hint"
        accept=".xlsx,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"
      />
      <p class="hint" id="file-hint">
        {t("fileHint", { mib: UPLOAD_LIMIT_MIB })}
      </p>
      <p class="check">
        <input type="checkbox" id="newVersion" name="newVersion" value="true" aria-describedby="newVersion-hint" />
        <label for="newVersion">{t("newVersion")}</label>
      </p>
      <p class="hint" id="newVersion-hint">
        {t("newVersionHint")}
      </p>
      <button type="submit" class="primary">
        {t("submitButton")}
      </button>
      <progress id="upload-progress" max={100} value={0} hidden aria-label={t("progressLabel")}></progress>
      <p id="upload-status" class="upload-status" role="status" aria-live="polite"></p>
    </form>
  );
}

function History({
  t,
  c,
  template,
  rows,
}: {
  t: Translate;
  c: Context<AppEnv>;
  template: Template;
  rows: SnapshotMeta[];
}) {
  const lang = langOf(c);
  if (!rows.length) return <p>{t("historyEmpty")}</p>;
  return (
    <TableRegion label={t("historyTitle")}>
      <table class="stack" id="history">
        <thead>
          <tr>
            {(["version", "kind", "time", "source", "file", "status", "reviewComment", "downloads"] as const).map(
              (k) => (
                <th scope="col">{t(k)}</th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr>
              <td data-label={t("version")} class="num">
                {s.version}
              </td>
              <td data-label={t("kind")}>{kindLabel(template, s.kind, lang)}</td>
              <td data-label={t("time")}>{formatVietnamTime(s.createdAt)}</td>
              <td data-label={t("source")}>{sourceText(t, s.source)}</td>
              <td data-label={t("file")}>{s.fileName ?? t("none")}</td>
              <td data-label={t("status")}>
                <Badge t={t} status={s.status} />
              </td>
              <td data-label={t("reviewComment")} class="comment">
                {s.reviewComment || t("none")}
              </td>
              <td data-label={t("downloads")}>
                <a href={`/api/submissions/${s.id}?format=xlsx`}>{t("printed")}</a>
                {s.fileKey && (
                  <>
                    {" · "}
                    <a href={`/api/submissions/${s.id}/file`}>{t("originalAsUploaded")}</a>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function Step1({ t, template }: { t: Translate; template: Template }) {
  return (
    <section class="card" aria-labelledby="step1">
      <h2 id="step1">{t("step1")}</h2>
      <p>{t("step1Text")}</p>
      <p>
        <a class="button" href={`/api/templates/${template.id}/workbook`} download>
          {t("downloadBlank")}
        </a>
      </p>
    </section>
  );
}

async function render(c: Context<AppEnv>, unitCode: string | undefined, result?: Result, status: PageStatus = 200) {
  const { template, templates, units, unit } = await context(c, unitCode);
  const rows = unit ? await listSnapshots(c.env.DB, { unit: unit.code, template: template.id, limit: 100 }) : [];
  const isSubmitter = c.get("principal").role === "submitter";
  return page(c, { title: (t) => t("districtTitle"), section: "district", status }, (t) => (
    <>
      {!isSubmitter && <Picker t={t} units={units} current={unit?.code} />}
      {unit && (
        <>
          <p class="lead">{t("unitLine", { name: unit.name })}</p>
          <ReturnedBanner t={t} c={c} template={template} rows={rows} />
          {result && <ResultView t={t} c={c} template={template} unit={unit} result={result} />}
          {result?.type === "report" ? (
            <>
              <section class="card" aria-labelledby="step2">
                <h2 id="step2">{t("resubmit")}</h2>
                <UploadForm t={t} c={c} template={template} templates={templates} unit={unit} kind={result.kind} />
              </section>
              <ReportList t={t} c={c} template={template} result={result} />
              <Step1 t={t} template={template} />
            </>
          ) : (
            <div class="grid2">
              <Step1 t={t} template={template} />
              <section class="card" aria-labelledby="step2">
                <h2 id="step2">{t("step2")}</h2>
                <UploadForm t={t} c={c} template={template} templates={templates} unit={unit} />
              </section>
            </div>
          )}
          <section aria-labelledby="history-title">
            <h2 id="history-title">{t("historyTitle")}</h2>
            <History t={t} c={c} template={template} rows={rows} />
          </section>
        </>
      )}
    </>
  ));
}

district.get("/", ...signedIn("submitter"), async (c) => {
  const receiptId = c.req.query("receipt");
  let result: Result | undefined;
  if (receiptId) {
    const snapshot = await getSnapshot(c.env.DB, receiptId);
    if (snapshot && canActForUnit(c.get("principal"), snapshot.unit)) {
      const { canonical: _c, warningList, ...meta } = snapshot;
      result = {
        type: "receipt",
        snapshot: meta,
        warnings: parseWarnings(warningList),
        unchanged: c.req.query("same") === "1",
      };
    }
  }
  return render(c, result?.type === "receipt" ? result.snapshot.unit : c.req.query("unit"), result);
});

// Reloading the address of a failed upload shows the page again rather than a 404.
district.get("/upload", ...signedIn("submitter"), (c) => c.redirect("/district", 303));

district.post(
  "/upload",
  ...signedIn("submitter"),
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw tooLarge();
    },
  }),
  async (c) => {
    const key = c.req.query("key");
    let outcome: SubmitOutcome;
    let unit: string | undefined;
    let kind: string | undefined;
    try {
      // The same per-token limit as POST /api/submissions, counted before the file is read.
      await limitSubmissions(c, c.get("principal").id);
      const request = await readSubmissionRequest(c);
      unit = request.unit;
      kind = request.kind;
      outcome = await submit(c.env, c.get("principal"), {
        ...request,
        idempotencyKey: key && KEY.test(key) ? `page-${key}` : null,
        dryRun: false,
      });
    } catch (err) {
      // A request the page cannot read (a file that is not a workbook, a missing field…) is shown on the page.
      if (!(err instanceof ApiError) || err.status === 401 || err.status === 413) throw err;
      return render(c, unit, { type: "refused", error: err }, err.status as PageStatus);
    }
    switch (outcome.type) {
      case "invalid":
        return render(
          c,
          unit,
          {
            type: "report",
            errors: outcome.report.errors,
            warnings: outcome.report.warnings,
            truncated: outcome.report.truncated,
            kind,
          },
          422,
        );
      case "refused":
        return render(c, unit, { type: "refused", error: outcome.error }, outcome.error.status as PageStatus);
      case "checked":
        throw new Error("an upload from the page is never a dry run");
      case "created":
      case "replayed":
      case "identical": {
        // Identical figures: the version that has them is shown, said to be unchanged (nothing stored).
        const admin = c.get("principal").role !== "submitter";
        const same = outcome.type === "identical" ? "&same=1" : "";
        const forUnit = admin ? `&unit=${encodeURIComponent(outcome.receipt.unit)}` : "";
        throw new PageRedirect(`/district?receipt=${outcome.receipt.id}${same}${forUnit}`);
      }
    }
  },
);
