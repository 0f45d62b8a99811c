// The administrator's page for a new plan's template without writing JSON (issue 16, point 3):
// upload the appendix tables as printed, see the proposal as the printed form with what could
// not be decided (cell by cell), correct the template's id, name and version, the headings and
// titles, the items' ids and labels and each figure column's measure and period, then publish
// it through the same check and store as POST /api/templates.
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Appendix, ColumnNode, Template } from "../../domain";
import { inferredMeasure, INFERRED_MEASURES, inferTemplate } from "../../domain/template/infer";
import { itemRows } from "../../domain/template/rows";
import { sha256Hex } from "../auth/tokens";
import { checkedTemplate } from "../db/stored";
import { storeTemplate } from "../db/templates";
import type { AppEnv } from "../env";
import { ApiError, catalogueError, tooLarge } from "../errors";
import { MAX_BODY_BYTES, UPLOAD_LIMIT_MIB } from "../limits";
import { parseJsonText } from "../request-input";
import { readInferGrids } from "../routes/template-infer";
import { resolveTemplate } from "../services/templates";
import { TableRegion } from "./components";
import { apiErrorText, pageError, signedIn } from "./guard";
import { langOf } from "./i18n";
import { page } from "./layout";
import { PrintedTable } from "./printed-table";

export const adminTemplates = new Hono<AppEnv>();
adminTemplates.onError(pageError);

const WORDS = {
  vi: {
    title: "Lập mẫu biểu từ bảng in",
    intro:
      "Tải lên tệp .xlsx chứa các bảng phụ lục như khi in (mỗi phụ lục một trang tính). Hệ thống đề xuất mẫu biểu; bạn xem lại, sửa rồi xuất bản.",
    file: "Tệp bảng phụ lục (.xlsx)",
    fileHint: "Tối đa {mib} MiB. Không lưu gì cho đến khi bạn bấm “Xuất bản mẫu biểu”.",
    read: "Đọc bảng",
    undecided: "Chưa quyết định được",
    undecidedNone: "Đã đọc được toàn bộ bảng: không có ô nào cần quyết định thêm.",
    cell: "Ô",
    message: "Nội dung",
    proposal: "Mẫu biểu đề xuất",
    template: "Mẫu biểu",
    id: "Mã mẫu biểu (chữ thường, số, dấu gạch ngang)",
    name: "Tên mẫu biểu",
    version: "Phiên bản",
    heading: "Dòng đầu (PHỤ LỤC …)",
    appendixTitle: "Tên phụ lục",
    items: "Các dòng",
    itemId: "Mã mục",
    label: "Nội dung",
    columns: "Các cột số liệu",
    column: "Cột",
    measure: "Chỉ tiêu",
    period: "Kỳ",
    publish: "Xuất bản mẫu biểu",
    problems: "Mẫu biểu chưa xuất bản được, hãy sửa:",
    exists: "Đã có mẫu biểu {id} phiên bản {current}: hãy đổi mã hoặc đặt phiên bản lớn hơn.",
    published: "Đã xuất bản mẫu biểu {id}, phiên bản {version}.",
    json: "Xem định nghĩa mẫu biểu",
    workbook: "Tải tệp mẫu trống",
    again: "Lập mẫu biểu khác",
    refused: "Không đọc được tệp",
  },
  en: {
    title: "Make a template from printed tables",
    intro:
      "Upload an .xlsx holding the appendix tables as printed (one sheet per appendix). The system proposes a template; review it, correct it, then publish it.",
    file: "Appendix tables (.xlsx)",
    fileHint: "At most {mib} MiB. Nothing is stored until you press “Publish the template”.",
    read: "Read the tables",
    undecided: "Not decided",
    undecidedNone: "The whole table was read: no cell needs a decision.",
    cell: "Cell",
    message: "What",
    proposal: "Proposed template",
    template: "Template",
    id: "Template id (lower-case letters, digits, dashes)",
    name: "Template name",
    version: "Version",
    heading: "Heading (PHỤ LỤC …)",
    appendixTitle: "Appendix title",
    items: "Rows",
    itemId: "Item id",
    label: "Label",
    columns: "Figure columns",
    column: "Column",
    measure: "Measure",
    period: "Period",
    publish: "Publish the template",
    problems: "The template cannot be published yet; fix:",
    exists: "Template {id} has version {current} already: change the id or give a higher version.",
    published: "Published template {id}, version {version}.",
    json: "See the template's definition",
    workbook: "Download the blank workbook",
    again: "Make another template",
    refused: "The file could not be read",
  },
};
type Words = (typeof WORDS)["vi"];

function words(c: Context<AppEnv>): (key: keyof Words, params?: Record<string, string | number>) => string {
  const dict = WORDS[langOf(c) === "en" ? "en" : "vi"];
  return (key, params = {}) => dict[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

const limit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw tooLarge();
  },
});

function UploadForm({ w }: { w: ReturnType<typeof words> }) {
  return (
    <form method="post" action="/admin/templates/infer" enctype="multipart/form-data" class="card">
      <label for="file">{w("file")}</label>
      <input
        id="file"
        name="file"
        type="file"
        required
        aria-describedby="file-hint"
        accept=".xlsx,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"
      />
      <p class="hint" id="file-hint">
        {w("fileHint", { mib: UPLOAD_LIMIT_MIB })}
      </p>
      <p class="actions">
        <button type="submit" class="primary">
          {w("read")}
        </button>
      </p>
    </form>
  );
}

/** The figure columns of an appendix in printed order (the header nodes themselves, to edit). */
function figureNodes(columns: ColumnNode[]): { node: ColumnNode; path: string[] }[] {
  const out: { node: ColumnNode; path: string[] }[] = [];
  const walk = (nodes: ColumnNode[], path: string[]) => {
    for (const n of nodes) {
      if (n.children) walk(n.children, [...path, n.header]);
      else if (!n.field) out.push({ node: n, path: [...path, n.header] });
    }
  };
  walk(columns, []);
  return out;
}

interface Review {
  template: Template;
  undecided: { cell: string; message: string }[];
  problems?: string[];
}

async function renderUpload(c: Context<AppEnv>, error?: ApiError) {
  const w = words(c);
  return page(c, { title: w("title"), section: "admin", status: error ? (error.status as 422) : 200 }, () => (
    <>
      <p class="lead">{w("intro")}</p>
      {error && (
        <section class="notice error" role="alert">
          <h2>{w("refused")}</h2>
          <p>{apiErrorText(error, langOf(c))}</p>
        </section>
      )}
      <UploadForm w={w} />
    </>
  ));
}

async function renderReview(c: Context<AppEnv>, review: Review, status: 200 | 409 | 422 = 200) {
  const w = words(c);
  const { template, undecided, problems } = review;
  const periods = template.periods;
  const measureIds = [...new Set([...template.measures.map((m) => m.id), ...INFERRED_MEASURES])];
  const measureLabel = (id: string) =>
    template.measures.find((m) => m.id === id)?.label ?? inferredMeasure(id, 0)!.label;
  return page(c, { title: w("title"), section: "admin", status }, (t) => (
    <>
      {problems && (
        <section class="notice error" role="alert" aria-labelledby="problems-title">
          <h2 id="problems-title" tabindex={-1} data-focus>
            {w("problems")}
          </h2>
          <ul>
            {problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="undecided-title" class={undecided.length ? "notice info" : "notice ok"}>
        <h2 id="undecided-title">{w("undecided")}</h2>
        {undecided.length ? (
          <table id="undecided">
            <thead>
              <tr>
                <th scope="col">{w("cell")}</th>
                <th scope="col">{w("message")}</th>
              </tr>
            </thead>
            <tbody>
              {undecided.map((u) => (
                <tr>
                  <td class="mono">{u.cell}</td>
                  <td>{u.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{w("undecidedNone")}</p>
        )}
      </section>
      <form method="post" action="/admin/templates/publish" id="proposal">
        <input type="hidden" name="template" value={JSON.stringify(template)} />
        <input type="hidden" name="undecided" value={JSON.stringify(undecided)} />
        <fieldset class="card">
          <legend>{w("template")}</legend>
          <label for="t-id">{w("id")}</label>
          <input
            id="t-id"
            name="id"
            type="text"
            value={template.id}
            required
            pattern="[a-z0-9][a-z0-9\-]{1,62}"
            spellcheck={false}
          />
          <label for="t-name">{w("name")}</label>
          <input id="t-name" name="name" value={template.name} required type="text" />
          <label for="t-version">{w("version")}</label>
          <input id="t-version" name="version" type="number" min="1" value={String(template.version)} required />
        </fieldset>
        <h2>{w("proposal")}</h2>
        {template.appendices.map((a, k) => (
          <section aria-labelledby={`a${k}-title`} class="card">
            <h3 id={`a${k}-title`}>
              {a.id}: {a.heading}
            </h3>
            <PrintedTable t={t} template={template} appendix={a} figures={{}} />
            <label for={`a${k}-heading`}>{w("heading")}</label>
            <input id={`a${k}-heading`} name={`a${k}.heading`} value={a.heading} type="text" />
            <label for={`a${k}-title-input`}>{w("appendixTitle")}</label>
            <input id={`a${k}-title-input`} name={`a${k}.title`} value={a.title} type="text" />
            <TableRegion label={`${a.id}: ${w("items")}`}>
              <table>
                <caption>{w("items")}</caption>
                <thead>
                  <tr>
                    <th scope="col">STT</th>
                    <th scope="col">{w("itemId")}</th>
                    <th scope="col">{w("label")}</th>
                  </tr>
                </thead>
                <tbody>
                  {itemRows(a).map((r, j) => (
                    <tr>
                      <td>{r.item.stt}</td>
                      <td>
                        <input
                          name={`a${k}.i${j}.id`}
                          value={r.item.id}
                          aria-label={`${w("itemId")} ${a.id} ${r.item.stt}`}
                          size={10}
                        />
                      </td>
                      <td>
                        <input
                          name={`a${k}.i${j}.label`}
                          value={r.item.label}
                          aria-label={`${w("label")} ${a.id} ${r.item.stt}`}
                          type="text"
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
            <TableRegion label={`${a.id}: ${w("columns")}`}>
              <table>
                <caption>{w("columns")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w("column")}</th>
                    <th scope="col">{w("measure")}</th>
                    <th scope="col">{w("period")}</th>
                  </tr>
                </thead>
                <tbody>
                  {figureNodes(a.columns).map(({ node, path }, j) => (
                    <tr>
                      <th scope="row">{path.join(" / ")}</th>
                      <td>
                        <select name={`a${k}.c${j}.measure`} aria-label={`${w("measure")}: ${path.join(" / ")}`}>
                          {measureIds.map((m) => (
                            <option value={m} selected={m === node.measure ? true : undefined}>
                              {`${measureLabel(m)} (${m})`}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <select name={`a${k}.c${j}.period`} aria-label={`${w("period")}: ${path.join(" / ")}`}>
                          {periods.map((p) => (
                            <option value={p.id} selected={p.id === node.period ? true : undefined}>
                              {p.label}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </section>
        ))}
        <p class="actions">
          <button type="submit" class="primary">
            {w("publish")}
          </button>
        </p>
      </form>
    </>
  ));
}

/** The administrator's corrections applied to the proposal; measures kept consistent with the columns. */
function applyEdits(template: Template, form: Record<string, string | File>): Template {
  const field = (name: string) => {
    const v = form[name];
    return typeof v === "string" ? v.trim() : undefined;
  };
  template.id = field("id") ?? template.id;
  template.name = field("name") || template.name;
  const version = Number(field("version"));
  if (Number.isInteger(version) && version > 0) template.version = version;
  if (template.document) template.document.title = template.name;
  const decimals = Number.isInteger(template.money?.decimals) ? template.money.decimals : 3;
  template.appendices.forEach((a: Appendix, k) => {
    a.heading = field(`a${k}.heading`) || a.heading;
    a.title = field(`a${k}.title`) || a.title;
    itemRows(a).forEach((r, j) => {
      r.item.id = field(`a${k}.i${j}.id`) || r.item.id;
      r.item.label = field(`a${k}.i${j}.label`) || r.item.label;
    });
    figureNodes(a.columns).forEach(({ node }, j) => {
      node.measure = field(`a${k}.c${j}.measure`) || node.measure;
      node.period = field(`a${k}.c${j}.period`) || node.period;
    });
  });
  // The measures are those the columns are bound to.
  const inColumns = (a: Appendix) => [...new Set(figureNodes(a.columns).map(({ node }) => node.measure!))];
  const used = new Set(template.appendices.flatMap(inColumns));
  const known = new Map(template.measures.map((m) => [m.id, m]));
  const order = [...template.measures.map((m) => m.id), ...INFERRED_MEASURES];
  template.measures = [...new Set(order)]
    .filter((id) => used.has(id))
    .flatMap((id) => {
      const m = known.get(id) ?? inferredMeasure(id, decimals);
      return m ? [m] : [];
    });
  for (const m of template.measures) if (m.sumOf) m.sumOf = m.sumOf.filter((s) => used.has(s));
  const all = template.measures.map((m) => m.id);
  for (const a of template.appendices) {
    const own = all.filter((m) => inColumns(a).includes(m));
    if (own.length === all.length) delete a.measures;
    else a.measures = own;
    const keep = (ms: string[]) => ms.filter((m) => own.includes(m));
    a.totalRow.measures = keep(a.totalRow.measures).length ? keep(a.totalRow.measures) : own;
    for (const r of itemRows(a)) {
      if (!r.item.measures) continue;
      r.item.measures = keep(r.item.measures);
      if (r.item.measures.length === own.length) delete r.item.measures;
    }
  }
  return template;
}

adminTemplates.get("/infer", ...signedIn("admin"), (c) => renderUpload(c));

adminTemplates.post("/infer", ...signedIn("admin"), limit, async (c) => {
  let grids;
  try {
    grids = await readInferGrids(c);
  } catch (err) {
    if (err instanceof ApiError) return renderUpload(c, err);
    throw err;
  }
  return renderReview(c, inferTemplate(grids));
});

// Reloading the address after publishing shows the upload form again.
adminTemplates.get("/publish", ...signedIn("admin"), (c) => c.redirect("/admin/templates/infer", 303));

adminTemplates.post("/publish", ...signedIn("admin"), limit, async (c) => {
  const form = await c.req.parseBody();
  const text = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
  const proposal = parseJsonText(text("template")) as Template;
  if (!proposal || typeof proposal !== "object" || !Array.isArray(proposal.appendices))
    throw catalogueError(400, "INVALID_REQUEST", { fields: "template" });
  const undecided = (() => {
    try {
      const u = JSON.parse(text("undecided") || "[]") as Review["undecided"];
      return Array.isArray(u) ? u.filter((x) => typeof x?.cell === "string" && typeof x?.message === "string") : [];
    } catch {
      return [];
    }
  })();
  let template: Template;
  try {
    template = applyEdits(proposal, form);
  } catch {
    return renderReview(c, { template: proposal, undecided, problems: ["template is not readable"] }, 422);
  }
  const checked = checkedTemplate(template);
  if ("problems" in checked) return renderReview(c, { template, undecided, problems: checked.problems }, 422);
  const current = await resolveTemplate(c.env.DB, template.id);
  if (current && current.version >= template.version) {
    const w = words(c);
    const problems = [w("exists", { id: template.id, current: current.version })];
    return renderReview(c, { template, undecided, problems }, 409);
  }
  const json = JSON.stringify(template);
  await storeTemplate(c.env.DB, template, json, await sha256Hex(json), c.get("principal"), new Date().toISOString());
  const w = words(c);
  return page(c, { title: w("title"), section: "admin" }, () => (
    <section class="notice ok" aria-labelledby="published-title" id="published">
      <h2 id="published-title" tabindex={-1} data-focus>
        {w("published", { id: template.id, version: template.version })}
      </h2>
      <ul>
        <li>
          <a href={`/api/templates/${encodeURIComponent(template.id)}`}>{w("json")}</a>
        </li>
        <li>
          <a href={`/api/templates/${encodeURIComponent(template.id)}/workbook`}>{w("workbook")}</a>
        </li>
        <li>
          <a href="/admin/templates/infer">{w("again")}</a>
        </li>
      </ul>
    </section>
  ));
});
