// Nộp: check locally, send canonical JSON with an Idempotency-Key and the base version, then
// show the receipt, or the server's problems on the cells. A conflict (409), a locked year
// (423) or a dropped connection changes nothing in the workbook.
import { formatVietnamTime, issueText } from "../../domain";
import { ApiFailureError, prepareSubmission } from "../api";
import { markIssues, setBaseVersion } from "../excel";
import { baseFor } from "./base";
import { omittedOf, renderIssues, runCheck } from "./check";
import { byId, show } from "./dom";
import { failureText } from "./messages";
import { action, kind, type Pane, requireClient, requireHost, status, tr } from "./pane";

type Step = 0 | 1 | 2 | 3;

function progress(pane: Pane, step: Step): void {
  const bar = byId<HTMLProgressElement>("submit-progress");
  bar.value = step;
  show(bar, step > 0);
  const text = step === 1 ? tr(pane, "step1") : step === 2 ? tr(pane, "step2") : step === 3 ? tr(pane, "step3") : "";
  byId("submit-step").textContent = text;
  if (text) status(text);
}

function fail(text: string): void {
  const box = byId("submit-error");
  box.textContent = text;
  show(box, true);
  status(text);
}

function reset(): void {
  show(byId("receipt"), false);
  show(byId("submit-error"), false);
  show(byId("overwrite-button"), false);
  show(byId("new-version-button"), false);
}

async function submit(pane: Pane, forcedBase?: number, newVersion = false): Promise<void> {
  reset();
  const client = requireClient(pane);
  const host = requireHost(pane);
  const unit = pane.me!.unit;
  if (!unit || (pane.me!.role !== "submitter" && pane.me!.role !== "admin")) return fail(tr(pane, "needSubmitter"));

  progress(pane, 1);
  const checked = await runCheck(pane);
  const { report, figures, notes } = checked.evaluation;
  if (!report.valid) {
    progress(pane, 0);
    return fail(tr(pane, "fixFirst", { errors: report.errors.length + omittedOf(report).errors }));
  }
  const reportKind = kind();
  const baseVersion = forcedBase ?? (await baseFor(pane, checked.base, unit, reportKind));
  const prepared = await prepareSubmission(pane.template, figures, { unit, kind: reportKind, baseVersion }, notes);

  progress(pane, 2);
  let answer;
  try {
    answer = await client.submit(prepared.body, prepared.idempotencyKey, { newVersion });
  } catch (err) {
    progress(pane, 0);
    if (!(err instanceof ApiFailureError)) throw err;
    const f = err.failure;
    if (f.kind === "report") {
      const issues = [...f.report.errors, ...f.report.warnings];
      const omitted = omittedOf(f.report);
      renderIssues(pane, issues, omitted);
      await host.run((ctx) => markIssues(ctx, issues, host.options));
      return fail(tr(pane, "serverRejected", { errors: f.report.errors.length + omitted.errors }));
    }
    if (f.kind === "http" && f.code === "STALE_BASE_VERSION") {
      const current = Number(f.params?.currentVersion ?? f.details.currentVersion ?? 0);
      const overwrite = byId<HTMLButtonElement>("overwrite-button");
      overwrite.textContent = tr(pane, "overwrite", { current });
      overwrite.dataset.base = String(current);
      show(overwrite, true);
      return fail(tr(pane, "stale", { current, base: baseVersion }));
    }
    return fail(failureText(f, pane.lang));
  }

  progress(pane, 3);
  const { receipt, replayed } = answer;
  await host.run((ctx) =>
    setBaseVersion(ctx, { template: pane.template.id, unit, kind: reportKind, version: receipt.version }, host.options),
  );
  progress(pane, 0);
  let text = tr(pane, "receipt", {
    version: receipt.version,
    time: formatVietnamTime(receipt.createdAt),
    sha: receipt.sha256.slice(0, 12),
  });
  if (replayed) text += tr(pane, "replayed");
  // The same figures as the latest version: nothing was stored; say so and offer a new version.
  if (receipt.identical && receipt.notice) {
    text = issueText({ ...receipt.notice, params: receipt.notice.params }, pane.lang);
    show(byId("new-version-button"), true);
  }
  if (receipt.warningList?.length) text += tr(pane, "receiptWarnings", { warnings: receipt.warningList.length });
  const box = byId("receipt");
  box.textContent = text;
  box.dataset.version = String(receipt.version);
  box.dataset.sha256 = receipt.sha256;
  show(box, true);
  status(text);
}

export function initSubmit(pane: Pane): void {
  const submitButton = byId<HTMLButtonElement>("submit-button");
  const overwrite = byId<HTMLButtonElement>("overwrite-button");
  const guard = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      progress(pane, 0);
      throw err;
    }
  };
  action(pane, submitButton, () => guard(() => submit(pane)), byId("submit-error"));
  action(pane, overwrite, () => guard(() => submit(pane, Number(overwrite.dataset.base))), byId("submit-error"));
  const again = byId<HTMLButtonElement>("new-version-button");
  action(pane, again, () => guard(() => submit(pane, undefined, true)), byId("submit-error"));
}
