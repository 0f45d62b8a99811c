// Lịch sử: the unit's versions with their review status and comments; any of them can be
// opened into the sheets, which then count from that version.
import { figuresFromTree, type SnapshotMeta, word, formatVietnamTime } from "../../domain";
import { buildSheets } from "../excel";
import { sheetList } from "./build";
import { byId, clear, element } from "./dom";
import { t } from "./i18n";
import { action, kind, type Pane, requireClient, requireHost, status, tr } from "./pane";

async function open(pane: Pane, s: SnapshotMeta): Promise<void> {
  const client = requireClient(pane);
  const host = requireHost(pane);
  status(tr(pane, "opening", { version: s.version }));
  const detail = await client.snapshot(s.id);
  const figures = figuresFromTree(pane.template, detail.submission.appendices);
  const unitName = pane.unitNames[s.unit] ?? s.unit;
  await host.run((ctx) =>
    buildSheets(ctx, pane.template, {
      figures,
      // In the workbook, which the whole office shares: Vietnamese whatever the pane's language.
      subtitle: t("vi", "subtitle", { unit: `${unitName} (${s.unit})`, version: s.version }),
      base: { template: s.template, unit: s.unit, kind: s.kind, version: s.version },
      lang: pane.lang,
      ...host.options,
    }),
  );
  const text = tr(pane, "opened", { version: s.version, sheets: sheetList(pane) });
  byId("history-result").textContent = text;
  status(text);
}

function render(pane: Pane, list: SnapshotMeta[]): void {
  const ul = byId("snapshots");
  clear(ul);
  byId("history-result").textContent = list.length ? "" : tr(pane, "noHistory");
  for (const s of list) {
    const head = element("div", {
      text: `${tr(pane, "version", { version: s.version })} · ${pane.unitNames[s.unit] ?? s.unit}`,
    });
    const meta = element("div", { className: "meta" }, [
      element("span", { className: s.status, text: word("status", s.status, pane.lang) }),
      document.createTextNode(
        ` · ${formatVietnamTime(s.createdAt)} · ${tr(pane, "checkCode", { code: s.sha256.slice(0, 12) })}`,
      ),
    ]);
    const parts: Node[] = [head, meta];
    if (s.reviewComment)
      parts.push(element("div", { className: "comment", text: tr(pane, "comment", { comment: s.reviewComment }) }));
    const button = element("button", { text: tr(pane, "openInSheet") });
    button.type = "button";
    action(pane, button, () => open(pane, s), byId("history-result"));
    parts.push(button);
    const li = element("li", {}, parts);
    li.dataset.version = String(s.version);
    ul.appendChild(li);
  }
}

export function initHistory(pane: Pane): void {
  let last: SnapshotMeta[] | null = null;
  pane.rerender.push(() => last && render(pane, last));
  action(
    pane,
    byId<HTMLButtonElement>("history-button"),
    async () => {
      const client = requireClient(pane);
      status(tr(pane, "loadingHistory"));
      last = await client.snapshots({
        template: pane.template.id,
        unit: pane.me!.unit ?? undefined,
        kind: kind(),
        limit: 50,
      });
      render(pane, last);
      status("");
    },
    byId("history-result"),
  );
}
