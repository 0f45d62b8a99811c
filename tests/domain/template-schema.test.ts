// Issue 16: the template format's JSON Schema (docs/template.schema.json) and templateProblems'
// shape checks say the same thing. The schema file and the problem table of docs/templates.md are
// what scripts/template-schema.mjs writes from domain/template/{schema,problems}.ts; templates
// mutated at random get the same verdict from the schema (a small validator, tests/support) and
// from templateProblems' shape problems.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listTemplates } from "../../domain";
import { templateProblems } from "../../domain/template/check";
import { TEMPLATE_PROBLEMS } from "../../domain/template/problems";
import { problemTable, templateSchema } from "../../domain/template/schema";
import { DOC_FILE, wanted } from "../../scripts/template-schema.mjs";
import { validate } from "../support/json-schema";
import { moneyOnlyTemplate } from "../support/money-only-template";
import { renamedTemplate } from "../support/renamed-template";
import { docExample, SCHEMA_FILE } from "../support/template-doc";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Segment = string | number;

const schema = templateSchema();
const schemaVerdict = (t: unknown) => validate(schema, t).length === 0;
const shapeVerdict = (t: unknown) => !templateProblems(t).some((p) => TEMPLATE_PROBLEMS[p.code].shape);

/** Every built-in template, two variants of plan 157's, and the documented example. */
const BASES: [string, () => Json][] = [
  ...listTemplates().map((t): [string, () => Json] => [t.id, () => structuredClone(t) as unknown as Json]),
  ["money-only", () => moneyOnlyTemplate() as unknown as Json],
  ["renamed ids", () => renamedTemplate() as unknown as Json],
  ["the documented example", () => docExample() as unknown as Json],
];

describe("docs/template.schema.json and docs/templates.md", () => {
  it(
    "are exactly what scripts/template-schema.mjs writes (run it after changing the schema or a problem)",
    {
      timeout: 60_000,
    },
    async () => {
      expect(JSON.parse(readFileSync(SCHEMA_FILE, "utf8"))).toEqual(schema);
      for (const [file, text] of Object.entries(await wanted()))
        expect(readFileSync(file, "utf8") === text, `${file} is out of date: node scripts/template-schema.mjs`).toBe(
          true,
        );
    },
  );

  it("the page lists every problem code with both texts", () => {
    const doc = readFileSync(DOC_FILE, "utf8");
    expect(doc).toContain(problemTable());
    for (const [code, p] of Object.entries(TEMPLATE_PROBLEMS)) {
      const row = doc.split("\n").find((line) => line.startsWith(`| \`${code}\` |`));
      expect(row, code).toBeDefined();
      expect(row).toContain(p.vi.replace(/\|/g, "\\|"));
      expect(row).toContain(p.en.replace(/\|/g, "\\|"));
    }
  });

  it.each(BASES)("%s passes the schema and templateProblems", (_name, base) => {
    expect(validate(schema, base())).toEqual([]);
    expect(templateProblems(base())).toEqual([]);
  });

  it("the schema refuses what templateProblems refuses, at the same place (examples)", () => {
    const t = docExample() as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    t.appendices[0].items[0].children[1].stt = 2;
    t.print.signature.signers = [];
    expect(validate(schema, t).map((e) => e.path)).toEqual([
      "/print/signature/signers",
      "/appendices/0/items/0/children/1/stt",
    ]);
    expect(templateProblems(t).map((p) => p.path)).toEqual([
      "/print/signature/signers",
      "/appendices/0/items/0/children/1",
    ]);
  });
});

/** Every place in a JSON value, containers and leaves, as segment lists ([] is the root). */
function places(v: Json, at: Segment[] = []): Segment[][] {
  const out: Segment[][] = [at];
  if (Array.isArray(v)) v.forEach((x, k) => out.push(...places(x, [...at, k])));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push(...places(x, [...at, k]));
  return out;
}

function parentOf(root: Json, at: Segment[]): Json {
  return at.slice(0, -1).reduce<Json>((v, s) => (v as Record<string, Json>)[s as string], root);
}

/** Values near the template's own: right type wrong value, empty, one level off. */
const AWKWARD: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1,
  1.5,
  1000,
  1e13,
  "",
  " ",
  "x",
  "x y",
  "PL01",
  "2023",
  "NSTW",
  "total",
  "A4",
  "landscape",
  "note",
  "count",
  "1.5",
  "1,5",
  [],
  [""],
  ["NSTW"],
  [{}],
  {},
  { header: "x" },
  { id: "x", label: "y" },
  { id: "x", stt: "1", label: "y" },
  { title: "Người lập biểu" },
];
/** Keys an edit may add: the optional fields, and one nobody knows. */
const KEYS = [
  "en",
  "short",
  "sumOf",
  "children",
  "measures",
  "print",
  "signature",
  "field",
  "measure",
  "period",
  "unit",
  "province",
  "columnWidths",
  "total",
  "place",
  "dateLine",
  "note",
  "attachment",
  "unitEn",
  "plan",
  "comment",
];

/** Every value each key holds anywhere in the valid templates: edits that stay plausible ("total": true). */
const SEEN = new Map<string, Json[]>();
function collect(v: Json): void {
  if (Array.isArray(v)) v.forEach(collect);
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      const list = SEEN.get(k) ?? [];
      if (list.length < 40 && !list.some((y) => JSON.stringify(y) === JSON.stringify(x))) list.push(x);
      SEEN.set(k, list);
      collect(x);
    }
}
for (const [, base] of BASES) collect(base());

const edit = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom("replace", "replace", "delete", "add", "borrow"),
  source: fc.constantFrom("awkward", "seen", "seen", "json", "blank"),
  awkward: fc.constantFrom(...AWKWARD),
  seen: fc.nat(),
  json: fc.jsonValue({ maxDepth: 2 }),
  key: fc.constantFrom(...KEYS),
  /** Mostly outside `plan`: plan 157's figures are most of its places. */
  inPlan: fc.constantFrom(false, false, false, true),
});
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

/** The empty value of the same type: "", 0, [], {} (the boundaries of minLength, minItems, minimum). */
function blank(v: Json): Json {
  if (typeof v === "string") return "";
  if (typeof v === "number") return 0;
  if (Array.isArray(v)) return [];
  return v && typeof v === "object" ? {} : null;
}

/** The value an edit writes under `key`: an awkward one, one that key holds elsewhere, or any JSON. */
function valueFor(e: Edit, key: Segment | undefined, current?: Json): Json {
  if (e.source === "blank" && current !== undefined) return blank(current);
  const seen = typeof key === "string" ? (SEEN.get(key) ?? []) : [];
  if (e.source === "seen" && seen.length) return structuredClone(seen[e.seen % seen.length]);
  return structuredClone((e.source === "json" ? e.json : e.awkward) as Json);
}

/** The template with one edit at one of its places (a copy). */
function edited(base: Json, e: Edit): Json {
  const t = structuredClone(base);
  const all = places(t).filter((p) => e.inPlan || p[0] !== "plan");
  const at = all[e.pick % all.length];
  if (at.length === 0) return e.op === "replace" ? valueFor(e, undefined) : t;
  const parent = parentOf(t, at) as Record<string, Json> & Json[];
  const last = at[at.length - 1];
  if (e.op === "replace")
    parent[last as number] = valueFor(e, Array.isArray(parent) ? at[at.length - 2] : last, parent[last as number]);
  else if (e.op === "delete") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last as string];
  } else if (e.op === "borrow") {
    // One field of a sibling copied onto this element ("total": true onto a second period).
    const target = parent[last as number];
    const others = Array.isArray(parent) ? parent.filter((x, k) => k !== last && x && typeof x === "object") : [];
    if (!others.length || !target || typeof target !== "object" || Array.isArray(target)) return t;
    const from = others[e.seen % others.length] as Record<string, Json>;
    const keys = Object.keys(from);
    if (keys.length)
      (target as Record<string, Json>)[keys[e.pick % keys.length]] = structuredClone(from[keys[e.pick % keys.length]]);
  } else {
    const target = parent[last as number];
    if (target && typeof target === "object" && !Array.isArray(target))
      (target as Record<string, Json>)[e.key] = valueFor(e, e.key);
    else if (Array.isArray(target)) target.push(valueFor(e, typeof last === "string" ? last : undefined));
  }
  return t;
}

describe("the schema and templateProblems agree on the shape", () => {
  it.each(BASES)("%s, edited at random (one or two edits)", (_name, base) => {
    const valid = base();
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 2 }), (edits) => {
        const t = edits.reduce(edited, valid);
        expect(schemaVerdict(t), JSON.stringify(validate(schema, t))).toBe(shapeVerdict(t));
      }),
      { numRuns: 1200 },
    );
  });

  it("any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(schemaVerdict(v)).toBe(shapeVerdict(v));
      }),
    );
  });
});
