// The pages' stylesheet, served as /static/app.css (CSP style-src 'self': no inline styles).
// Colours keep at least 4.5:1 contrast on their backgrounds; focus is always visible; wide
// tables scroll inside their own region on a phone with their item column kept in view; the
// charts switch to a drawing made for a phone's width.
export const APP_CSS = `:root {
  --ink: #1b1f24; --muted: #4b5563; --line: #c5cbd3; --paper: #ffffff; --wash: #f3f5f8;
  --brand: #0b4a82; --brand-ink: #ffffff; --focus: #b45309;
  --ok: #14532d; --ok-bg: #e3f3e8; --bad: #8b1c1c; --bad-bg: #fbe8e8;
  --wait: #0b4a82; --wait-bg: #e4edf8; --none: #3f4650; --none-bg: #eceef1;
  --plan: #9db4cc; --done: #0b4a82; --exec: #b45309;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--ink); background: var(--wash); }
a { color: var(--brand); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .6rem 1.25rem; background: var(--brand); color: var(--brand-ink); }
header.top a, header.top .link { color: var(--brand-ink); }
header.top :focus-visible { outline-color: #fde68a; }
.brand { display: flex; flex-direction: column; line-height: 1.2; }
.brand a { font-weight: 700; text-decoration: none; font-size: 1.05rem; }
.tagline { font-size: .8rem; opacity: .92; }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; }
nav a { text-decoration: none; padding: .2rem 0; border-bottom: 3px solid transparent; }
nav a[aria-current=page] { border-bottom-color: #fde68a; font-weight: 600; }
.tools { margin-left: auto; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; font-size: .9rem; }
form.inline { display: inline; margin: 0; }
button.link { background: none; border: 0; padding: 0; font: inherit; text-decoration: underline; cursor: pointer; }
main { max-width: 80rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
main:focus { outline: none; }
h1 { font-size: 1.6rem; margin: .75rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 1.75rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
.lead { font-size: 1.05rem; max-width: 48rem; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin: 1rem 0; }
.narrow { max-width: 30rem; }
.card > h2:first-child, .card > h3:first-child { margin-top: 0; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
label { display: block; font-weight: 600; margin: .6rem 0 .2rem; }
input, select, textarea { font: inherit; color: inherit; border: 1px solid #6b7280; border-radius: 4px; padding: .45rem .55rem; background: var(--paper); max-width: 100%; }
input[type=password], input[type=text], textarea { width: 100%; }
input[type=file] { width: 100%; padding: .35rem; }
textarea { min-height: 5rem; }
.hint { color: var(--muted); font-size: .9rem; margin: .2rem 0 .6rem; }
.field-error { color: var(--bad); font-weight: 600; margin: .25rem 0 .4rem; }
.field-error::before { content: "⚠ "; }
input[aria-invalid=true], textarea[aria-invalid=true] { border: 2px solid var(--bad); }
.date-field input { width: 9.5rem; }
p.check { display: flex; gap: .5rem; align-items: baseline; margin: .6rem 0 0; }
p.check label { display: inline; font-weight: 400; margin: 0; }
button, .button { font: inherit; border-radius: 4px; padding: .5rem 1rem; border: 1px solid var(--brand); background: var(--paper); color: var(--brand); cursor: pointer; text-decoration: none; display: inline-block; }
button.primary, .button.primary { background: var(--brand); color: var(--brand-ink); }
button.danger { border-color: var(--bad); color: var(--bad); }
button:disabled { opacity: .6; cursor: progress; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: .75rem; align-items: center; }
.fields { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: flex-end; }
.fields > div { min-width: 8rem; }
progress { width: 100%; height: 1.1rem; margin-top: .75rem; accent-color: var(--brand); }
.upload-status { min-height: 1.5rem; margin: .3rem 0 0; color: var(--muted); }
.notice { border-left: 5px solid; padding: .6rem .9rem; border-radius: 4px; margin: 1rem 0; }
.notice.ok { border-color: var(--ok); background: var(--ok-bg); }
.notice.error { border-color: var(--bad); background: var(--bad-bg); }
.notice.info { border-color: var(--wait); background: var(--wait-bg); }
.notice :first-child { margin-top: 0; }
.notice :last-child { margin-bottom: 0; }
.notice h2.small, .notice h2 { font-size: 1.1rem; margin: 0 0 .4rem; }
.notice ul { margin: .25rem 0; padding-left: 1.25rem; }
.notice blockquote { margin: .4rem 0; padding: .4rem .75rem; background: var(--paper); border-left: 3px solid var(--bad); }
.downloads { list-style: none; padding: 0; margin: .5rem 0 1rem; display: grid; gap: .6rem; }
.downloads li { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; }
.downloads .hint { margin: 0; flex: 1 1 16rem; }
.review-top { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 1rem; align-items: start; margin: 1rem 0; }
.review-top > .card { margin: 0; }
.decision { border-color: var(--brand); border-width: 2px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
code, .mono { font-family: ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", monospace; font-size: .92em; }
.table-wrap { overflow-x: auto; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; margin: .5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: .4rem .55rem; text-align: left; vertical-align: top; }
thead th { background: #e8edf3; }
caption { text-align: left; font-weight: 600; padding: .5rem .6rem; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.center { text-align: center; }
td.note { text-align: left; white-space: pre-line; overflow-wrap: anywhere; min-width: 10rem; }
details.code { margin-top: .25rem; font-size: .8rem; color: var(--muted); }
details.code summary { cursor: pointer; }
.pct { display: block; font-size: .78rem; color: var(--muted); }
tr.total td, tr.total th { font-weight: 700; background: #f6f8fa; }
tr.group td, tr.group th { font-weight: 700; }
.printed th { text-align: center; vertical-align: middle; font-size: .85rem; }
.printed td { font-size: .9rem; padding: .35rem .45rem; }
.printed tbody th { text-align: left; vertical-align: top; font-weight: 400; font-size: .9rem; min-width: 12rem; }
.printed .pin-stt, .printed .pin-label { position: sticky; z-index: 1; background: var(--paper); }
.printed thead .pin-stt, .printed thead .pin-label { background: #e8edf3; z-index: 2; }
.printed tr.total .pin-stt, .printed tr.total .pin-label { background: #f6f8fa; }
.printed .pin-stt { left: 0; width: 2.75rem; min-width: 2.75rem; max-width: 2.75rem; }
.printed .pin-label { left: 2.75rem; box-shadow: 2px 0 0 var(--line); }
.table-wrap table:not(.printed) tbody th[scope=row] { position: sticky; left: 0; z-index: 1; background: var(--paper); box-shadow: 2px 0 0 var(--line); }
.printed td.changed { background: #fff1b8; box-shadow: inset 0 0 0 2px var(--focus); }
.was { display: block; font-size: .75rem; color: var(--bad); font-weight: 400; }
.printed tr.total th { font-weight: 700; }
.printed .heading { font-weight: 700; text-align: center; margin: 0; }
.printed-title { text-align: center; margin: .25rem 0 .75rem; }
.printed-title p { margin: .1rem 0; }
.printed-title .attachment { font-style: italic; color: var(--muted); font-size: .9rem; }
.badge { display: inline-block; border-radius: 999px; padding: .05rem .6rem; font-size: .85rem; font-weight: 600; white-space: nowrap; }
.badge.approved { color: var(--ok); background: var(--ok-bg); }
.badge.returned { color: var(--bad); background: var(--bad-bg); }
.badge.submitted { color: var(--wait); background: var(--wait-bg); }
.badge.missing { color: var(--none); background: var(--none-bg); }
.counts { font-weight: 600; }
.comment { white-space: pre-wrap; overflow-wrap: anywhere; }
.before { color: var(--bad); }
.after { color: var(--ok); font-weight: 600; }
figure.chart { overflow-x: auto; margin: 1rem 0; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
figure.chart figcaption { font-weight: 600; margin-bottom: .4rem; }
svg.chart { width: 100%; max-width: 60rem; height: auto; display: block; }
svg.chart.narrow { display: none; max-width: 100%; }
svg.chart .label { fill: var(--muted); }
svg.chart text { font: 12px system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; fill: var(--ink); }
svg.chart .axis { stroke: var(--line); }
svg.chart .bar-plan { fill: var(--plan); stroke: #4a6a8a; }
svg.chart .bar-done { fill: var(--done); }
svg.chart .bar-exec { fill: var(--exec); }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; padding: 0; margin: .25rem 0 .5rem; font-size: .9rem; }
.legend li::before { content: ""; display: inline-block; width: .9rem; height: .9rem; margin-right: .35rem; vertical-align: -.1rem; border-radius: 2px; }
.legend .plan::before { background: var(--plan); border: 1px solid #4a6a8a; }
.legend .done::before { background: var(--done); }
.legend .exec::before { background: var(--exec); }
[hidden] { display: none !important; }
nav.admin-nav { margin: 0 0 1rem; }
nav.admin-nav ul { gap: .4rem .5rem; }
nav.admin-nav a { display: inline-block; padding: .3rem .7rem; border: 1px solid var(--line); border-radius: 999px; background: var(--paper); }
nav.admin-nav a[aria-current=page] { background: var(--brand); color: var(--brand-ink); border-color: var(--brand); }
ul.tasks { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr)); gap: 1rem; }
ul.tasks > li { margin: 0; }
ul.tree, ul.tree ul { list-style: none; margin: 0; padding-left: 1.1rem; }
ul.tree { padding-left: 0; }
ul.tree li { margin: .2rem 0; overflow-wrap: anywhere; }
ul.tree ul { border-left: 2px solid var(--line); margin-left: .35rem; }
.hint-inline { color: var(--muted); font-size: .88rem; }
td.wrap { overflow-wrap: anywhere; word-break: break-word; max-width: 28rem; }
.field select { max-width: 100%; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 40rem) {
  header.top { padding: .5rem .75rem; }
  .tools { margin-left: 0; }
  main { padding: .5rem .75rem 2rem; }
  h1 { font-size: 1.35rem; }
  .fields > div { min-width: 100%; }
  svg.chart.wide { display: none; }
  svg.chart.narrow { display: block; }
  figure.chart { padding: .5rem; }
  .printed tbody th { min-width: 7rem; max-width: 9.5rem; }
  .printed td { font-size: .85rem; }
  table.stack thead { display: none; }
  table.stack tr { display: block; border-bottom: 2px solid var(--line); padding: .3rem 0; }
  table.stack td { display: grid; grid-template-columns: 8rem 1fr; gap: .5rem; border: 0; padding: .2rem .5rem; text-align: left; white-space: normal; }
  table.stack td > * { justify-self: start; }
  table.stack td::before { content: attr(data-label); font-weight: 600; color: var(--muted); }
}
`;
