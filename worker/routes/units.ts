import { Hono } from "hono";
import type { Unit } from "../../domain";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { listUnits, storeUnit, type UnitRow } from "../db/units";
import { catalogueError } from "../errors";
import { EXAMPLES } from "../openapi/examples";
import { route } from "../openapi/registry";
import { UnitListSchema, UnitSchema } from "../openapi/responses";
import { UnitBody } from "../schemas";
import { parseJson } from "../request-input";

export const units = new Hono<AppEnv>();
units.use("*", authenticate);

route({
  method: "get",
  path: "/api/units",
  summary: { vi: "Danh mục đơn vị (tỉnh, sở, huyện)", en: "The units (province, department, districts)" },
  roles: ["submitter", "reviewer", "leader"],
  responses: { 200: { vi: "Danh sách", en: "The list", schema: UnitListSchema } },
  examples: EXAMPLES.units,
});
units.get("/", async (c) => {
  const rows = await listUnits(c.env.DB);
  const list: Unit[] = rows.map((u) => ({
    code: u.code,
    name: u.name,
    kind: u.kind,
    parent: u.parent,
    coastal: u.coastal === 1,
    validFrom: u.valid_from,
    validTo: u.valid_to,
  }));
  return c.json({ units: list });
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
  summary: { vi: "Thêm hoặc sửa một đơn vị", en: "Add or change a unit" },
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
