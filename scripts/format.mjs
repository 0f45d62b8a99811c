// Whitespace hygiene for text files: LF line ends, no trailing spaces, exactly one final newline.
// Usage: node scripts/format.mjs           fix the files in place
//        node scripts/format.mjs --check   only report (exit 1 when a file needs fixing)
// It does not re-indent or re-wrap code; that is left to review.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectFiles, root } from "./project-files.mjs";

const TEXT = /\.(?:ts|tsx|mts|mjs|js|json|md|sql|toml|xml|html|css|sh|yml|yaml|txt)$|(?:^|\/)(?:run|\.gitignore)$/;
// Fixtures stay byte-identical to their sources (e.g. tests/fixtures/kh-157-appendices.json = ../shared/plan).
const KEEP = /(?:^|\/)fixtures\//;
const check = process.argv.includes("--check");

function tidy(text) {
  const body = text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n*$/, "");
  return body === "" ? "" : `${body}\n`;
}

const changed = [];
for (const file of projectFiles().filter((f) => TEXT.test(f) && !KEEP.test(f))) {
  const path = join(root, file);
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    continue; // deleted but still tracked
  }
  const fixed = tidy(text);
  if (fixed === text) continue;
  changed.push(file);
  if (!check) writeFileSync(path, fixed);
}

for (const file of changed) console.log(`${check ? "needs formatting" : "formatted"}: ${file}`);
if (check && changed.length) process.exit(1);
if (!changed.length) console.log("format: all files tidy");
