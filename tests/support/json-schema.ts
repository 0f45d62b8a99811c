// A minimal JSON Schema (draft 2020-12) validator for the subset docs/template.schema.json uses,
// written for the tests: it refuses any keyword it does not know, so the schema cannot start to
// rely on one these tests would silently ignore.
type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(["$schema", "$id", "title", "description"]);
const KNOWN = new Set([
  ...ANNOTATIONS,
  "$ref",
  "$defs",
  "type",
  "enum",
  "required",
  "properties",
  "additionalProperties",
  "items",
  "minItems",
  "minLength",
  "pattern",
  "minimum",
  "exclusiveMinimum",
  "const",
  "contains",
  "minContains",
  "maxContains",
]);

export interface SchemaError {
  /** JSON pointer of the value refused. */
  path: string;
  keyword: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function typeOf(v: unknown): string[] {
  if (v === null) return ["null"];
  if (Array.isArray(v)) return ["array"];
  if (typeof v === "number") return Number.isInteger(v) ? ["integer", "number"] : ["number"];
  return [typeof v];
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every place `value` breaks `schema` (the root schema resolves `$ref`s); [] when it conforms. */
export function validate(root: Schema, value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  const check = (schema: Schema, v: unknown, path: string): void => {
    for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`unsupported keyword ${k} at ${path}`);
    const fail = (keyword: string, at = path) => void errors.push({ path: at, keyword });
    if (typeof schema.$ref === "string") {
      const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
      const target = name && (root.$defs as Record<string, Schema> | undefined)?.[name];
      if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
      check(target, v, path);
    }
    if (schema.type !== undefined) {
      const want = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!typeOf(v).some((t) => want.includes(t))) return fail("type");
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((x) => equal(x, v))) fail("enum");
    if ("const" in schema && !equal(schema.const, v)) fail("const");
    if (typeof v === "string") {
      if (typeof schema.minLength === "number" && [...v].length < schema.minLength) fail("minLength");
      if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(v)) fail("pattern");
    }
    if (typeof v === "number") {
      if (typeof schema.minimum === "number" && v < schema.minimum) fail("minimum");
      if (typeof schema.exclusiveMinimum === "number" && v <= schema.exclusiveMinimum) fail("exclusiveMinimum");
    }
    if (Array.isArray(v)) {
      if (typeof schema.minItems === "number" && v.length < schema.minItems) fail("minItems");
      if (isObject(schema.items)) v.forEach((x, k) => check(schema.items as Schema, x, `${path}/${k}`));
      if (isObject(schema.contains)) {
        const matches = v.filter((x, k) => conforms(schema.contains as Schema, x, `${path}/${k}`)).length;
        const min = typeof schema.minContains === "number" ? schema.minContains : 1;
        if (matches < min) fail("minContains");
        if (typeof schema.maxContains === "number" && matches > schema.maxContains) fail("maxContains");
      }
    }
    if (isObject(v)) {
      for (const r of (schema.required as string[] | undefined) ?? [])
        if (!Object.prototype.hasOwnProperty.call(v, r)) fail("required", `${path}/${r}`);
      const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
      for (const [k, x] of Object.entries(v)) {
        const at = `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        if (Object.prototype.hasOwnProperty.call(props, k)) check(props[k], x, at);
        else if (schema.additionalProperties === false) fail("additionalProperties", at);
        else if (isObject(schema.additionalProperties)) check(schema.additionalProperties, x, at);
      }
    }
  };
  /** Whether `v` conforms to `schema`, leaving no error behind (`contains` only counts matches). */
  const conforms = (schema: Schema, v: unknown, path: string): boolean => {
    const before = errors.length;
    check(schema, v, path);
    const ok = errors.length === before;
    errors.length = before;
    return ok;
  };
  check(root, value, "");
  return errors;
}
