// Request shapes shared by routes and the OpenAPI document. Roles, statuses and bases are the
// shared vocabulary (domain/contract/vocabulary.ts); report kinds belong to each template, so a
// kind is only id-shaped here and checked against its template's `kinds` by the service that
// takes it (services/templates.ts, requireKind: 422 KIND_UNKNOWN naming the allowed kinds).
import { z } from "zod";
import { BASES, DEFAULT_TEMPLATE_ID, ROLES, STATUSES } from "../domain";
import { catalogueError } from "./errors";

const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/);
/** A report kind's id; which ids a template accepts is its own `kinds`. */
export const KindId = Id;
export const Basis = z.enum(BASES);
const IsoTime = z.iso.datetime({ offset: true }).or(z.iso.date());

/** Keys named in one error message; a body with half a million unknown keys still gets one short message. */
const KEYS_NAMED = 5;

function someKeys(keys: readonly PropertyKey[]): string {
  const named = keys.slice(0, KEYS_NAMED).map((k) => JSON.stringify(String(k).slice(0, 40)));
  return named.join(", ") + (keys.length > KEYS_NAMED ? ` … (+${keys.length - KEYS_NAMED})` : "");
}

/** For every strict body: unknown fields are refused in one short message, whatever their number. */
const STRICT = {
  error: (iss: { code?: string; keys?: readonly PropertyKey[] }) =>
    iss.code === "unrecognized_keys" && iss.keys
      ? `${iss.keys.length} trường không được phép: ${someKeys(iss.keys)}`
      : undefined,
};

/** Longest appendix id a body may use as a key. */
const APPENDIX_KEY_MAX = 64;

export const SubmissionBody = z.strictObject(
  {
    template: Id,
    unit: Id,
    kind: KindId,
    baseVersion: z.number().int().min(0).max(1_000_000_000).optional(),
    // An object checked in one pass over its keys (one issue at most), neither copied key by key
    // nor given a key schema that raises an issue per key; the domain reads what is inside.
    appendices: z
      .custom<Record<string, unknown>>((v) => typeof v === "object" && v !== null && !Array.isArray(v), {
        message: "appendices phải là một đối tượng JSON",
        abort: true,
      })
      .check((ctx) => {
        if (typeof ctx.value !== "object" || ctx.value === null) return; // already refused above
        const long = Object.keys(ctx.value).filter((k) => k.length > APPENDIX_KEY_MAX);
        if (long.length) {
          ctx.issues.push({
            code: "custom",
            input: ctx.value,
            message: `${long.length} khóa phụ lục dài quá ${APPENDIX_KEY_MAX} ký tự: ${someKeys(long)}`,
          });
        }
      })
      .meta({
        type: "object",
        propertyNames: { maxLength: APPENDIX_KEY_MAX },
        additionalProperties: { type: "object", description: "item → measure → period → figure" },
      }),
  },
  STRICT,
);

export const SubmitQuery = z.object({ dryRun: z.enum(["true", "false", "1", "0"]).optional() });

export const UploadFields = z.object({
  template: Id,
  unit: Id,
  kind: KindId,
  baseVersion: z.coerce.number().int().min(0).optional(),
});

export const SubmissionFilter = z.object({
  template: Id.optional(),
  unit: Id.optional(),
  kind: KindId.optional(),
  status: z.enum(STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const FormatQuery = z.object({ format: z.enum(["json", "xlsx"]).default("json") });

export const ReviewBody = z.strictObject({ comment: z.string().max(2000).default("") }, STRICT);

export const LockBody = z.strictObject({ template: Id, kind: KindId, period: z.string().min(1).max(16) }, STRICT);

export const ConsolidatedQuery = z.object({
  template: Id.default(DEFAULT_TEMPLATE_ID),
  /** The template's first kind when absent. */
  kind: KindId.optional(),
  basis: Basis.default("latest"),
  asOf: IsoTime.optional(),
  unit: Id.optional(),
  format: z.enum(["json", "csv", "xlsx"]).default("json"),
});

export const PublishBody = z.strictObject(
  {
    template: Id.default(DEFAULT_TEMPLATE_ID),
    kind: KindId.optional(),
    basis: Basis.default("latest"),
    asOf: IsoTime.optional(),
    unit: Id.optional(),
  },
  STRICT,
);

export const StatusQuery = z.object({ template: Id.default(DEFAULT_TEMPLATE_ID), kind: KindId.optional() });

export const TokenBody = z.strictObject(
  { role: z.enum(ROLES), unit: Id.optional(), label: z.string().max(200).optional() },
  STRICT,
);

export const UnitBody = z.strictObject(
  {
    code: Id,
    name: z.string().min(1).max(200),
    kind: z.string().min(1).max(50),
    parent: Id.nullable().default(null),
    coastal: z.boolean().default(false),
    validFrom: z.iso.date().nullable().default(null),
    validTo: z.iso.date().nullable().default(null),
  },
  STRICT,
);

// The length is checked before the elements, so a million bad ids make one issue, not a million.
export const ExpectedBody = z.strictObject(
  { template: Id, units: z.array(z.unknown()).max(500).pipe(z.array(Id)) },
  STRICT,
);

export const AuditQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** Vietnam time is UTC+7 all year (no daylight saving time). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
/** Instants asOf may name: the years 2000 to 9999 in UTC, whose ISO strings all sort as text. */
const AS_OF_MIN = Date.UTC(2000, 0, 1);
const AS_OF_MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * asOf as a full ISO instant in UTC, so text comparison in SQL is exact. A date (YYYY-MM-DD)
 * means the end of that day in Vietnam time, as the pages say: everything before the next
 * day's 00:00 +07:00. An instant outside the years 2000–9999 once its offset is applied is
 * refused with 400 AS_OF_OUT_OF_RANGE (year 10000 would print as "+010000-…", which sorts
 * before every real time); a date that is not in the calendar with 400 INVALID_AS_OF.
 */
export function normaliseAsOf(asOf: string | undefined): string {
  if (!asOf) return new Date().toISOString();
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  let at: number;
  if (date) {
    const [y, m, d] = date.slice(1).map(Number);
    if (y < 2000 || y > 9999) throw asOfOutOfRange(asOf);
    const midnight = Date.UTC(y, m - 1, d);
    const day = new Date(midnight);
    if (day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) throw asOfInvalid(asOf);
    at = midnight + DAY_MS - VIETNAM_OFFSET_MS - 1;
  } else {
    at = Date.parse(asOf);
    if (Number.isNaN(at)) throw asOfInvalid(asOf);
  }
  if (at < AS_OF_MIN || at > AS_OF_MAX) throw asOfOutOfRange(asOf);
  return new Date(at).toISOString();
}

function asOfOutOfRange(asOf: string) {
  return catalogueError(400, "AS_OF_OUT_OF_RANGE", { asOf: asOf.slice(0, 40) });
}

function asOfInvalid(asOf: string) {
  return catalogueError(400, "INVALID_AS_OF", { asOf: asOf.slice(0, 40) });
}
