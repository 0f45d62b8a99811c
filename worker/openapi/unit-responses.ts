// Answer schemas of the units-over-time routes (issue 17), registered as components like responses.ts.
import * as z from "zod";
import { about } from "./meta";
import { COMPONENTS } from "./responses";

function named<T extends z.ZodType>(id: string, schema: T): T {
  COMPONENTS.add(schema, { id });
  return schema;
}

const Succession = z.object({
  predecessor: z.string(),
  successor: z.string().nullable().meta(about("null: đóng, không có đơn vị kế thừa.", "null: closed, no successor.")),
  kind: z.enum(["merge", "split", "rename", "close", "reparent"]),
  effective: z.string().meta(about("Ngày hiệu lực.", "Effective day.")),
});

export const TransitionAnswerSchema = named(
  "UnitTransition",
  z.object({
    kind: z.enum(["merge", "split", "rename", "close", "reparent"]),
    date: z.string(),
    successions: z.array(Succession),
    created: z.array(z.string()).meta(about("Các đơn vị mới được tạo.", "Units created.")),
  }),
);

export const ImportAnswerSchema = named(
  "UnitImport",
  z.object({
    date: z.string().meta(about("Ngày hiệu lực của các thay đổi.", "The changes' effective day.")),
    dryRun: z.boolean().meta(about("true: chưa lưu gì.", "true: nothing was stored.")),
    added: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), parent: z.string().nullable() })),
    renamed: z.array(z.object({ code: z.string(), from: z.string(), to: z.string() })),
    reparented: z.array(z.object({ code: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
    relevelled: z.array(z.object({ code: z.string(), from: z.string(), to: z.string() })),
    unchanged: z.array(z.string()),
  }),
);

export const LateReportSchema = named(
  "LateReport",
  z.object({
    id: z.string(),
    unit: z.string(),
    template: z.string(),
    kind: z.string(),
    until: z.string(),
    reason: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
  }),
);
