// Lấy số tổng hợp: consolidated totals (basis, as of) into a new sheet in the printed layout.
import { BASES, formatVietnamTime, parseVietnamDate, word } from "../../domain";
import { writeConsolidated } from "../excel";
import { byId, clear, element } from "./dom";
import { action, kind, type Pane, requireClient, requireHost, status, tr } from "./pane";

/**
 * The "as of" field, typed day first (30/11/2026) as everywhere in Vietnam: the end of that day
 * in Vietnam time, sent as YYYY-MM-DD (the server's meaning of a date). Empty: now; null: not a
 * date.
 */
export function asOfParam(text: string): string | undefined | null {
  if (!text.trim()) return undefined;
  return parseVietnamDate(text);
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
      const typed = byId<HTMLInputElement>("as-of").value;
      const asOf = asOfParam(typed);
      if (asOf === null) {
        out.textContent = tr(pane, "asOfInvalid", { text: typed.trim() });
        return;
      }
      status(tr(pane, "pulling"));
      const report = await client.consolidated({
        template: pane.template.id,
        kind: kind(),
        basis: byId<HTMLSelectElement>("basis").value,
        asOf,
      });
      const sheet = await host.run((ctx) =>
        writeConsolidated(ctx, pane.template, report, {
          unitNames: pane.unitNames,
          asOfText: formatVietnamTime(report.asOf),
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
