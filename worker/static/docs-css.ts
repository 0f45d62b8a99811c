// The API docs page's stylesheet, served as /static/docs.css (/api/docs has the CSP
// style-src 'self': no inline styles). Goes with worker/openapi/page.ts, which writes the
// classes it styles. At 390 px nothing widens the page: long paths and codes wrap, JSON
// scrolls inside its own block, and each table row becomes a card labelled by its columns.
export const DOCS_CSS = `:root { --ink: #1b1f24; --muted: #4b5563; --line: #c5cbd3; --wash: #f3f5f8; --brand: #0b4a82; --code: #f6f8fa; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--ink); background: #fff; overflow-wrap: break-word; }
a { color: var(--brand); }
:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
header.top { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .25rem 1rem; padding: .6rem 1.25rem; background: var(--brand); color: #fff; }
header.top h1 { font-size: 1.3rem; margin: 0; }
header.top a { color: #fff; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h2 { font-size: 1.3rem; margin: 0 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .4rem; }
h4 { font-size: 1rem; margin: .9rem 0 .3rem; }
code, pre { font: .875rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
code { overflow-wrap: anywhere; }
code.name { overflow-wrap: normal; white-space: nowrap; }
pre { margin: .25rem 0 .75rem; padding: .6rem .75rem; max-width: 100%; max-height: 32rem; overflow: auto; background: var(--code); border: 1px solid var(--line); border-radius: 4px; white-space: pre; }
pre code { overflow-wrap: normal; }
.scroll { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #bbb; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef; }
small { color: var(--muted); }
nav.toc h3 { margin-top: .8rem; }
nav.toc ul { margin: 0; padding-left: 1.1rem; }
nav.toc li { margin: .15rem 0; }
section.route { margin-top: 2rem; padding-top: 1rem; border-top: 3px solid var(--line); }
section.schema { margin-top: 1rem; }
.method { display: inline-block; padding: 0 .45rem; border-radius: 3px; font-weight: 700; background: #e4edf8; color: var(--brand); }
.method.post { background: #e3f3e8; color: #14532d; }
.method.delete { background: #fbe8e8; color: #8b1c1c; }
code.path { overflow-wrap: anywhere; }
.label { margin: .5rem 0 0; font-weight: 600; color: var(--muted); }
.example { padding-left: .75rem; border-left: 3px solid var(--wash); }
@media (max-width: 40rem) {
  main { padding: .75rem .75rem 2rem; }
  header.top { padding: .5rem .75rem; }
  h2 { font-size: 1.15rem; }
  .scroll table, .scroll tbody, .scroll tr, .scroll td { display: block; width: 100%; }
  .scroll thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .scroll tr { margin: 0 0 .6rem; border: 1px solid #bbb; border-radius: 4px; }
  .scroll td { border: 0; border-top: 1px solid #e2e5ea; }
  .scroll td:first-child { border-top: 0; background: #eef; }
  .scroll td::before { content: attr(data-label); display: block; font-size: .8rem; font-weight: 600; color: var(--muted); }
  code.name { white-space: normal; overflow-wrap: anywhere; }
}
`;
