import { Hono } from "hono";
import type { AppEnv } from "../env";
import { authenticateWithReads, principalOf, requireRole } from "../auth/middleware";
import { consolidatedWorkbook, xlsxHeaders } from "../services/export";
import { getPublished, listPublished } from "../db/published";
import { catalogueError } from "../errors";
import { EXAMPLES, XLSX } from "../openapi/examples";
import { PARAMS, REFUSALS } from "../openapi/params";
import { route } from "../openapi/registry";
import {
  ConsolidatedReportSchema,
  PublishAnswerSchema,
  PublishedListSchema,
  PublishedReportSchema,
} from "../openapi/responses";
import { ConsolidatedQuery, normaliseAsOf, PublishBody } from "../schemas";
import { breakdown, unitColumns } from "../services/breakdown";
import { consolidateWithLayout } from "../services/consolidate";
import { consolidatedCsv, peopleCsv } from "../services/csv";
import { publish } from "../services/publish";
import { requireKind, withNewestTemplate } from "../services/templates";
import { parseJson, parseQuery } from "../request-input";

export const consolidated = new Hono<AppEnv>();
// The sign-in goes with each route's first reads (decision 0023).
consolidated.use("*", authenticateWithReads, requireRole("leader", "reviewer"));

route({
  method: "get",
  path: "/api/consolidated",
  summary: {
    vi: "Số tổng hợp toàn tỉnh (hoặc một nhánh đơn vị), theo bản mới nhất hoặc đã duyệt, tại một thời điểm, so với kế hoạch",
    en: "Consolidated totals of the province (or a branch of units), of latest or approved versions, as of a moment, against the plan",
  },
  roles: ["leader", "reviewer"],
  query: ConsolidatedQuery,
  responses: {
    200: {
      vi: "JSON; CSV (format=csv); tệp .xlsx (format=xlsx)",
      en: "JSON; CSV (format=csv); an .xlsx file (format=xlsx)",
      schema: ConsolidatedReportSchema,
      media: ["text/csv", XLSX],
    },
    400: REFUSALS.asOf,
    404: REFUSALS.noTemplate,
    422: REFUSALS.noKind,
  },
  examples: EXAMPLES.consolidated,
});
consolidated.get("/", async (c) => {
  const q = parseQuery(c, ConsolidatedQuery);
  // Only the exports need each unit's figures; without them a cached answer may serve (decision 0022).
  const perUnit = q.format === "csv-vi" || q.format === "xlsx";
  // One round trip: the sign-in, the newest template version and the data (decision 0023).
  const { kind, consolidation } = await withNewestTemplate(c.env.DB, q.template, async (newest) => {
    const kind = requireKind(newest, q.kind);
    // Printed and exported with the template version the totals are laid out with (decision 0012).
    const asOf = normaliseAsOf(q.asOf);
    const db = c.env.DB;
    return {
      kind,
      consolidation: await consolidateWithLayout(db, newest, kind, q.basis, asOf, q.unit, q.view, { perUnit }),
    };
  });
  const { report, template } = consolidation;
  if (q.format === "csv") {
    return c.body(consolidatedCsv(template, report), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tong-hop-${template.id}-${kind}.csv"`,
    });
  }
  // What people open (decision 0020): names, not codes; Vietnam time; the breakdown by unit.
  // Names as on the asOf day (issue 17), labelled with their successors in the successors view.
  const names = async () => consolidation.names;
  if (q.format === "csv-vi") {
    const table = breakdown(template, report, unitColumns(consolidation, await names()));
    return c.body(peopleCsv(table), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tong-hop-${template.id}-${kind}-vi.csv"`,
    });
  }
  if (q.format === "xlsx") {
    const bytes = consolidatedWorkbook(consolidation, await names());
    return c.body(bytes, 200, xlsxHeaders(`tong-hop-${template.id}-${kind}`));
  }
  return c.json(report);
});

route({
  method: "post",
  path: "/api/consolidated/publish",
  summary: {
    vi: "Công bố (đóng băng) số tổng hợp hiện tại thành một bản ghi bất biến",
    en: "Publish (freeze) the current consolidated totals as an immutable record",
  },
  roles: ["reviewer"],
  body: PublishBody,
  responses: {
    201: { vi: "Đã công bố", en: "Published", schema: PublishAnswerSchema },
    400: REFUSALS.asOf,
    404: REFUSALS.noTemplate,
    422: REFUSALS.noKind,
  },
  examples: EXAMPLES.publish,
});
consolidated.post("/publish", requireRole("reviewer"), async (c) => {
  const body = await parseJson(c, PublishBody);
  return c.json(await publish(c.env.DB, await principalOf(c), body), 201);
});

route({
  method: "get",
  path: "/api/consolidated/published",
  summary: { vi: "Các bản tổng hợp đã công bố, mới nhất trước", en: "Published reports, newest first" },
  roles: ["leader", "reviewer"],
  params: [PARAMS.templateFilter],
  responses: { 200: { vi: "Danh sách", en: "The list", schema: PublishedListSchema } },
  examples: EXAMPLES.publishedList,
});
consolidated.get("/published", async (c) =>
  c.json({ published: await listPublished(c.env.DB, c.req.query("template")) }),
);

route({
  method: "get",
  path: "/api/consolidated/published/{id}",
  summary: {
    vi: "Một bản tổng hợp đã công bố, đúng như lúc công bố",
    en: "One published report, exactly as published",
  },
  roles: ["leader", "reviewer"],
  params: [PARAMS.publishedId],
  responses: {
    200: { vi: "Bản tổng hợp", en: "The report", schema: PublishedReportSchema },
    404: { vi: "Không có", en: "Not there", codes: ["PUBLISHED_NOT_FOUND"] },
  },
  examples: EXAMPLES.published,
});
consolidated.get("/published/:id", async (c) => {
  const row = await getPublished(c.env.DB, c.req.param("id"));
  if (!row) throw catalogueError(404, "PUBLISHED_NOT_FOUND");
  return c.json(row);
});
