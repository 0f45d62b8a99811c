import { Hono } from "hono";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { canonicalJson, figuresFromTree, type Template } from "../../domain";
import { workbookBytes, xlsxHeaders } from "../services/export";
import { auditStatement } from "../db/audit";
import { getPublished, insertPublishedStatement, listPublished } from "../db/published";
import { ApiError } from "../errors";
import { route } from "../openapi/registry";
import { ConsolidatedQuery, normaliseAsOf, PublishBody } from "../schemas";
import { type ConsolidatedReport, consolidateWithLayout } from "../services/consolidate";
import { consolidatedCsv } from "../services/csv";
import { resolveTemplate } from "../services/templates";
import { parseJson, parseQuery } from "../validation";

export const consolidated = new Hono<AppEnv>();
consolidated.use("*", authenticate, requireRole("leader", "reviewer"));

async function templateOr404(db: D1Database, id: string): Promise<Template> {
  const t = await resolveTemplate(db, id);
  if (!t) throw new ApiError(404, "TEMPLATE_NOT_FOUND", `Không tìm thấy mẫu biểu "${id}".`);
  return t;
}

/** Said on the printed totals only when the included snapshots used more than one template version. */
function versionNotes(report: ConsolidatedReport): string[] {
  if (report.templateVersions.length < 2 && !Object.keys(report.unplaced).length) return [];
  const notes = [`Theo mẫu biểu phiên bản ${report.templateVersion}; các báo cáo được lập theo phiên bản ${report.templateVersions.join(", ")}.`];
  if (Object.keys(report.unplaced).length) notes.push("Có số liệu của phiên bản mẫu cũ không còn dòng tương ứng: đã tính vào dòng Tổng cộng, chi tiết ở trường \"unplaced\" của bản JSON.");
  return notes;
}

route({
  method: "get", path: "/api/consolidated", summary: "Số tổng hợp toàn tỉnh (hoặc một nhánh đơn vị), theo bản mới nhất hoặc đã duyệt, tại một thời điểm",
  roles: ["leader", "reviewer"], query: ConsolidatedQuery, responses: { 200: "JSON, CSV hoặc .xlsx", 404: "Không có mẫu biểu" },
});
consolidated.get("/", async (c) => {
  const q = parseQuery(c, ConsolidatedQuery);
  // Printed and exported with the template version the totals are laid out with (decision 0012).
  const { report, template } = await consolidateWithLayout(c.env.DB, await templateOr404(c.env.DB, q.template), q.kind, q.basis, normaliseAsOf(q.asOf), q.unit);
  if (q.format === "csv") {
    return c.body(consolidatedCsv(template, report), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tong-hop-${template.id}-${q.kind}.csv"`,
    });
  }
  if (q.format === "xlsx") {
    const kind = template.kinds.find((k) => k.id === q.kind)?.label ?? q.kind;
    const included = report.units.map((u) => `${u.unit} v${u.version}`).join(", ") || "chưa có đơn vị nào";
    const bytes = workbookBytes(template, figuresFromTree(template, report.appendices), {
      subtitle: `Tổng hợp ${kind.toLowerCase()} – ${q.basis === "approved" ? "bản đã duyệt" : "bản mới nhất"} – đến ${report.asOf}`,
      footnotes: [`Gồm các đơn vị (phiên bản): ${included}`, ...versionNotes(report), `Mã kiểm tra (hash): ${report.hash}`],
    });
    return c.body(bytes, 200, xlsxHeaders(`tong-hop-${template.id}-${q.kind}`));
  }
  return c.json(report);
});

route({ method: "post", path: "/api/consolidated/publish", summary: "Công bố (đóng băng) số tổng hợp hiện tại thành một bản ghi bất biến", roles: ["reviewer"], body: PublishBody, responses: { 201: "Đã công bố" } });
consolidated.post("/publish", requireRole("reviewer"), async (c) => {
  const body = await parseJson(c, PublishBody);
  const { report, template } = await consolidateWithLayout(c.env.DB, await templateOr404(c.env.DB, body.template), body.kind, body.basis, normaliseAsOf(body.asOf), body.unit);
  const who = c.get("principal");
  const row = { id: crypto.randomUUID(), template: template.id, kind: body.kind, basis: body.basis, asOf: report.asOf, sha256: report.hash, createdAt: new Date().toISOString(), createdBy: who.id };
  await c.env.DB.batch([
    insertPublishedStatement(c.env.DB, { ...row, body: canonicalJson(report) }),
    auditStatement(c.env.DB, who, "consolidated.publish", row.id, { template: template.id, kind: body.kind, basis: body.basis, hash: report.hash }, row.createdAt),
  ]);
  return c.json({ ...row, units: report.units }, 201);
});

route({ method: "get", path: "/api/consolidated/published", summary: "Các bản tổng hợp đã công bố", roles: ["leader", "reviewer"], responses: { 200: "Danh sách" } });
consolidated.get("/published", async (c) => c.json({ published: await listPublished(c.env.DB, c.req.query("template")) }));

route({ method: "get", path: "/api/consolidated/published/{id}", summary: "Một bản tổng hợp đã công bố, đúng như lúc công bố", roles: ["leader", "reviewer"], responses: { 200: "Bản tổng hợp", 404: "Không có" } });
consolidated.get("/published/:id", async (c) => {
  const row = await getPublished(c.env.DB, c.req.param("id"));
  if (!row) throw new ApiError(404, "PUBLISHED_NOT_FOUND", "Không tìm thấy bản tổng hợp đã công bố này.");
  const { body, ...meta } = row;
  return c.json({ ...meta, report: JSON.parse(body) });
});
