// Plan 157's template with nested rows and a computed measure (issue 16), for focused tests:
// PL01's three items under two groups — I (items 1 and 2, STT "1." and "2.") and II, which holds
// a sub-group II.1 printed "1." again (so STTs repeat across groups) with item 3 under it as
// "a)". Groups carry money only (a group's quantity would add bulletins to posters), so
// "Tổng cộng" looks through them for quantity. PL02 gains "TONG" = NSTW + NSĐP per period.
import { type ColumnNode, getTemplate, type Item, type Template } from "../../domain";

export const NESTED = "PL01";
export const COMPUTED = "PL02";

function item(t: Template, appendix: string, id: string, stt: string): Item {
  const found = t.appendices.find((a) => a.id === appendix)!.items.find((i) => i.id === id)!;
  return { ...found, stt };
}

/** PL02's columns with "Tổng số" (TONG) before NSTW for every period. */
function withTong(nodes: ColumnNode[]): ColumnNode[] {
  return nodes.flatMap((n): ColumnNode[] => {
    if (n.children) return [{ ...n, children: withTong(n.children) }];
    if (n.measure !== "NSTW") return [n];
    return [{ header: `Tổng số ${n.header}`, measure: "TONG", period: n.period }, n];
  });
}

export function nestedTemplate(id = "kh-157-nested"): Template {
  const t = structuredClone(getTemplate("kh-157-2023")!) as Template;
  t.id = id;
  t.measures.push({
    id: "TONG",
    kind: "money",
    label: "Tổng số",
    en: "Total",
    numberFormat: "#,##0.###",
    sumOf: ["NSTW", "NSDP"],
  });
  const plain = ["quantity", "NSTW", "NSDP"];
  for (const a of t.appendices) if (a.id !== COMPUTED) a.measures ??= plain;
  const pl01 = t.appendices.find((a) => a.id === NESTED)!;
  const money = ["NSTW", "NSDP"];
  pl01.items = [
    {
      id: "I",
      stt: "I",
      label: "Sản phẩm in ấn",
      measures: money,
      children: [item(t, NESTED, "1", "1."), item(t, NESTED, "2", "2.")],
    },
    {
      id: "II",
      stt: "II",
      label: "Sản phẩm nghe nhìn",
      measures: money,
      children: [
        {
          id: "II.1",
          stt: "1.",
          label: "Phát trên mạng xã hội",
          measures: money,
          children: [item(t, NESTED, "3", "a)")],
        },
      ],
    },
  ];
  const pl02 = t.appendices.find((a) => a.id === COMPUTED)!;
  pl02.columns = withTong(pl02.columns);
  pl02.totalRow = { ...pl02.totalRow, measures: [...pl02.totalRow.measures, "TONG"] };
  return t;
}
