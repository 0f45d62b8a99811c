// npm run build:pane: bundles the task pane (addin/ui/main.ts) into dist/public/pane/
// (index.html, help.html, pane.js, pane.css, assets/icon-*.png, and manifest.xml one level up),
// which the Worker serves as static assets at /pane/* and /manifest.xml. Prints the gzip size of pane.js and fails
// above the 120 KiB budget (DESIGN.md "Budgets").
//
// pane.js is ES5: volume-licensed Excel 2016 and 2019 run task panes in Internet Explorer 11
// (decision 0010). esbuild cannot lower ES2015 syntax to ES5, so the build has three steps:
//   1. esbuild bundles the TypeScript into one script (format iife, no syntax lowering);
//   2. TypeScript's transpileModule lowers that script to ES5 (classes, let/const, arrow functions,
//      async/await, for-of and spread with downlevelIteration, template literals, ?. and ??),
//      emitting its helpers once at the top;
//   3. esbuild minifies the ES5 (target es5: it adds no newer syntax, and refuses any it finds).
// acorn then parses the result as ECMAScript 5 and the build fails if that does not work.
// Built-ins (Promise, Map, fetch, String#normalize...) come from addin/ui/polyfills.ts.
//
// Office.js: index.html loads it from Microsoft's CDN (what Office expects of add-ins). Setting
// OFFICE_JS=packaged (or --office-js packaged) copies the files of the @microsoft/office-js package
// that Excel needs into pane/office-js/ and points index.html at office-js/office.js instead, for
// networks that cannot reach the CDN; OFFICE_JS=cdn (the default) keeps the CDN.
//
// Usage: node scripts/build-pane.mjs [--outdir <dir>] [--office-js cdn|packaged] [--quiet]
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { parse } from "acorn";
import { build, transform } from "esbuild";
import ts from "typescript";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const PANE_DIR = join(root, "dist", "public", "pane");
export const BUDGET_BYTES = 120 * 1024;

/** The script tag's source in addin/pane/index.html (Microsoft's CDN, production). */
export const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Where the packaged Office.js lives under the pane when OFFICE_JS=packaged. */
export const OFFICE_JS_PACKAGED = "office-js/office.js";
export const OFFICE_JS_DIST = join(root, "node_modules", "@microsoft", "office-js", "dist");
/** Workers static assets: at most 20,000 files and 25 MiB per file. */
export const ASSET_LIMITS = { files: 20_000, fileBytes: 25 * 1024 * 1024 };

/**
 * The files of @microsoft/office-js's dist/ that Office.js loads in Excel, relative to dist/:
 * office.js; o15apptofilemappingtable.js (Office 2013, and outside Office); the Excel host files
 * (excel-<platform>-<version>.js, excel-15*.js, excelwebapp-15*.js); each locale's
 * office_strings.js; the telemetry (telemetry/, ariatelemetry/) and Excel on the web's sign-in
 * helper (webauth/) that the host files load. Not copied: .debug.js, type definitions and
 * IntelliSense files, other applications' files (Word, Outlook...), outlook_strings.js,
 * custom-functions-runtime.js (the add-in has no custom functions). 12.6 MiB in 169 files,
 * instead of the package's 86 MB in 729.
 */
export function isOfficeJsFileForExcel(path) {
  const p = path.split(sep).join("/");
  if (!p.endsWith(".js") || p.endsWith(".debug.js") || p.includes("vsdoc")) return false;
  if (p === "office.js" || p === "o15apptofilemappingtable.js") return true;
  if (/^excel[a-z0-9.-]*\.js$/.test(p)) return true;
  if (/^[a-z]{2,3}(-[a-z0-9]+)*\/office_strings\.js$/.test(p)) return true;
  return /^(telemetry|ariatelemetry|webauth)\/[a-z0-9._-]+\.js$/.test(p);
}

/** The build setting: "packaged" from --office-js packaged or OFFICE_JS=packaged, else "cdn". */
export function officeJsSetting(args = process.argv.slice(2), env = process.env) {
  const at = args.indexOf("--office-js");
  const value = (at >= 0 ? args[at + 1] : env.OFFICE_JS) || "cdn";
  if (value !== "cdn" && value !== "packaged")
    throw new Error(`--office-js / OFFICE_JS must be "cdn" or "packaged", not "${value}"`);
  return value;
}

/**
 * ES5 has no way to subclass a built-in: the lowered `_super.call(this, message) || this` gets a
 * new Error object from Error(), not `this`, so `err instanceof ApiFailureError` would be false
 * in IE11. Each derived class's constructor therefore resets the prototype right after super(),
 * `Object.setPrototypeOf(this, new.target.prototype)` (a no-op for classes whose base is an
 * ordinary function). A class without a constructor gets `constructor(...args) { super(...args); }`.
 */
function resetPrototypeAfterSuper(context) {
  const f = context.factory;
  const reset = () =>
    f.createExpressionStatement(
      f.createCallExpression(
        f.createPropertyAccessExpression(f.createIdentifier("Object"), "setPrototypeOf"),
        undefined,
        [
          f.createThis(),
          f.createPropertyAccessExpression(
            f.createMetaProperty(ts.SyntaxKind.NewKeyword, f.createIdentifier("target")),
            "prototype",
          ),
        ],
      ),
    );
  const isSuperCall = (s) =>
    ts.isExpressionStatement(s) &&
    ts.isCallExpression(s.expression) &&
    s.expression.expression.kind === ts.SyntaxKind.SuperKeyword;
  const fixClass = (node) => {
    const ctor = node.members.find(ts.isConstructorDeclaration);
    let members;
    if (ctor) {
      const statements = ctor.body.statements;
      const at = statements.findIndex(isSuperCall);
      if (at < 0)
        throw new Error(
          `build:pane: the constructor of class ${node.name?.text ?? "(anonymous)"} calls super() inside an expression; call it as a statement`,
        );
      const body = f.updateBlock(ctor.body, [...statements.slice(0, at + 1), reset(), ...statements.slice(at + 1)]);
      members = node.members.map((m) =>
        m === ctor ? f.updateConstructorDeclaration(ctor, ctor.modifiers, ctor.parameters, body) : m,
      );
    } else {
      const args = f.createParameterDeclaration(undefined, f.createToken(ts.SyntaxKind.DotDotDotToken), "args");
      const superCall = f.createExpressionStatement(
        f.createCallExpression(f.createSuper(), undefined, [f.createSpreadElement(f.createIdentifier("args"))]),
      );
      members = [
        f.createConstructorDeclaration(undefined, [args], f.createBlock([superCall, reset()], true)),
        ...node.members,
      ];
    }
    return ts.isClassDeclaration(node)
      ? f.updateClassDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members)
      : f.updateClassExpression(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members);
  };
  const visit = (node) => {
    const visited = ts.visitEachChild(node, visit, context);
    const derived =
      (ts.isClassDeclaration(visited) || ts.isClassExpression(visited)) &&
      visited.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
    return derived ? fixClass(visited) : visited;
  };
  return (file) => ts.visitNode(file, visit);
}

/** Step 2: the bundled script, lowered to ES5 by TypeScript (helpers emitted once, at the top). */
export function lowerToEs5(script) {
  const out = ts.transpileModule(script, {
    fileName: "pane.js",
    reportDiagnostics: true,
    transformers: { before: [resetPrototypeAfterSuper] },
    compilerOptions: {
      allowJs: true,
      target: ts.ScriptTarget.ES5,
      module: ts.ModuleKind.ES2015, // the bundle has no imports or exports: it stays a plain script
      downlevelIteration: true, // for-of and spread over Map, Set and iterators, not just arrays
      importHelpers: false,
      noEmitHelpers: false,
      removeComments: true,
      newLine: ts.NewLineKind.LineFeed,
    },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) {
    throw new Error(
      `TypeScript could not lower the pane to ES5:\n${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n")}`,
    );
  }
  // One function scope: TypeScript's helpers (__awaiter...) stay private and are minified.
  return `(function () {\n${out.outputText}\n})();\n`;
}

/** Throws unless `code` parses as ECMAScript 5 (what Internet Explorer 11 understands). */
export function assertEs5(code, name = "pane.js") {
  try {
    parse(code, { ecmaVersion: 5, sourceType: "script" });
  } catch (err) {
    const pos = typeof err.pos === "number" ? err.pos : 0;
    throw new Error(`${name} is not ES5 (${err.message}): …${code.slice(Math.max(0, pos - 60), pos + 60)}…`);
  }
}

/** Bundles, lowers to ES5 and minifies addin/ui/main.ts; returns pane.js's text. */
export async function bundlePane({ quiet = false } = {}) {
  const bundled = await build({
    entryPoints: [join(root, "addin", "ui", "main.ts")],
    write: false,
    bundle: true,
    format: "iife",
    // No lowering by esbuild: its helpers for newer syntax need ES2017 built-ins
    // (Object.getOwnPropertyDescriptors); TypeScript lowers everything in step 2.
    target: "es2022",
    legalComments: "none",
    logLevel: quiet ? "error" : "warning",
    charset: "utf8",
  });
  const es5 = lowerToEs5(bundled.outputFiles[0].text);
  // charset ascii: strings keep other characters as \u escapes, which gzips a little smaller
  // than UTF-8 here (a regular expression may keep one; scripts inherit the page's UTF-8).
  const minified = await transform(es5, {
    loader: "js",
    minify: true,
    target: "es5",
    legalComments: "none",
    charset: "ascii",
    logLevel: "error",
  });
  assertEs5(minified.code);
  return minified.code;
}

/** Copies Excel's share of the packaged Office.js into `dir`; returns the file count and bytes. */
export function copyOfficeJs(dir) {
  let files = 0;
  let bytes = 0;
  for (const path of readdirSync(OFFICE_JS_DIST, { recursive: true })) {
    if (!isOfficeJsFileForExcel(path)) continue;
    const from = join(OFFICE_JS_DIST, path);
    const size = statSync(from).size;
    if (size > ASSET_LIMITS.fileBytes)
      throw new Error(`${path} is ${size} bytes, over the 25 MiB a Workers static asset may have`);
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    copyFileSync(from, join(dir, path));
    files++;
    bytes += size;
  }
  if (!files)
    throw new Error(`no Office.js files in ${relative(root, OFFICE_JS_DIST)} (npm ci installs @microsoft/office-js)`);
  return { files, bytes };
}

function countFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
}

export async function buildPane({ outdir = PANE_DIR, quiet = false, officeJs = officeJsSetting() } = {}) {
  if (officeJs !== "cdn" && officeJs !== "packaged")
    throw new Error(`officeJs must be "cdn" or "packaged", not "${officeJs}"`);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(join(outdir, "assets"), { recursive: true });
  const js = Buffer.from(await bundlePane({ quiet }), "utf8");
  writeFileSync(join(outdir, "pane.js"), js);

  let html = readFileSync(join(root, "addin", "pane", "index.html"), "utf8");
  const tag = `<script src="${OFFICE_JS_CDN}"></script>`;
  if (html.split(tag).length !== 2)
    throw new Error(`addin/pane/index.html must load Office.js exactly once, as ${tag}`);
  let office = null;
  if (officeJs === "packaged") {
    html = html.replace(tag, `<script src="${OFFICE_JS_PACKAGED}"></script>`);
    office = copyOfficeJs(join(outdir, "office-js"));
  }
  writeFileSync(join(outdir, "index.html"), html);
  copyFileSync(join(root, "addin", "pane", "pane.css"), join(outdir, "pane.css"));
  // The add-in's help page (the manifest's SupportUrl) and, at the server's root, the manifest
  // itself: Excel on the web's sideload (npm run start:excel -- web) fetches /manifest.xml.
  copyFileSync(join(root, "addin", "pane", "help.html"), join(outdir, "help.html"));
  copyFileSync(join(root, "manifest.xml"), join(outdir, "..", "manifest.xml"));
  // Static-asset headers live at the assets root (dist/public/_headers), one level above the pane.
  copyFileSync(join(root, "addin", "pane", "_headers"), join(outdir, "..", "_headers"));
  for (const icon of readdirSync(join(root, "addin", "assets")).filter((f) => f.endsWith(".png"))) {
    copyFileSync(join(root, "addin", "assets", icon), join(outdir, "assets", icon));
  }
  const files = countFiles(outdir);
  if (files > ASSET_LIMITS.files)
    throw new Error(`the pane has ${files} files, over the ${ASSET_LIMITS.files} static assets a Worker may have`);

  const gzip = gzipSync(js, { level: 9 }).length;
  const size = { raw: js.length, gzip, officeJs, files };
  if (!quiet) {
    console.log(
      `build:pane: ${relative(root, outdir)}/pane.js ${(size.raw / 1024).toFixed(1)} KiB, ${(gzip / 1024).toFixed(1)} KiB gzip (budget ${BUDGET_BYTES / 1024} KiB), ES5`,
    );
    console.log(
      office
        ? `build:pane: Office.js packaged: ${office.files} files, ${(office.bytes / 1024 / 1024).toFixed(1)} MiB in office-js/`
        : `build:pane: Office.js from ${OFFICE_JS_CDN} (OFFICE_JS=packaged serves it from the pane instead)`,
    );
  }
  if (gzip > BUDGET_BYTES)
    throw new Error(`pane.js is ${(gzip / 1024).toFixed(1)} KiB gzip, over the ${BUDGET_BYTES / 1024} KiB budget`);
  return size;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--outdir");
  Promise.resolve()
    .then(() =>
      buildPane({
        outdir: at >= 0 ? args[at + 1] : PANE_DIR,
        quiet: args.includes("--quiet"),
        officeJs: officeJsSetting(args),
      }),
    )
    .catch((err) => {
      console.error(`build:pane: ${err.message}`);
      process.exit(1);
    });
}
