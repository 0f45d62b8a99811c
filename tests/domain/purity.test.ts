// domain/ runs in the add-in, the Worker and Node alike: it may import only itself.
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../domain", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|tsx|mts|js|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

// import … from "x"; export … from "x"; import "x"; import("x"); require("x")
const SPECIFIERS = [
  /\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
];

function importsOf(text: string): string[] {
  return SPECIFIERS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]));
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split("/")[0]]));
const FORBIDDEN =
  /^(hono(\/|$)|office|@microsoft\/office|@types\/office|@cloudflare\/|cloudflare:|node:|wrangler|bun:|deno)/;

function forbidden(spec: string): boolean {
  return FORBIDDEN.test(spec) || BUILTINS.has(spec) || BUILTINS.has(spec.split("/")[0]);
}

describe("domain/ imports nothing from a platform", () => {
  const files = sources(root);

  it("finds the domain's files and their imports", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(importsOf(readFileSync(join(root, "validate.ts"), "utf8"))).toContain("./grid/read-workbook");
  });

  it("the import scanner catches every form of import", () => {
    const sample = [
      'import { Hono } from "hono";',
      "import type { Context } from 'hono/tiny';",
      'import "node:crypto";',
      'export * from "@cloudflare/workers-types";',
      'const fs = require("fs");',
      'const m = await import("cloudflare:workers");',
      "import {\n  a,\n  b,\n} from 'office-addin-mock';",
    ].join("\n");
    const want = [
      "hono",
      "hono/tiny",
      "node:crypto",
      "@cloudflare/workers-types",
      "fs",
      "cloudflare:workers",
      "office-addin-mock",
    ];
    expect(importsOf(sample).filter(forbidden).sort()).toEqual(want.sort());
    expect(["./money/money", "../text/normalize", "./kh-157-2023.json"].filter(forbidden)).toEqual([]);
  });

  it.each(sources(root).map((f) => [relative(root, f), f]))("%s", (_name, file) => {
    const specs = importsOf(readFileSync(file, "utf8"));
    expect(specs.filter(forbidden)).toEqual([]);
    // Only the domain's own files, plus the pure packages scripts/lint.mjs allows (zod).
    expect(specs.filter((s) => !s.startsWith(".") && s !== "zod")).toEqual([]);
  });
});
