import { Hono } from "hono";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { canonicalJson, figuresFromTree, kindLabel, word } from "../../domain";
import { workbookBytes, xlsxHeaders } from "../services/export";
import { getPublished, listPublished, storePublished } from "../db/published";
import { catalogueError } from "../errors";
import { route } from "../openapi/registry";
import { ConsolidatedQuery, normaliseAsOf, PublishBody } from "../schemas";
import { type ConsolidatedReport, consolidateWithLayout } from "../services/consolidate";
import { consolidatedCsv } from "../services/csv";
import { requireKind, requireTemplate } from "../services/templates";
import { parseJson, parseQuery } from "../request-input";

export const consolidated = new Hono<AppEnv>();
consolidated.use("*", authenticate, requireRole("leader", "reviewer"));

/** Said on the printed totals only when the included snapshots used more than one template version. */
function versionNotes(report: ConsolidatedReport): string[] {
  if (report.templateVersions.length < 2 && !Object.keys(report.unplaced).length) return [];
  const notes = [
    `Theo mẫu biểu phiên bản ${report.templateVersion}; các báo cáo được lập theo phiên bản ${report.templateVersions.join(", ")}.`,
  ];
  if (Object.keys(report.unplaced).length)
    notes.push(
      'Có số liệu của phiên bản mẫu cũ không còn dòng tương ứng: đã tính vào dòng Tổng cộng, chi tiết ở trường "unplaced" của bản JSON.',
    );
  return notes;
}

route({
  method: "get",
  path: "/api/consolidated",
  summary:
    "Số tổng hợp toàn tỉnh (hoặc một nhánh đơn vị), theo bản mới nhất hoặc đã duyệt, tại một thời điểm (kind: một loại báo cáo của mẫu biểu, mặc định loại đầu tiên)",
  roles: ["leader", "reviewer"],
  query: ConsolidatedQuery,
  responses: {
    200: "JSON, CSV hoặc .xlsx",
    404: "Không có mẫu biểu (TEMPLATE_NOT_FOUND)",
    422: "Loại báo cáo không có trong mẫu biểu (KIND_UNKNOWN)",
  },
});
consolidated.get("/", async (c) => {
  const q = parseQuery(c, ConsolidatedQuery);
  const newest = await requireTemplate(c.env.DB, q.template);
  const kind = requireKind(newest, q.kind);
  // Printed and exported with the template version the totals are laid out with (decision 0012).
  const { report, template } = await consolidateWithLayout(
    c.env.DB,
    newest,
    kind,
    q.basis,
    normaliseAsOf(q.asOf),
    q.unit,
  );
  if (q.format === "csv") {
    return c.body(consolidatedCsv(template, report), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tong-hop-${template.id}-${kind}.csv"`,
    });
  }
  if (q.format === "xlsx") {
    const included = report.units.map((u) => `${u.unit} v${u.version}`).join(", ") || "chưa có đơn vị nào";
    const bytes = workbookBytes(template, figuresFromTree(template, report.appendices), {
      subtitle: `Tổng hợp ${kindLabel(template, kind, "vi").toLowerCase()} – ${word("basis", q.basis, "vi").toLowerCase()} – đến ${report.asOf}`,
      footnotes: [
        `Gồm các đơn vị (phiên bản): ${included}`,
        ...versionNotes(report),
        `Mã kiểm tra (hash): ${report.hash}`,
      ],
    });
    return c.body(bytes, 200, xlsxHeaders(`tong-hop-${template.id}-${kind}`));
  }
  return c.json(report);
});

route({
  method: "post",
  path: "/api/consolidated/publish",
  summary: "Công bố (đóng băng) số tổng hợp hiện tại thành một bản ghi bất biến",
  roles: ["reviewer"],
  body: PublishBody,
  responses: {
    201: "Đã công bố",
    404: "Không có mẫu biểu (TEMPLATE_NOT_FOUND)",
    422: "Loại báo cáo không có trong mẫu biểu (KIND_UNKNOWN)",
  },
});
consolidated.post("/publish", requireRole("reviewer"), async (c) => {
  const body = await parseJson(c, PublishBody);
  const newest = await requireTemplate(c.env.DB, body.template);
  const kind = requireKind(newest, body.kind);
  const { report, template } = await consolidateWithLayout(
    c.env.DB,
    newest,
    kind,
    body.basis,
    normaliseAsOf(body.asOf),
    body.unit,
  );
  const who = c.get("principal");
  const row = {
    id: crypto.randomUUID(),
    template: template.id,
    kind,
    basis: body.basis,
    asOf: report.asOf,
    sha256: report.hash,
    createdAt: new Date().toISOString(),
    createdBy: who.id,
  };
  await storePublished(
    c.env.DB,
    who,
    { ...row, body: canonicalJson(report) },
    { template: template.id, kind, basis: body.basis, hash: report.hash },
  );
  return c.json({ ...row, units: report.units }, 201);
});

route({
  method: "get",
  path: "/api/consolidated/published",
  summary: "Các bản tổng hợp đã công bố",
  roles: ["leader", "reviewer"],
  responses: { 200: "Danh sách" },
});
consolidated.get("/published", async (c) =>
  c.json({ published: await listPublished(c.env.DB, c.req.query("template")) }),
);

route({
  method: "get",
  path: "/api/consolidated/published/{id}",
  summary: "Một bản tổng hợp đã công bố, đúng như lúc công bố",
  roles: ["leader", "reviewer"],
  responses: { 200: "Bản tổng hợp", 404: "Không có" },
});
consolidated.get("/published/:id", async (c) => {
  const row = await getPublished(c.env.DB, c.req.param("id"));
  if (!row) throw catalogueError(404, "PUBLISHED_NOT_FOUND");
  return c.json(row);
});
