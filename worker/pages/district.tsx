// The district page: download the blank template, upload the filled workbook (progress with
// /static/app.js, a plain form post without it), the receipt or the validation report, and
// the unit's history with status and the reviewer's comments.
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type Issue, kindLabel, type Template } from "../../domain";
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
import { Badge, IssuesTable, type ShownIssue, TableRegion } from "./components";
import { formatTime, shortHash } from "./format";
import { apiErrorText, PageRedirect, pageError, signedIn } from "./guard";
import { langOf, type Translate } from "./i18n";
import { page } from "./layout";

export const district = new Hono<AppEnv>();
district.onError(pageError);

type Result =
  | { type: "receipt"; snapshot: SnapshotMeta; warnings: Issue[] }
  | { type: "report"; errors: ShownIssue[]; warnings: ShownIssue[]; truncated?: { errors: number; warnings: number } }
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
            <option value={u.code} selected={u.code === current}>{`${u.name} (${u.code})`}</option>
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
      <section class="notice ok" aria-labelledby="result-title" id="receipt">
        <h2 id="result-title" tabindex={-1} data-focus>
          {t("receiptTitle")}
        </h2>
        <p>
          {t("receiptText", {
            kind: kindLabel(template, s.kind, lang).toLowerCase(),
            unit: unit.name,
            version: s.version,
          })}
        </p>
        <dl class="facts">
          <dt>{t("version")}</dt>
          <dd data-testid="receipt-version">{s.version}</dd>
          <dt>{t("submittedAt")}</dt>
          <dd>{formatTime(s.createdAt)}</dd>
          <dt>{t("checksum")}</dt>
          <dd>
            <code title={s.sha256}>{shortHash(s.sha256)}</code>
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
        <p>
          {apiErrorText(result.error, lang)} <code>{result.error.code}</code>
        </p>
      </section>
    );
  }
  // A report lists at most the first issues of each severity; `truncated` counts the rest.
  const more = result.truncated ?? { errors: 0, warnings: 0 };
  const errors = result.errors.length + more.errors;
  const warnings = result.warnings.length + more.warnings;
  return (
    <section class="notice error" aria-labelledby="result-title" id="report">
      <h2 id="result-title" tabindex={-1} data-focus>
        {t("reportTitle", { n: errors })}
      </h2>
      <p>{t("reportText")}</p>
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

function UploadForm({
  t,
  c,
  template,
  templates,
  unit,
}: {
  t: Translate;
  c: Context<AppEnv>;
  template: Template;
  templates: number;
  unit: UnitRow;
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
          <option value={k.id}>{kindLabel(template, k.id, lang)}</option>
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
              <td data-label={t("time")}>{formatTime(s.createdAt)}</td>
              <td data-label={t("source")}>{t(`source.${s.source as "upload" | "addin" | "api"}`)}</td>
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

async function render(c: Context<AppEnv>, unitCode: string | undefined, result?: Result, status: PageStatus = 200) {
  const { template, templates, units, unit } = await context(c, unitCode);
  const rows = unit ? await listSnapshots(c.env.DB, { unit: unit.code, template: template.id, limit: 100 }) : [];
  const isSubmitter = c.get("principal").role === "submitter";
  return page(c, { title: (t) => t("districtTitle"), section: "district", status }, (t) => (
    <>
      {!isSubmitter && <Picker t={t} units={units} current={unit?.code} />}
      {unit && (
        <>
          <p class="lead">{t("unitLine", { name: unit.name, code: unit.code })}</p>
          {result && <ResultView t={t} c={c} template={template} unit={unit} result={result} />}
          <div class="grid2">
            <section class="card" aria-labelledby="step1">
              <h2 id="step1">{t("step1")}</h2>
              <p>{t("step1Text")}</p>
              <p>
                <a class="button" href={`/api/templates/${template.id}/workbook`} download>
                  {t("downloadBlank")}
                </a>
              </p>
            </section>
            <section class="card" aria-labelledby="step2">
              <h2 id="step2">{t("step2")}</h2>
              <UploadForm t={t} c={c} template={template} templates={templates} unit={unit} />
            </section>
          </div>
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
      result = { type: "receipt", snapshot: meta, warnings: parseWarnings(warningList) };
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
    try {
      // The same per-token limit as POST /api/submissions, counted before the file is read.
      await limitSubmissions(c, c.get("principal").id);
      const request = await readSubmissionRequest(c);
      unit = request.unit;
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
          },
          422,
        );
      case "refused":
        return render(c, unit, { type: "refused", error: outcome.error }, outcome.error.status as PageStatus);
      case "checked":
        throw new Error("an upload from the page is never a dry run");
      case "created":
      case "replayed": {
        const admin = c.get("principal").role !== "submitter";
        throw new PageRedirect(
          `/district?receipt=${outcome.receipt.id}${admin ? `&unit=${encodeURIComponent(outcome.receipt.unit)}` : ""}`,
        );
      }
    }
  },
);
