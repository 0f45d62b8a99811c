// Writes docs/template.schema.json and the problem-code table of docs/templates.md from their
// one source, domain/template/schema.ts (the JSON Schema) and domain/template/problems.ts (the
// codes and their texts). Re-run after changing either; tests/domain/template-schema.test.ts
// fails while the committed files differ from what this script writes.
//
//   node scripts/template-schema.mjs           writes both files
//   node scripts/template-schema.mjs --check   exit 1 when either is out of date
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
export const SCHEMA_FILE = join(root, "docs/template.schema.json");
export const DOC_FILE = join(root, "docs/templates.md");

/** domain/template/schema.ts, bundled by esbuild into a temp module and imported. */
async function load() {
  const out = await build({
    entryPoints: [join(root, "domain/template/schema.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const dir = mkdtempSync(join(tmpdir(), "kh157-schema-"));
  try {
    const file = join(dir, "schema.mjs");
    writeFileSync(file, out.outputFiles[0].text);
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The schema file's text as the script writes it. */
export function schemaText(schema) {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** docs/templates.md with the table between the markers replaced. */
export function withTable(doc, mod) {
  const start = doc.indexOf(mod.PROBLEM_TABLE_START);
  const end = doc.indexOf(mod.PROBLEM_TABLE_END);
  if (start < 0 || end < start) throw new Error("template-schema: the problem-table markers are missing");
  return `${doc.slice(0, start + mod.PROBLEM_TABLE_START.length)}\n\n${mod.problemTable()}\n\n${doc.slice(end)}`;
}

/** { file: wanted text } for both files. */
export async function wanted() {
  const mod = await load();
  return {
    [SCHEMA_FILE]: schemaText(mod.templateSchema()),
    [DOC_FILE]: withTable(readFileSync(DOC_FILE, "utf8"), mod),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const want = await wanted();
  const stale = Object.entries(want).filter(([file, text]) => {
    try {
      return readFileSync(file, "utf8") !== text;
    } catch {
      return true;
    }
  });
  if (process.argv[2] === "--check") {
    if (stale.length) {
      console.error(
        `template-schema: out of date: ${stale.map(([f]) => f).join(", ")} (run node scripts/template-schema.mjs)`,
      );
      process.exit(1);
    }
    console.log("template-schema: docs are up to date");
  } else {
    for (const [file, text] of stale) writeFileSync(file, text);
    console.log(`template-schema: wrote ${stale.length} file(s)`);
  }
}
