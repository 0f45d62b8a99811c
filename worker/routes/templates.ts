import { Hono } from "hono";
import { getTemplate, listTemplates } from "../../domain";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";

export const templates = new Hono<AppEnv>()
  .get("/", (c) =>
    c.json({
      templates: listTemplates().map((t) => ({
        id: t.id,
        version: t.version,
        name: t.name,
        appendices: t.appendices.map((a) => a.id),
      })),
    }),
  )
  .get("/:id", (c) => {
    const id = c.req.param("id");
    const template = getTemplate(id);
    if (!template) throw new ApiError(404, "TEMPLATE_NOT_FOUND", `Không tìm thấy mẫu biểu "${id}"`);
    return c.json(template);
  });
