// The review pages: reports waiting, a snapshot's changes against the unit's previous version
// cell by cell, approve or return with a comment, lock or unlock a year. Decisions and locks
// go through the same services as the API's routes (services/reviews.ts, services/locks.ts):
// one place decides roles, required comments and audit rows.
import { type Context, Hono } from "hono";
import { kindLabel, lookup, measureLabel, periodLabel, type Template, TOTAL_ROW } from "../../domain";
import { allLocks } from "../db/locks";
import { getSnapshot, recentlyReviewed, type SnapshotMeta, versionNeighbours, waitingReports } from "../db/snapshots";
import { parseSubmission } from "../db/stored";
import { listUnits, type UnitRow } from "../db/units";
import type { AppEnv } from "../env";
import { ApiError, catalogueError } from "../errors";
import { changeLock } from "../services/locks";
import { decide, readableSnapshot } from "../services/reviews";
import { allTemplates, templateOfSnapshot } from "../services/templates";
import { Badge, TableRegion } from "./components";
import { changedCells } from "./diff";
import { formatFigure, formatTime, shortHash } from "./format";
import { apiErrorText, PageRedirect, pageError, signedIn } from "./guard";
import { langOf, type Translate, translator } from "./i18n";
import { page } from "./layout";

export const review = new Hono<AppEnv>();
review.onError(pageError);

function unitName(units: UnitRow[], code: string): string {
  return units.find((u) => u.code === code)?.name ?? code;
}

async function templateOf(c: Context<AppEnv>, id?: string): Promise<Template> {
  const templates = await allTemplates(c.env.DB);
  return templates.find((t) => t.id === id) ?? templates[0];
}

async function doneMessage(
  c: Context<AppEnv>,
  t: Translate,
  template: Template,
  units: UnitRow[],
): Promise<string | null> {
  const done = c.req.query("done");
  const lang = langOf(c);
  if (done === "approved" || done === "returned") {
    const s = await getSnapshot(c.env.DB, c.req.query("id") ?? "");
    return s
      ? t(done === "approved" ? "doneApproved" : "doneReturned", { unit: unitName(units, s.unit), version: s.version })
      : null;
  }
  if (done === "locked" || done === "unlocked") {
    const index = lookup(template);
    const kind = index.kind(c.req.query("kind") ?? "");
    const period = index.years.find((p) => p.id === c.req.query("period"));
    return kind && period
      ? t(done === "locked" ? "doneLocked" : "doneUnlocked", {
          period: period.id,
          kind: kindLabel(template, kind.id, lang),
        })
      : null;
  }
  return null;
}

function SnapshotTable({
  t,
  c,
  template,
  units,
  rows,
  id,
  action,
}: {
  t: Translate;
  c: Context<AppEnv>;
  template: Template;
  units: UnitRow[];
  rows: SnapshotMeta[];
  id: string;
  action: boolean;
}) {
  const lang = langOf(c);
  return (
    <TableRegion label={id}>
      <table class="stack" id={id}>
        <thead>
          <tr>
            <th scope="col">{t("unit")}</th>
            <th scope="col">{t("kind")}</th>
            <th scope="col">{t("version")}</th>
            <th scope="col">{t("submittedAt")}</th>
            <th scope="col">{action ? t("warnings") : t("status")}</th>
            <th scope="col">{action ? t("file") : t("reviewComment")}</th>
            {action && (
              <th scope="col">
                <span class="visually-hidden">{t("openReview")}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr>
              <td data-label={t("unit")}>{`${unitName(units, s.unit)} (${s.unit})`}</td>
              <td data-label={t("kind")}>{kindLabel(template, s.kind, lang)}</td>
              <td data-label={t("version")} class="num">
                {s.version}
              </td>
              <td data-label={t("submittedAt")}>{formatTime(s.createdAt)}</td>
              {action ? (
                <td data-label={t("warnings")} class="num">
                  {s.warnings}
                </td>
              ) : (
                <td data-label={t("status")}>
                  <Badge t={t} status={s.status} />
                </td>
              )}
              {action ? (
                <td data-label={t("file")}>{s.fileName ?? t(`source.${s.source as "upload"}`)}</td>
              ) : (
                <td data-label={t("reviewComment")} class="comment">
                  {s.reviewComment || t("none")}
                </td>
              )}
              {action && (
                <td>
                  <a href={`/review/${s.id}`}>{t("openReview")}</a>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function Locks({
  t,
  c,
  template,
  locked,
}: {
  t: Translate;
  c: Context<AppEnv>;
  template: Template;
  locked: Set<string>;
}) {
  const lang = langOf(c);
  const years = lookup(template).years;
  return (
    <TableRegion label={t("locksTitle")}>
      <table id="locks">
        <thead>
          <tr>
            <th scope="col">{t("kind")}</th>
            {years.map((p) => (
              <th scope="col">{periodLabel(template, p.id, lang)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {template.kinds.map((k) => (
            <tr>
              <th scope="row">{kindLabel(template, k.id, lang)}</th>
              {years.map((p) => {
                const isLocked = locked.has(`${k.id}|${p.id}`);
                return (
                  <td>
                    <form method="post" action="/review/locks" class="inline">
                      <input type="hidden" name="template" value={template.id} />
                      <input type="hidden" name="kind" value={k.id} />
                      <input type="hidden" name="period" value={p.id} />
                      <input type="hidden" name="action" value={isLocked ? "unlock" : "lock"} />
                      <span class={`badge ${isLocked ? "returned" : "approved"}`}>
                        {isLocked ? t("locked") : t("open")}
                      </span>{" "}
                      <button type="submit">{t(isLocked ? "unlockYear" : "lockYear", { period: p.id })}</button>
                    </form>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

review.get("/", ...signedIn("reviewer"), async (c) => {
  const template = await templateOf(c, c.req.query("template"));
  // Every report waiting (its newest version, not yet reviewed), whatever the history; the ten latest decisions.
  const [waiting, reviewed, units, locks] = await Promise.all([
    waitingReports(c.env.DB, template.id),
    recentlyReviewed(c.env.DB, template.id, 10),
    listUnits(c.env.DB),
    allLocks(c.env.DB),
  ]);
  const locked = new Set(locks.filter((l) => l.template === template.id).map((l) => `${l.kind}|${l.period}`));
  const done = await doneMessage(c, translator(langOf(c)), template, units);
  return page(c, { title: (t) => t("reviewTitle"), section: "review" }, (t) => (
    <>
      {done && (
        <p class="notice ok" role="status">
          {done}
        </p>
      )}
      <section aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t("waitingTitle", { n: waiting.length })}</h2>
        {waiting.length ? (
          <SnapshotTable t={t} c={c} template={template} units={units} rows={waiting} id="waiting" action />
        ) : (
          <p>{t("waitingEmpty")}</p>
        )}
      </section>
      <section aria-labelledby="locks-title">
        <h2 id="locks-title">{t("locksTitle")}</h2>
        <p>{t("locksText")}</p>
        <Locks t={t} c={c} template={template} locked={locked} />
      </section>
      <section aria-labelledby="reviewed-title">
        <h2 id="reviewed-title">{t("reviewedTitle")}</h2>
        {reviewed.length ? (
          <SnapshotTable t={t} c={c} template={template} units={units} rows={reviewed} id="reviewed" action={false} />
        ) : (
          <p>{t("reviewedEmpty")}</p>
        )}
      </section>
    </>
  ));
});

review.post("/locks", ...signedIn("reviewer"), async (c) => {
  const form = await c.req.parseBody();
  const field = (k: string) => (typeof form[k] === "string" ? (form[k] as string) : "");
  const unlock = field("action") === "unlock";
  // A refusal (unknown template, kind or year) is an ApiError: pageError shows it.
  const done = await changeLock(
    c.env.DB,
    c.get("principal"),
    { template: field("template"), kind: field("kind"), period: field("period") },
    !unlock,
  );
  throw new PageRedirect(
    `/review?${new URLSearchParams({ done: unlock ? "unlocked" : "locked", kind: done.kind, period: done.period })}`,
  );
});

interface Problem {
  error: ApiError;
  comment: string;
}

async function detail(c: Context<AppEnv>, problem?: Problem) {
  const snapshot = await readableSnapshot(c.env.DB, c.get("principal"), c.req.param("id") ?? "");
  // Labels, cells and formats of the template version this snapshot was validated against (decision 0012).
  const lang = langOf(c);
  const [template, { previous, latest }, units] = await Promise.all([
    templateOfSnapshot(c.env.DB, snapshot).then((t) => t ?? templateOf(c, snapshot.template)),
    versionNeighbours(c.env.DB, snapshot),
    listUnits(c.env.DB),
  ]);
  const tree = (json: string) => parseSubmission(json).appendices;
  const changes = changedCells(template, previous ? tree(previous.canonical) : null, tree(snapshot.canonical));
  const itemLabel = (appendix: string, item: string, t: Translate) => {
    if (item === TOTAL_ROW) return t("totalRow");
    const it = lookup(template).item(appendix, item);
    return it ? `${it.stt} ${it.label}` : item;
  };
  const title = (t: Translate) =>
    t("snapshotTitle", {
      unit: unitName(units, snapshot.unit),
      kind: kindLabel(template, snapshot.kind, lang),
      version: snapshot.version,
    });
  const status = problem ? (problem.error.status === 400 ? 400 : 422) : 200;
  return page(c, { title, section: "review", status }, (t) => (
    <>
      <p>
        <a href="/review">{t("back")}</a>
      </p>
      {problem && (
        <p class="notice error" role="alert" id="decision-error">
          {problem.error.code === "COMMENT_REQUIRED" ? t("commentRequired") : apiErrorText(problem.error, lang)}
        </p>
      )}
      {latest !== snapshot.version && <p class="notice info">{t("notLatest", { latest })}</p>}
      <dl class="facts card">
        <dt>{t("currentStatus")}</dt>
        <dd>
          <Badge t={t} status={snapshot.status} />
          {snapshot.reviewComment && <span class="comment">{` ${snapshot.reviewComment}`}</span>}
        </dd>
        <dt>{t("submittedAt")}</dt>
        <dd>{formatTime(snapshot.createdAt)}</dd>
        <dt>{t("source")}</dt>
        <dd>
          {t(`source.${snapshot.source as "upload"}`)}
          {snapshot.fileName && ` – ${snapshot.fileName}`}
        </dd>
        <dt>{t("checksum")}</dt>
        <dd>
          <code title={snapshot.sha256}>{shortHash(snapshot.sha256)}</code>
        </dd>
        <dt>{t("downloads")}</dt>
        <dd>
          <a href={`/api/submissions/${snapshot.id}?format=xlsx`}>{t("printed")}</a>
          {snapshot.fileKey && (
            <>
              {" · "}
              <a href={`/api/submissions/${snapshot.id}/file`}>{t("originalAsUploaded")}</a>
            </>
          )}
        </dd>
      </dl>
      <section aria-labelledby="changes-title">
        <h2 id="changes-title">{previous ? t("changesTitle", { prev: previous.version }) : t("firstVersionTitle")}</h2>
        <p>
          {previous
            ? changes.length
              ? t("changesCount", { n: changes.length })
              : t("noChanges")
            : t("firstVersionText")}
        </p>
        {changes.length > 0 && (
          <TableRegion label={t("changesTitle", { prev: previous?.version ?? 0 })}>
            <table class="stack" id="changes">
              <thead>
                <tr>
                  {(["appendix", "cell", "item", "measure", "period", "before", "after"] as const).map((k) => (
                    <th scope="col" class={k === "before" || k === "after" ? "num" : undefined}>
                      {t(k)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {changes.map((ch) => (
                  <tr class={ch.item === TOTAL_ROW ? "total" : undefined} data-cell={ch.cell ?? undefined}>
                    <td data-label={t("appendix")}>{ch.appendix}</td>
                    <td data-label={t("cell")} class="mono">
                      {ch.cell?.split("!")[1] ?? t("none")}
                    </td>
                    <td data-label={t("item")}>{itemLabel(ch.appendix, ch.item, t)}</td>
                    <td data-label={t("measure")}>{measureLabel(template, ch.measure, lang)}</td>
                    <td data-label={t("period")}>{periodLabel(template, ch.period, lang)}</td>
                    <td data-label={t("before")} class="num before">
                      {ch.before === undefined ? t("none") : formatFigure(template, ch.measure, ch.before)}
                    </td>
                    <td data-label={t("after")} class="num after">
                      {ch.after === undefined ? t("none") : formatFigure(template, ch.measure, ch.after)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
      <section aria-labelledby="decision-title" class="card">
        <h2 id="decision-title">{t("decisionTitle")}</h2>
        <form method="post" action={`/review/${snapshot.id}/approve`}>
          <label for="comment">{t("commentLabel")}</label>
          <textarea
            id="comment"
            name="comment"
            maxlength={2000}
            aria-describedby={problem ? "decision-error" : undefined}
          >
            {problem?.comment ?? ""}
          </textarea>
          <div class="actions">
            <button type="submit" class="primary">
              {t("approve")}
            </button>
            <button type="submit" class="danger" formaction={`/review/${snapshot.id}/return`}>
              {t("return")}
            </button>
          </div>
        </form>
      </section>
    </>
  ));
}

review.get("/:id", ...signedIn("reviewer"), (c) => detail(c));

/** Longest comment kept (as POST /api/submissions/{id}/approve|return accepts: schemas.ts ReviewBody). */
const COMMENT_MAX = 2000;

for (const [action, decision] of [
  ["approve", "approved"],
  ["return", "returned"],
] as const) {
  review.post(`/:id/${action}`, ...signedIn("reviewer"), async (c) => {
    const form = await c.req.parseBody();
    const comment = typeof form.comment === "string" ? form.comment : "";
    const id = c.req.param("id") ?? "";
    try {
      if (comment.length > COMMENT_MAX) throw catalogueError(400, "INVALID_REQUEST", { fields: "comment" });
      await decide(c.env.DB, c.get("principal"), id, decision, comment);
    } catch (err) {
      // Not found and forbidden are pages of their own; a refused decision shows the snapshot again with the reason.
      if (!(err instanceof ApiError) || err.status === 404 || err.status === 403) throw err;
      return detail(c, { error: err, comment });
    }
    throw new PageRedirect(`/review?done=${decision}&id=${encodeURIComponent(id)}`);
  });
}
