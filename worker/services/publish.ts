// Publishing consolidated totals: the rules the API route (POST /api/consolidated/publish) and
// the dashboard share. Only a reviewer (or an administrator) publishes; the totals are
// consolidated exactly as GET /api/consolidated answers them and stored, never changed
// afterwards, with their hash and an audit row in one batch. Reading one back gives the
// report as published and the template version it is laid out with, and its workbook.
import {
  type Basis,
  canonicalJson,
  figuresFromTree,
  formatVietnamTime,
  kindLabel,
  type Template,
  word,
} from "../../domain";
import { assertRole, type Principal } from "../auth/principal";
import { getPublished, type PublishedRow, storePublished } from "../db/published";
import { listUnits } from "../db/units";
import { catalogueError } from "../errors";
import { normaliseAsOf } from "../schemas";
import { type ConsolidatedReport, consolidateWithLayout } from "./consolidate";
import { workbookBytes } from "./export";
import { requireKind, requireTemplate, resolveTemplate } from "./templates";

export interface PublishRequest {
  template: string;
  /** The template's first kind when absent. */
  kind?: string;
  basis: Basis;
  /** A date (YYYY-MM-DD, the end of that day in Vietnam time) or an ISO instant; now when absent. */
  asOf?: string;
  unit?: string;
}

export type PublishAnswer = PublishedRow & { units: ConsolidatedReport["units"] };

/**
 * Publishes the totals a request names. Throws the catalogue error a refusal answers with:
 * 403 FORBIDDEN, 404 TEMPLATE_NOT_FOUND, 422 KIND_UNKNOWN, 400 INVALID_AS_OF / AS_OF_OUT_OF_RANGE.
 */
export async function publish(db: D1Database, who: Principal, req: PublishRequest): Promise<PublishAnswer> {
  assertRole(who, "reviewer");
  const newest = await requireTemplate(db, req.template);
  const kind = requireKind(newest, req.kind);
  const { report, template } = await consolidateWithLayout(
    db,
    newest,
    kind,
    req.basis,
    normaliseAsOf(req.asOf),
    req.unit,
  );
  const row: PublishedRow = {
    id: crypto.randomUUID(),
    template: template.id,
    kind,
    basis: req.basis,
    asOf: report.asOf,
    sha256: report.hash,
    createdAt: new Date().toISOString(),
    createdBy: who.id,
  };
  await storePublished(
    db,
    who,
    { ...row, body: canonicalJson(report) },
    { template: template.id, kind, basis: req.basis, hash: report.hash },
  );
  return { ...row, units: report.units };
}

export interface Published {
  row: PublishedRow;
  report: ConsolidatedReport;
  /** The template version the report was laid out with (the newest if that one is gone). */
  template: Template;
}

/** A published report as published: 404 PUBLISHED_NOT_FOUND, 403 FORBIDDEN for a role that may not read it. */
export async function readPublished(db: D1Database, who: Principal, id: string): Promise<Published> {
  assertRole(who, "leader", "reviewer");
  const found = await getPublished(db, id);
  if (!found) throw catalogueError(404, "PUBLISHED_NOT_FOUND");
  const { report, ...row } = found;
  const stored = report as unknown as ConsolidatedReport;
  const template =
    (await resolveTemplate(db, row.template, stored.templateVersion)) ?? (await requireTemplate(db, row.template));
  return { row, report: stored, template };
}

/** A published report as a workbook in the printed layout, named and dated as people read it. */
export async function publishedWorkbook(
  db: D1Database,
  p: Published,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; name: string }> {
  const names = new Map((await listUnits(db)).map((u) => [u.code, u.name]));
  const included =
    p.report.units.map((u) => `${names.get(u.unit) ?? u.unit} (phiên bản ${u.version})`).join(", ") ||
    "chưa có đơn vị nào";
  const kind = kindLabel(p.template, p.row.kind, "vi").toLowerCase();
  const basis = word("basis", p.row.basis, "vi").toLowerCase();
  const bytes = workbookBytes(p.template, figuresFromTree(p.template, p.report.appendices), {
    subtitle: `Bản công bố – tổng hợp ${kind} – ${basis} – tính đến ${formatVietnamTime(p.row.asOf)}`,
    footnotes: [
      `Công bố lúc ${formatVietnamTime(p.row.createdAt)} (giờ Việt Nam).`,
      `Gồm các đơn vị: ${included}.`,
      `Mã kiểm tra: ${p.row.sha256}`,
    ],
  });
  // The day of publishing in Vietnam time, day first: cong-bo-kh-157-2023-plan-30-11-2026.xlsx.
  const day = formatVietnamTime(p.row.createdAt).slice(0, 10).replace(/\//g, "-");
  return { bytes, name: `cong-bo-${p.template.id}-${p.row.kind}-${day}` };
}
