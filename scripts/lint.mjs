// Project rules tsc cannot see. Exit 1 with one line per problem.
//  - domain/ stays pure: relative imports inside domain/ only (plus the packages in DOMAIN_PACKAGES);
//    tsconfig.domain.json additionally type-checks it without DOM, Node or Workers globals.
//  - worker/ and addin/ never import each other (they share code through domain/).
//  - kebab-case file names in code folders (migrations: NNNN_verb_noun.sql); no `.only` in tests.
//  - zod is imported as a namespace (`import * as z from "zod"`) in shipped code: `import { z }` keeps
//    zod's whole namespace object, every locale included, and cost the Worker 60 KiB gzip (bench B1).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { projectFiles, root } from "./project-files.mjs";

const DOMAIN_PACKAGES = new Set(["zod"]);
const CODE_DIRS = ["domain/", "worker/", "addin/", "scripts/", "tests/", "docs/"];
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)*$/;
const MIGRATION = /^worker\/migrations\/\d{4}_[a-z0-9]+(?:_[a-z0-9]+)*\.sql$/;
const IMPORT =
  /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^\s*import\s+["']([^"']+)["']/gm;
const ONLY = /\b(?:it|test|describe|suite)\.only\s*\(/;

const problems = [];
const files = projectFiles().filter((f) => existsSync(join(root, f)));

for (const file of files) {
  const name = file.split("/").pop();
  if (file.startsWith("worker/migrations/")) {
    if (!MIGRATION.test(file)) problems.push(`${file}: migrations are named NNNN_verb_noun.sql`);
  } else if (
    CODE_DIRS.some((d) => file.startsWith(d)) &&
    !/(?:^|\/)fixtures\//.test(file) &&
    name !== "_headers" &&
    !KEBAB.test(name)
  ) {
    // `_headers` is the name Workers static assets require.
    problems.push(`${file}: file name is not kebab-case`);
  }
  if (!/\.(?:ts|tsx|mts|mjs|js)$/.test(file)) continue;
  const source = readFileSync(join(root, file), "utf8");
  if (/\.test\.ts$/.test(file) && ONLY.test(source)) problems.push(`${file}: remove .only before committing`);
  const isTest = /\.test\.ts$/.test(file);
  if (/^(?:worker|domain|addin)\//.test(file) && /^import \{ z \} from "zod";/m.test(source))
    problems.push(`${file}: import zod as \`import * as z from "zod"\` (tree-shaken; see scripts/lint.mjs)`);
  for (const m of source.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    const target = spec.startsWith(".")
      ? normalize(join(dirname(file), spec))
          .split("\\")
          .join("/")
      : null;
    if (file.startsWith("domain/") && !isTest) {
      if (target === null && !DOMAIN_PACKAGES.has(spec)) problems.push(`${file}: domain/ must not import "${spec}"`);
      if (target !== null && !target.startsWith("domain/")) problems.push(`${file}: domain/ must not import "${spec}"`);
    }
    if (file.startsWith("worker/") && target?.startsWith("addin/")) problems.push(`${file}: worker/ imports addin/`);
    if (file.startsWith("addin/") && target?.startsWith("worker/")) problems.push(`${file}: addin/ imports worker/`);
  }
}

for (const p of problems) console.error(p);
if (problems.length) process.exit(1);
console.log(`lint: ${files.length} files checked, no problems`);
