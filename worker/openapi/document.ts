import { z } from "zod";
import { ROUTES } from "./registry";

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const parameters = [
      ...[...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } })),
      ...Object.entries(r.query?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: "query",
        required: !(schema as z.ZodType).safeParse(undefined).success,
        schema: z.toJSONSchema(schema as z.ZodType, { io: "input", unrepresentable: "any" }),
      })),
    ];
    const content = Object.fromEntries(
      (r.bodyTypes ?? (r.body ? ["application/json"] : [])).map((type) => [
        type,
        { schema: type === "application/json" && r.body ? z.toJSONSchema(r.body, { io: "input", unrepresentable: "any" }) : { type: "string", format: "binary" } },
      ]),
    );
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      description: r.roles === "public" ? "Không cần mã truy cập." : `Vai trò: ${r.roles.join(", ")} (và admin).`,
      security: r.roles === "public" ? [] : [{ bearer: [] }],
      parameters,
      ...(Object.keys(content).length ? { requestBody: { required: true, content } } : {}),
      responses: Object.fromEntries(Object.entries(r.responses).map(([code, description]) => [code, { description }])),
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "KH 157 – API ngân sách phụ lục", version: "1.0.0", description: "Nộp, kiểm tra, duyệt và tổng hợp phụ lục kinh phí Kế hoạch 157/KH-UBND." },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    paths,
  };
}
