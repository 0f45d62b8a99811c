// Code lines stay within 120 characters (Prettier's printWidth, .prettierrc.json). Prettier
// wraps code but neither comments nor text: a line may run longer only because of the
// literals on it (a Vietnamese message, a regular expression, CSS or SQL in a template), which
// cannot be broken without changing them. Comments are wrapped by hand.
// Usage: node scripts/line-length.mjs   exit 1 with one line per problem.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { projectFiles, root } from "./project-files.mjs";

export const MAX_LINE = 120;
const CODE = /\.(?:ts|tsx|mts|mjs|js)$/;
const KEEP = /(?:^|\/)fixtures\//;
const LITERALS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.JsxText,
]);

/** Per line, how many of its characters belong to literals. */
function literalWidths(file, text) {
  const kind = file.endsWith("x") ? ts.ScriptKind.TSX : file.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const widths = new Map();
  const visit = (node) => {
    if (LITERALS.has(node.kind)) {
      let line = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = node.getEnd();
      for (let pos = node.getStart(source); pos < end; line++) {
        const next = line + 1 < source.getLineStarts().length ? source.getLineStarts()[line + 1] : text.length;
        const stop = Math.min(end, next);
        widths.set(line, (widths.get(line) ?? 0) + [...text.slice(pos, stop).replace(/\r?\n$/, "")].length);
        pos = stop;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return widths;
}

/** The long lines of one file's text, as "file:line: …" problems. */
export function longLinesIn(file, text) {
  const lines = text.split("\n");
  if (!lines.some((l) => [...l].length > MAX_LINE)) return [];
  const widths = literalWidths(file, text);
  const problems = [];
  lines.forEach((line, k) => {
    const length = [...line].length;
    if (length > MAX_LINE && length - (widths.get(k) ?? 0) > MAX_LINE - 20) {
      problems.push(`${file}:${k + 1}: ${length} characters (at most ${MAX_LINE}; only a literal may run past it)`);
    }
  });
  return problems;
}

export function longLines(files = projectFiles()) {
  const problems = [];
  for (const file of files.filter((f) => CODE.test(f) && !KEEP.test(f))) {
    let text;
    try {
      text = readFileSync(join(root, file), "utf8");
    } catch {
      continue; // deleted but still listed
    }
    problems.push(...longLinesIn(file, text));
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = longLines();
  for (const p of problems) console.error(p);
  if (problems.length) process.exit(1);
  console.log(`line length: code lines within ${MAX_LINE} characters`);
}
