// The review pages: reports waiting, a version in its printed form with the cells changed since
// the unit's previous version marked (and the list of them), the decision at the top of the
// page, lock (after a confirmation) or unlock a year, the reports recently decided. Decisions
// and locks go through the same services as the API's routes (services/reviews.ts,
// services/locks.ts): one place decides roles, required comments and audit rows.
import { type Context, Hono } from "hono";
import {
  compareWithPlan,
  type Figures,
  figuresFromTree,
  kindLabel,
  lookup,
  measureLabel,
  noteColumn,
  periodLabel,
  planFigures,
  type Template,
  TOTAL_ROW,
} from "../../domain";
import { allLocks } from "../db/locks";
import { getSnapshot, recentlyReviewed, type SnapshotMeta, versionNeighbours, waitingReports } from "../db/snapshots";
import { parseSubmission } from "../db/stored";
import { listUnits, type UnitRow } from "../db/units";
import type { AppEnv } from "../env";
import { ApiError, catalogueError } from "../errors";
import { now } from "../clock";
import { changeLock } from "../services/locks";
import { statusBoard } from "../services/status";
import { decide, readableSnapshot } from "../services/reviews";
import { allTemplates, requireKind, requireTemplate, templateOfSnapshot } from "../services/templates";
import { Badge, sourceText, TableRegion } from "./components";
import { type CellChange, changedCells, changedNotes, type NoteChange } from "./diff";
import { formatFigure, formatVietnamDate, formatVietnamTime } from "./format";
import { apiErrorText, PageRedirect, pageError, signedIn } from "./guard";
import { langOf, type Translate, translator } from "./i18n";
import { page } from "./layout";
import { cellKey, noteKey, type Percentages, PrintedTable } from "./printed-table";

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

function WaitingTable({
  t,
  c,
  template,
  units,
  rows,
}: {
  t: Translate;
  c: Context<AppEnv>;
  template: Template;
  units: UnitRow[];
  rows: SnapshotMeta[];
}) {
  const lang = langOf(c);
  return (
    <TableRegion label={t("waitingTitle", { n: rows.length })}>
      <table class="stack" id="waiting">
        <thead>
          <tr>
            {(["unit", "kind", "version", "submittedAt", "warnings", "file"] as const).map((k) => (
              <th scope="col">{t(k)}</th>
            ))}
            <th scope="col">
              <span class="visually-hidden">{t("openReview")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr>
              <td data-label={t("unit")}>{unitName(units, s.unit)}</td>
              <td data-label={t("kind")}>{kindLabel(template, s.kind, lang)}</td>
              <td data-label={t("version")} class="num">
                {s.version}
              </td>
              <td data-label={t("submittedAt")}>{formatVietnamTime(s.createdAt)}</td>
              <td data-label={t("warnings")} class="num">
                {s.warnings}
              </td>
              <td data-label={t("file")}>{s.fileName ?? sourceText(t, s.source)}</td>
              <td>
                <a href={`/review/${s.id}`}>{t("openReview")}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function DecidedTable({
  t,
  c,
  template,
  units,
  rows,
}: {
  t: Translate;
  c: Context<AppEnv>;
  template: Template;
  units: UnitRow[];
  rows: SnapshotMeta[];
}) {
  const lang = langOf(c);
  return (
    <TableRegion label={t("reviewedTitle")}>
      <table class="stack" id="reviewed">
        <thead>
          <tr>
            {(["unit", "kind", "version", "decision", "decidedAt", "reviewComment"] as const).map((k) => (
              <th scope="col">{t(k)}</th>
            ))}
            <th scope="col">
              <span class="visually-hidden">{t("openVersion")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr>
              <td data-label={t("unit")}>{unitName(units, s.unit)}</td>
              <td data-label={t("kind")}>{kindLabel(template, s.kind, lang)}</td>
              <td data-label={t("version")} class="num">
                {s.version}
              </td>
              <td data-label={t("decision")}>
                <Badge t={t} status={s.status} />
              </td>
              <td data-label={t("decidedAt")}>{formatVietnamTime(s.reviewedAt)}</td>
              <td data-label={t("reviewComment")} class="comment">
                {s.reviewComment || t("none")}
              </td>
              <td>
                <a href={`/review/${s.id}`}>{t("openVersion")}</a>
              </td>
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
                // Locking asks first (a page of its own, no script needed); unlocking is one step.
                return (
                  <td>
                    <form
                      method={isLocked ? "post" : "get"}
                      action={isLocked ? "/review/locks" : "/review/locks/confirm"}
                      class="inline"
                    >
                      <input type="hidden" name="template" value={template.id} />
                      <input type="hidden" name="kind" value={k.id} />
                      <input type="hidden" name="period" value={p.id} />
                      {isLocked && <input type="hidden" name="action" value="unlock" />}
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
  const asOf = now(c.env).toISOString();
  const [waiting, reviewed, units, locks, boards] = await Promise.all([
    waitingReports(c.env.DB, template.id),
    recentlyReviewed(c.env.DB, template.id, 10),
    listUnits(c.env.DB),
    allLocks(c.env.DB),
    // Each kind's current round (issue 17): the units past its deadline without a report.
    Promise.all(template.kinds.map((k) => statusBoard(c.env.DB, c.get("principal"), template, k.id, { asOf }))),
  ]);
  const lang = langOf(c);
  const overdue = boards.flatMap((b) =>
    b.units
      .filter((r) => r.timeliness === "overdue")
      .map((r) => ({ ...r, kind: kindLabel(template, b.kind, lang), period: b.round?.period ?? "" })),
  );
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
          <WaitingTable t={t} c={c} template={template} units={units} rows={waiting} />
        ) : (
          <p>{t("waitingEmpty")}</p>
        )}
      </section>
      <section aria-labelledby="overdue-title">
        <h2 id="overdue-title">{t("overdueTitle")}</h2>
        {overdue.length ? (
          <ul id="overdue">
            {overdue.map((r) => (
              <li data-unit={r.unit}>
                {r.name} · {r.kind} {r.period} · {t("deadline")} {formatVietnamDate(r.deadline ?? "")} ·{" "}
                {t("timeliness.overdue")}
              </li>
            ))}
          </ul>
        ) : (
          <p id="overdue">{t("overdueNone")}</p>
        )}
      </section>
      <section aria-labelledby="reviewed-title">
        <h2 id="reviewed-title">{t("reviewedTitle")}</h2>
        {reviewed.length ? (
          <DecidedTable t={t} c={c} template={template} units={units} rows={reviewed} />
        ) : (
          <p>{t("reviewedEmpty")}</p>
        )}
      </section>
      <section aria-labelledby="locks-title">
        <h2 id="locks-title">{t("locksTitle")}</h2>
        <p>{t("locksText")}</p>
        <Locks t={t} c={c} template={template} locked={locked} />
      </section>
      <section aria-labelledby="publish-title">
        <h2 id="publish-title">{t("publishTitle")}</h2>
        <p>
          {t("publishPointer")} <a href="/dashboard#publish-title">{t("goDashboard")}</a>
        </p>
      </section>
    </>
  ));
});

interface LockAsked {
  template: string;
  kind: string;
  period: string;
}

function lockAsked(read: (k: string) => string | undefined): LockAsked {
  return { template: read("template") ?? "", kind: read("kind") ?? "", period: read("period") ?? "" };
}

/** Are you sure? The year, the kind and what locking means, with the button that locks. */
async function confirmLock(c: Context<AppEnv>, asked: LockAsked) {
  const template = await requireTemplate(c.env.DB, asked.template);
  const kind = requireKind(template, asked.kind);
  if (!lookup(template).years.some((p) => p.id === asked.period))
    throw catalogueError(422, "PERIOD_UNKNOWN", { period: asked.period });
  const lang = langOf(c);
  const words = { period: asked.period, kind: kindLabel(template, kind, lang) };
  return page(c, { title: (t) => t("lockConfirmTitle", words), section: "review" }, (t) => (
    <>
      <p class="lead">{t("lockConfirmText", { ...words, kind: words.kind.toLowerCase() })}</p>
      <form method="post" action="/review/locks" class="card narrow" id="lock-confirm">
        <input type="hidden" name="template" value={template.id} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="period" value={asked.period} />
        <input type="hidden" name="action" value="lock" />
        <input type="hidden" name="confirm" value="yes" />
        <div class="actions">
          <button type="submit" class="danger">
            {t("lockConfirmButton", words)}
          </button>
          <a href={`/review?template=${encodeURIComponent(template.id)}`}>{t("cancel")}</a>
        </div>
      </form>
    </>
  ));
}

review.get("/locks/confirm", ...signedIn("reviewer"), (c) =>
  confirmLock(
    c,
    lockAsked((k) => c.req.query(k)),
  ),
);

review.post("/locks", ...signedIn("reviewer"), async (c) => {
  const form = await c.req.parseBody();
  const field = (k: string) => (typeof form[k] === "string" ? (form[k] as string) : undefined);
  const unlock = field("action") === "unlock";
  // A lock not yet confirmed (an old form, a crafted post) is asked about first.
  if (!unlock && field("confirm") !== "yes") return confirmLock(c, lockAsked(field));
  // A refusal (unknown template, kind or year) is an ApiError: pageError shows it.
  const done = await changeLock(c.env.DB, c.get("principal"), lockAsked(field), !unlock);
  throw new PageRedirect(
    `/review?${new URLSearchParams({ done: unlock ? "unlocked" : "locked", kind: done.kind, period: done.period })}`,
  );
});

interface Problem {
  error: ApiError;
  comment: string;
}

/** Each figure's share of the province plan, as the dashboard shows it for the totals. */
function percentages(template: Template, figures: Figures): Percentages {
  const out: Percentages = {};
  for (const [a, items] of Object.entries(compareWithPlan(template, figures, planFigures(template)))) {
    for (const [i, measures] of Object.entries(items)) {
      for (const [m, periods] of Object.entries(measures)) {
        for (const [p, cmp] of Object.entries(periods))
          if (cmp.percent !== undefined) (((out[a] ??= {})[i] ??= {})[m] ??= {})[p] = cmp.percent;
      }
    }
  }
  return out;
}

function ChangesList({
  t,
  c,
  template,
  changes,
  notes = [],
}: {
  t: Translate;
  c: Context<AppEnv>;
  template: Template;
  changes: CellChange[];
  /** Changed notes, listed after the figures: the note column's header stands in the measure column. */
  notes?: NoteChange[];
}) {
  const lang = langOf(c);
  const itemLabel = (appendix: string, item: string) => {
    if (item === TOTAL_ROW) return t("totalRow");
    const it = lookup(template).item(appendix, item);
    return it ? `${it.stt} ${it.label}` : item;
  };
  const noteHeader = (appendix: string) => {
    const a = lookup(template).appendix(appendix);
    return (a && noteColumn(a)?.path.at(-1)) ?? t("none");
  };
  return (
    <TableRegion label={t("changesCount", { n: changes.length + notes.length })}>
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
              <td data-label={t("item")}>{itemLabel(ch.appendix, ch.item)}</td>
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
          {notes.map((ch) => (
            <tr class="note-change" data-cell={ch.cell ?? undefined}>
              <td data-label={t("appendix")}>{ch.appendix}</td>
              <td data-label={t("cell")} class="mono">
                {ch.cell?.split("!")[1] ?? t("none")}
              </td>
              <td data-label={t("item")}>{itemLabel(ch.appendix, ch.item)}</td>
              <td data-label={t("measure")}>{noteHeader(ch.appendix)}</td>
              <td data-label={t("period")}>{t("none")}</td>
              <td data-label={t("before")} class="note before">
                {ch.before ?? t("none")}
              </td>
              <td data-label={t("after")} class="note after">
                {ch.after ?? t("none")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
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
  const changes = previous ? changedCells(template, tree(previous.canonical), tree(snapshot.canonical)) : [];
  const changed = new Map(changes.map((ch) => [cellKey(ch), ch]));
  const notes = parseSubmission(snapshot.canonical).notes;
  const noteChanges = previous ? changedNotes(template, parseSubmission(previous.canonical).notes, notes) : [];
  const notesChanged = new Map(noteChanges.map((ch) => [noteKey(ch), ch]));
  const changeCount = changes.length + noteChanges.length;
  const figures = figuresFromTree(template, tree(snapshot.canonical));
  const percent = percentages(template, figures);
  const title = (t: Translate) =>
    t("snapshotTitle", {
      unit: unitName(units, snapshot.unit),
      kind: kindLabel(template, snapshot.kind, lang),
      version: snapshot.version,
    });
  const status = problem ? (problem.error.status === 400 ? 400 : 422) : 200;
  const commentError = problem?.error.code === "COMMENT_REQUIRED";
  return page(c, { title, section: "review", status }, (t) => (
    <>
      <p>
        <a href="/review">{t("back")}</a>
      </p>
      {latest !== snapshot.version && <p class="notice info">{t("notLatest", { latest })}</p>}
      <div class="review-top">
        <dl class="facts card">
          <dt>{t("currentStatus")}</dt>
          <dd>
            <Badge t={t} status={snapshot.status} />
            {snapshot.reviewComment && <span class="comment">{` ${snapshot.reviewComment}`}</span>}
          </dd>
          <dt>{t("submittedAt")}</dt>
          <dd>{formatVietnamTime(snapshot.createdAt)}</dd>
          <dt>{t("source")}</dt>
          <dd>
            {sourceText(t, snapshot.source)}
            {snapshot.fileName && ` – ${snapshot.fileName}`}
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
        <section aria-labelledby="decision-title" class="card decision" id="decision">
          <h2 id="decision-title">{t("decisionTitle")}</h2>
          <p class="hint">{t("decisionText")}</p>
          {problem && !commentError && (
            <p class="notice error" role="alert" id="decision-error">
              {apiErrorText(problem.error, lang)}
            </p>
          )}
          <form method="post" action={`/review/${snapshot.id}`}>
            <label for="comment">{t("commentLabel")}</label>
            {commentError && (
              <p class="field-error" id="comment-error" role="alert">
                {t("commentRequired")}
              </p>
            )}
            <textarea
              id="comment"
              name="comment"
              maxlength={2000}
              aria-describedby={commentError ? "comment-error" : problem ? "decision-error" : undefined}
              aria-invalid={commentError ? "true" : undefined}
              autofocus={commentError ? true : undefined}
            >
              {problem?.comment ?? ""}
            </textarea>
            <div class="actions">
              <button type="submit" name="decision" value="approved" class="primary">
                {t("approve")}
              </button>
              <button type="submit" name="decision" value="returned" class="danger">
                {t("return")}
              </button>
            </div>
          </form>
        </section>
      </div>
      <section aria-labelledby="changes-title">
        <h2 id="changes-title">{previous ? t("changesTitle", { prev: previous.version }) : t("firstVersionTitle")}</h2>
        {previous && <p>{changeCount ? t("changesCount", { n: changeCount }) : t("noChanges")}</p>}
        {changeCount > 0 && <ChangesList t={t} c={c} template={template} changes={changes} notes={noteChanges} />}
      </section>
      <section aria-labelledby="printed-title">
        <h2 id="printed-title">{t("printedTitle")}</h2>
        <p>{previous ? t("printedChanged", { prev: previous.version }) : t("printedFirst")}</p>
        {template.appendices.map((a) => (
          <PrintedTable
            t={t}
            template={template}
            appendix={a}
            figures={figures}
            percent={percent}
            changes={changed}
            notes={notes}
            noteChanges={notesChanged}
          />
        ))}
      </section>
    </>
  ));
}

review.get("/:id", ...signedIn("reviewer"), (c) => detail(c));

/** Longest comment kept (as POST /api/submissions/{id}/approve|return accepts: schemas.ts ReviewBody). */
const COMMENT_MAX = 2000;

// The decision posts to the version's own address: a refusal (no comment to return) is shown
// there, next to the comment box, and the address stays the version's.
review.post("/:id", ...signedIn("reviewer"), async (c) => {
  const form = await c.req.parseBody();
  const comment = typeof form.comment === "string" ? form.comment : "";
  const decision = form.decision === "approved" || form.decision === "returned" ? form.decision : null;
  const id = c.req.param("id") ?? "";
  try {
    if (!decision) throw catalogueError(400, "INVALID_REQUEST", { fields: "decision" });
    if (comment.length > COMMENT_MAX) throw catalogueError(400, "INVALID_REQUEST", { fields: "comment" });
    await decide(c.env.DB, c.get("principal"), id, decision, comment);
  } catch (err) {
    // Not found and forbidden are pages of their own; a refused decision shows the version again with the reason.
    if (!(err instanceof ApiError) || err.status === 404 || err.status === 403) throw err;
    return detail(c, { error: err, comment });
  }
  throw new PageRedirect(`/review?done=${decision}&id=${encodeURIComponent(id)}`);
});
