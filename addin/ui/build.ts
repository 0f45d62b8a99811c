// Tạo mẫu: the appendix sheets from the template, remembering the server version they start from.
import { buildSheets } from "../excel";
import { latestVersion } from "./base";
import { byId } from "./dom";
import { action, kind, type Pane, requireHost, status, tr } from "./pane";

/** The template's sheet names ("PL01, PL02, PL03"). */
export function sheetList(pane: Pane): string {
  return pane.template.appendices.map((a) => a.id).join(", ");
}

export function initBuild(pane: Pane): void {
  const out = byId("build-result");
  const hint = byId("build-hint");
  const renderHint = () => void (hint.textContent = tr(pane, "buildHint", { sheets: sheetList(pane) }));
  renderHint();
  pane.rerender.push(renderHint);
  action(
    pane,
    byId<HTMLButtonElement>("build-button"),
    async () => {
      const host = requireHost(pane);
      status(tr(pane, "building"));
      const unit = pane.me?.unit ?? null;
      const version = unit ? await latestVersion(pane, unit, kind()) : null;
      const base = unit && version !== null ? { template: pane.template.id, unit, kind: kind(), version } : null;
      const template = pane.template;
      const result = await host.run((ctx) => buildSheets(ctx, template, { base, lang: pane.lang, ...host.options }));
      let text = tr(pane, "built", { sheets: result.sheets.join(", ") });
      if (result.renamed.length)
        text += tr(pane, "renamed", { names: result.renamed.map((r) => `${r.from} → ${r.to}`).join(", ") });
      out.textContent = text;
      status(text);
    },
    out,
  );
}
