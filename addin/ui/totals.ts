// Lấy số tổng hợp: consolidated totals (basis, as of) into a new sheet in the printed layout.
import { BASES, word } from "../../domain";
import { writeConsolidated } from "../excel";
import { byId, clear, element } from "./dom";
import { action, formatTime, kind, type Pane, requireClient, requireHost, status, tr } from "./pane";

/** The datetime-local value (local time) as ISO with offset, or undefined for "now". */
export function asOfParam(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The bases in the shared vocabulary's words; the choice is kept. */
function renderBases(pane: Pane): void {
  const select = byId<HTMLSelectElement>("basis");
  const current = select.value || BASES[0];
  clear(select);
  for (const basis of BASES) {
    const option = element("option", { text: word("basis", basis, pane.lang) });
    option.value = basis;
    select.appendChild(option);
  }
  select.value = current;
}

export function initTotals(pane: Pane): void {
  const out = byId("totals-result");
  renderBases(pane);
  pane.rerender.push(() => renderBases(pane));
  action(
    pane,
    byId<HTMLButtonElement>("totals-button"),
    async () => {
      const client = requireClient(pane);
      const host = requireHost(pane);
      if (pane.me!.role === "submitter") {
        out.textContent = tr(pane, "needLeader");
        return;
      }
      status(tr(pane, "pulling"));
      const report = await client.consolidated({
        template: pane.template.id,
        kind: kind(),
        basis: byId<HTMLSelectElement>("basis").value,
        asOf: asOfParam(byId<HTMLInputElement>("as-of").value),
      });
      const sheet = await host.run((ctx) =>
        writeConsolidated(ctx, pane.template, report, {
          unitNames: pane.unitNames,
          asOfText: formatTime({ ...pane, lang: "vi" }, report.asOf),
          ...host.options,
        }),
      );
      const text = tr(pane, "pulled", { units: report.units.length, sheet });
      out.textContent = text;
      out.dataset.sheet = sheet;
      status(text);
    },
    out,
  );
}
