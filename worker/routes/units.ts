import { Hono } from "hono";
import * as z from "zod";
import type { Unit } from "../../domain";
import type { AppEnv } from "../env";
import { authenticateReads, requireRole } from "../auth/middleware";
import { listUnits, storeUnit, type UnitRow } from "../db/units";
import { catalogueError, tooLarge } from "../errors";
import { EXAMPLES } from "../openapi/examples";
import { REFUSALS } from "../openapi/params";
import { route } from "../openapi/registry";
import { UnitListSchema, UnitSchema } from "../openapi/responses";
import { UNIT_EXAMPLES } from "../openapi/unit-examples";
import { ImportAnswerSchema, LateReportSchema, TransitionAnswerSchema } from "../openapi/unit-responses";
import { normaliseAsOf, UnitBody } from "../schemas";
import { requireKind, requireTemplate } from "../services/templates";
import { allowLateReports, applyTransition, importUnits, Structure, vietnamDay } from "../services/units";
import { ImportQuery, LateReportBody, TransitionBody, UnitsQuery } from "../unit-schemas";
import { parseJson, parseQuery } from "../request-input";

export const units = new Hono<AppEnv>();
// Reads sign in with their first query (decision 0023); writes name the principal first.
units.use("*", authenticateReads);

/** The largest units CSV taken (the official list of a province's communes is far smaller). */
const MAX_CSV_BYTES = 2 * 1024 * 1024;

route({
  method: "get",
  path: "/api/units",
  summary: {
    vi: "Các đơn vị có hiệu lực vào một ngày (mặc định hôm nay), với cấp trên và tên của ngày đó; all=1: mọi đơn vị",
    en: "The units in force on a day (today by default), with their parent and name that day; all=1: every unit",
  },
  roles: ["submitter", "reviewer", "leader"],
  query: UnitsQuery,
  responses: { 200: { vi: "Danh sách", en: "The list", schema: UnitListSchema }, 400: REFUSALS.asOf },
  examples: EXAMPLES.units,
});
units.get("/", async (c) => {
  const q = parseQuery(c, UnitsQuery);
  // A day means that whole day in Vietnam; an instant, the Vietnam day it falls on.
  const day = vietnamDay(normaliseAsOf(q.asOf ?? vietnamDay()));
  const everyUnit = q.all === "1" || q.all === "true";
  const structure = await Structure.read(c.env.DB);
  const rows = everyUnit ? [...structure.units.values()] : structure.unitsOn(day);
  const list: Unit[] = rows.map((u) => ({
    code: u.code,
    name: u.name,
    kind: u.kind,
    parent: u.parent,
    coastal: u.coastal === 1,
    validFrom: u.valid_from,
    validTo: u.valid_to,
  }));
  return c.json({ asOf: everyUnit ? null : day, units: list });
});

/**
 * The parent must be a unit already there, and not the unit itself or one below it: a cycle
 * would make every walk up the tree (subtrees, consolidation by branch) endless or wrong.
 */
function checkParent(all: UnitRow[], code: string, parent: string | null): void {
  if (parent === null) return;
  const parentOf = new Map(all.map((u) => [u.code, u.parent]));
  if (!parentOf.has(parent) && parent !== code) {
    throw catalogueError(422, "UNIT_PARENT_UNKNOWN", { parent }, { parent });
  }
  // Walk up from the new parent; meeting `code` means the unit would sit below itself.
  const seen = new Set<string>();
  for (let at: string | null | undefined = parent; at; at = parentOf.get(at)) {
    if (at === code) {
      throw catalogueError(422, "UNIT_PARENT_CYCLE", { parent, unit: code }, { parent });
    }
    if (seen.has(at)) break; // a cycle already stored (none can be made through this route)
    seen.add(at);
  }
}

route({
  method: "post",
  path: "/api/units",
  summary: {
    vi: "Thêm một đơn vị, hoặc sửa đơn vị như hiện nay (thay đổi có ngày hiệu lực: /api/units/transitions)",
    en: "Add a unit, or correct a unit as it is now (changes with an effective date: /api/units/transitions)",
  },
  roles: ["admin"],
  body: UnitBody,
  responses: {
    200: { vi: "Đã lưu", en: "Stored", schema: UnitSchema },
    422: {
      vi: "Đơn vị cấp trên không có, hoặc là chính đơn vị này hay một đơn vị trực thuộc nó",
      en: "The parent does not exist, or is the unit itself or one below it",
      codes: ["UNIT_PARENT_UNKNOWN", "UNIT_PARENT_CYCLE"],
    },
  },
  examples: EXAMPLES.storeUnit,
});
units.post("/", requireRole("admin"), async (c) => {
  const u = await parseJson(c, UnitBody);
  checkParent(await listUnits(c.env.DB), u.code, u.parent);
  const row = {
    code: u.code,
    name: u.name,
    kind: u.kind,
    parent: u.parent,
    coastal: u.coastal,
    valid_from: u.validFrom,
    valid_to: u.validTo,
  };
  await storeUnit(c.env.DB, c.get("principal"), row, u);
  return c.json(u);
});

route({
  method: "post",
  path: "/api/units/transitions",
  summary: {
    vi: "Ghi một thay đổi có ngày hiệu lực: đổi tên, giải thể, đổi cấp trên, hợp nhất (A, B → C), chia tách (A → B, C)",
    en: "Record a change with an effective date: rename, close, re-parent, merge (A, B → C), split (A → B, C)",
  },
  roles: ["admin"],
  // A union by `kind` (one shape per transition): documented as such; parseJson checks it below.
  documentedBody: TransitionBody,
  responses: {
    201: {
      vi: "Đã ghi, kèm quan hệ kế thừa",
      en: "Recorded, with what succeeded what",
      schema: TransitionAnswerSchema,
    },
    404: { vi: "Không có đơn vị", en: "No such unit", codes: ["UNIT_UNKNOWN"] },
    422: {
      vi: "Đơn vị không có hiệu lực ngày đó, ngày không sau thay đổi trước, cấp trên không có hay tạo vòng, mã mới đã có",
      en: "The unit is not in force that day, the date is not after its last change, the parent is unknown or makes a cycle, a new code exists",
      codes: [
        "UNIT_NOT_IN_FORCE",
        "UNIT_CHANGE_OUT_OF_ORDER",
        "UNIT_PARENT_UNKNOWN",
        "UNIT_PARENT_CYCLE",
        "UNIT_EXISTS",
        "UNIT_SUCCESSION_INVALID",
      ],
    },
  },
  examples: UNIT_EXAMPLES.transitions,
});
units.post("/transitions", requireRole("admin"), async (c) => {
  const body = await parseJson(c, TransitionBody);
  return c.json(await applyTransition(c.env.DB, c.get("principal"), body), 201);
});

route({
  method: "post",
  path: "/api/units/import",
  summary: {
    vi: "Nhập danh mục đơn vị từ tệp CSV theo mẫu danh mục hành chính (Mã, Tên, Cấp, Mã cấp trên); dryRun=1: chỉ xem trước",
    en: "Import units from a CSV in the layout of the official list (code, name, level, parent code); dryRun=1: preview only",
  },
  roles: ["admin"],
  bodyTypes: ["text/csv"],
  query: ImportQuery,
  responses: {
    200: {
      vi: "Những gì (sẽ) thay đổi: thêm, đổi tên, đổi cấp trên, đổi cấp, không đổi",
      en: "What changes (or would): added, renamed, re-parented, level changed, unchanged",
      schema: ImportAnswerSchema,
    },
    413: { vi: "Tệp quá 2 MiB", en: "A file over 2 MiB", codes: ["PAYLOAD_TOO_LARGE"] },
    422: {
      vi: "Tệp sai (nêu dòng và cột); không có gì thay đổi",
      en: "A malformed file (line and column named); nothing changed",
      codes: ["UNITS_CSV_MALFORMED"],
    },
  },
  examples: UNIT_EXAMPLES.import,
});
units.post("/import", requireRole("admin"), async (c) => {
  const q = parseQuery(c, ImportQuery);
  const declared = Number(c.req.header("Content-Length"));
  if (Number.isFinite(declared) && declared > MAX_CSV_BYTES) throw tooLarge(MAX_CSV_BYTES);
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > MAX_CSV_BYTES) throw tooLarge(MAX_CSV_BYTES);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw catalogueError(422, "UNITS_CSV_MALFORMED", {
      line: 1,
      column: "–",
      problem: "tệp không phải UTF-8 (hãy lưu lại dưới dạng CSV UTF-8)",
      problemEn: "the file is not UTF-8 (save it again as CSV UTF-8)",
    });
  }
  const dryRun = q.dryRun === "1" || q.dryRun === "true";
  return c.json(await importUnits(c.env.DB, c.get("principal"), text, { dryRun, date: q.date }));
});

route({
  method: "post",
  path: "/api/units/{code}/late-reports",
  summary: {
    vi: "Cho phép một đơn vị nộp ngoài thời gian hiệu lực (báo cáo chốt của đơn vị đã giải thể), theo mẫu biểu, loại báo cáo, đến một ngày; được ghi nhật ký",
    en: "Allow a unit to report outside its life (a dissolved unit's closing reports), per template and kind, until a day; audited",
  },
  roles: ["admin"],
  params: [{ name: "code", in: "path", schema: z.string(), vi: "Mã đơn vị.", en: "The unit's code." }],
  body: LateReportBody,
  responses: {
    201: { vi: "Đã cho phép", en: "Allowed", schema: LateReportSchema },
    404: {
      vi: "Không có đơn vị hay mẫu biểu",
      en: "No such unit or template",
      codes: ["UNIT_UNKNOWN", "TEMPLATE_NOT_FOUND"],
    },
    422: REFUSALS.noKind,
  },
  examples: UNIT_EXAMPLES.lateReports,
});
units.post("/:code/late-reports", requireRole("admin"), async (c) => {
  const body = await parseJson(c, LateReportBody);
  const code = c.req.param("code");
  if (!(await listUnits(c.env.DB)).some((u) => u.code === code))
    throw catalogueError(404, "UNIT_UNKNOWN", { unit: code.slice(0, 64) });
  const template = await requireTemplate(c.env.DB, body.template);
  const kind = requireKind(template, body.kind);
  const row = await allowLateReports(c.env.DB, c.get("principal"), { ...body, unit: code, kind });
  return c.json(row, 201);
});
