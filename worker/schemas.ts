// Request shapes shared by routes and the OpenAPI document.
import { z } from "zod";
import { DEFAULT_TEMPLATE_ID } from "../domain";

export const Kind = z.enum(["plan", "execution"]);
export const Basis = z.enum(["latest", "approved"]);
const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/);
const IsoTime = z.iso.datetime({ offset: true }).or(z.iso.date());

export const SubmissionBody = z
  .object({
    template: Id,
    unit: Id,
    kind: Kind,
    baseVersion: z.number().int().min(0).max(1_000_000_000).optional(),
    appendices: z.record(z.string().max(64), z.unknown()),
  })
  .strict();

export const SubmitQuery = z.object({ dryRun: z.enum(["true", "false", "1", "0"]).optional() });

export const UploadFields = z.object({ template: Id, unit: Id, kind: Kind, baseVersion: z.coerce.number().int().min(0).optional() });

export const SubmissionFilter = z.object({
  template: Id.optional(),
  unit: Id.optional(),
  kind: Kind.optional(),
  status: z.enum(["submitted", "approved", "returned"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const FormatQuery = z.object({ format: z.enum(["json", "xlsx"]).default("json") });

export const ReviewBody = z.object({ comment: z.string().max(2000).default("") }).strict();

export const LockBody = z.object({ template: Id, kind: Kind, period: z.string().min(1).max(16) }).strict();

export const ConsolidatedQuery = z.object({
  template: Id.default(DEFAULT_TEMPLATE_ID),
  kind: Kind.default("plan"),
  basis: Basis.default("latest"),
  asOf: IsoTime.optional(),
  unit: Id.optional(),
  format: z.enum(["json", "csv", "xlsx"]).default("json"),
});

export const PublishBody = z
  .object({ template: Id.default(DEFAULT_TEMPLATE_ID), kind: Kind.default("plan"), basis: Basis.default("latest"), asOf: IsoTime.optional(), unit: Id.optional() })
  .strict();

export const StatusQuery = z.object({ template: Id.default(DEFAULT_TEMPLATE_ID), kind: Kind.default("plan") });

export const TokenBody = z
  .object({ role: z.enum(["submitter", "reviewer", "leader", "admin"]), unit: Id.optional(), label: z.string().max(200).optional() })
  .strict();

export const UnitBody = z
  .object({
    code: Id,
    name: z.string().min(1).max(200),
    kind: z.string().min(1).max(50),
    parent: Id.nullable().default(null),
    coastal: z.boolean().default(false),
    validFrom: z.iso.date().nullable().default(null),
    validTo: z.iso.date().nullable().default(null),
  })
  .strict();

export const ExpectedBody = z.object({ template: Id, units: z.array(Id).max(500) }).strict();

export const AuditQuery = z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(200) });

/** asOf as a full ISO instant (a date means the end of that day), so text comparison in SQL is exact. */
export function normaliseAsOf(asOf: string | undefined): string {
  if (!asOf) return new Date().toISOString();
  const at = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? `${asOf}T23:59:59.999Z` : asOf;
  return new Date(at).toISOString();
}
