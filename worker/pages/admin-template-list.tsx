// The administrator's templates page (issue 17, point 3): every template with its versions (built
// in, or stored by whom and when), an upload of a template's JSON file checked like POST
// /api/templates (a refusal lists each problem in Vietnamese with where it is), a version previewed
// as printed, and the way to make a template from printed tables (/admin/templates/infer).
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { formatVietnamTime } from "../../domain";
import { sha256Hex } from "../auth/tokens";
import { checkedTemplate } from "../db/stored";
import { storeTemplate } from "../db/templates";
import type { AppEnv } from "../env";
import { catalogueError, tooLarge } from "../errors";
import { MAX_BODY_BYTES, UPLOAD_LIMIT_MIB } from "../limits";
import { templateVersionList } from "../services/admin-templates";
import { resolveTemplate, templateVersions } from "../services/templates";
import { adminPage, doneHref, Field, FormCard, formValues, Outcome, type Refusal, wordsOf } from "./admin-shared";
import { TableRegion } from "./components";
import { pageError, signedIn } from "./guard";
import { langOf } from "./i18n";
import { PrintedTable } from "./printed-table";

export const adminTemplateList = new Hono<AppEnv>();
adminTemplateList.onError(pageError);

const WORDS = {
  vi: {
    title: "Mẫu biểu",
    intro:
      "Mẫu biểu quy định các phụ lục, dòng, cột và kỳ của một kế hoạch. Mỗi lần sửa là một phiên bản mới; báo cáo đã nộp giữ phiên bản đã dùng.",
    listTitle: "Các mẫu biểu và phiên bản",
    id: "Mã mẫu biểu",
    name: "Tên",
    version: "Phiên bản",
    source: "Nguồn",
    builtIn: "Có sẵn trong hệ thống",
    stored: "Tải lên {at}",
    preview: "Xem bản in",
    previewLabel: "Xem bản in {id} phiên bản {version}",
    json: "JSON",
    workbook: "Mẫu trống (.xlsx)",
    uploadTitle: "Tải lên mẫu biểu (tệp JSON)",
    uploadHint:
      "Tệp .json theo định dạng mẫu biểu (docs/templates.md). Mẫu biểu đã có thì phiên bản phải lớn hơn phiên bản hiện có. Tối đa {mib} MiB.",
    file: "Tệp mẫu biểu (.json)",
    upload: "Kiểm tra và lưu",
    inferTitle: "Lập mẫu biểu từ bảng in",
    inferText: "Chưa có tệp JSON? Tải lên bảng phụ lục như khi in (.xlsx) để hệ thống đề xuất mẫu biểu.",
    inferLink: "Lập mẫu biểu từ bảng in",
    problemsTitle: "Mẫu biểu không được lưu: {n} lỗi",
    problemsText: "Sửa các lỗi sau trong tệp rồi tải lên lại. Chưa có gì được lưu.",
    where: "Vị trí",
    problem: "Lỗi",
    notJson: "Tệp “{file}” không phải JSON đọc được: {detail}",
    fileMissing: "Hãy chọn tệp ở ô “{label}”.",
    exists: "Đã có mẫu biểu {id} phiên bản {current}: hãy tăng “version” trong tệp (lớn hơn {current}).",
    doneStored: "Đã lưu mẫu biểu {id}, phiên bản {version}.",
    previewTitle: "{id} phiên bản {version}: bản in",
    previewText: "Mẫu biểu như khi in, chưa có số liệu.",
    back: "Quay lại danh sách mẫu biểu",
  },
  en: {
    title: "Templates",
    intro:
      "A template sets out a plan's appendices, rows, columns and periods. Every change is a new version; submitted reports keep the version they used.",
    listTitle: "Templates and versions",
    id: "Template id",
    name: "Name",
    version: "Version",
    source: "Source",
    builtIn: "Built in",
    stored: "Uploaded {at}",
    preview: "Preview as printed",
    previewLabel: "Preview {id} version {version} as printed",
    json: "JSON",
    workbook: "Blank workbook (.xlsx)",
    uploadTitle: "Upload a template (JSON file)",
    uploadHint:
      "A .json file in the template format (docs/templates.md). For an existing template the version must be higher than the current one. At most {mib} MiB.",
    file: "Template file (.json)",
    upload: "Check and store",
    inferTitle: "Make a template from printed tables",
    inferText: "No JSON file? Upload the appendix tables as printed (.xlsx) and the system proposes a template.",
    inferLink: "Make a template from printed tables",
    problemsTitle: "The template was not stored: {n} problems",
    problemsText: "Fix these in the file and upload it again. Nothing was stored.",
    where: "Where",
    problem: "Problem",
    notJson: "The file “{file}” is not readable JSON: {detail}",
    fileMissing: "Choose a file in “{label}”.",
    exists: "Template {id} has version {current} already: raise “version” in the file (above {current}).",
    doneStored: "Stored template {id}, version {version}.",
    previewTitle: "{id} version {version}: as printed",
    previewText: "The template as printed, without figures.",
    back: "Back to the templates",
  },
};
type Key = keyof (typeof WORDS)["vi"];
const words = wordsOf<Key>(WORDS);

interface View {
  done?: string;
  refusal?: Refusal;
  problems?: { path: string; text: string }[];
  status?: 200 | 409 | 413 | 422;
}

async function render(c: Context<AppEnv>, view: View = {}) {
  const w = words(c);
  const rows = await templateVersionList(c.env.DB);
  const caption = w("listTitle");
  return adminPage(c, { title: w("title"), current: "templates", status: view.status }, () => (
    <>
      <p class="lead">{w("intro")}</p>
      <Outcome c={c} done={view.done} refusal={view.refusal} />
      {view.problems && (
        <section class="notice error" role="alert" aria-labelledby="problems-title" id="template-problems">
          <h2 id="problems-title" tabindex={-1} data-focus>
            {w("problemsTitle", { n: view.problems.length })}
          </h2>
          <p>{w("problemsText")}</p>
          <TableRegion label={w("problemsTitle", { n: view.problems.length })}>
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{w("where")}</th>
                  <th scope="col">{w("problem")}</th>
                </tr>
              </thead>
              <tbody>
                {view.problems.map((p) => (
                  <tr>
                    <td data-label={w("where")} class="mono">
                      {p.path}
                    </td>
                    <td data-label={w("problem")}>{p.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      )}
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{caption}</h2>
        <TableRegion label={caption}>
          <table class="stack" id="template-versions">
            <thead>
              <tr>
                <th scope="col">{w("id")}</th>
                <th scope="col">{w("version")}</th>
                <th scope="col">{w("name")}</th>
                <th scope="col">{w("source")}</th>
                <th scope="col">{w("preview")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const q = `id=${encodeURIComponent(r.id)}&version=${r.version}`;
                return (
                  <tr data-template={`${r.id}@${r.version}`}>
                    <td data-label={w("id")} class="mono">
                      {r.id}
                    </td>
                    <td data-label={w("version")}>{r.version}</td>
                    <td data-label={w("name")}>{r.name}</td>
                    <td data-label={w("source")}>
                      {r.builtIn ? w("builtIn") : w("stored", { at: formatVietnamTime(r.createdAt) })}
                    </td>
                    <td data-label={w("preview")}>
                      <a
                        href={`/admin/templates/view?${q}`}
                        aria-label={w("previewLabel", { id: r.id, version: r.version })}
                      >
                        {w("preview")}
                      </a>{" "}
                      · <a href={`/api/templates/${encodeURIComponent(r.id)}?version=${r.version}`}>{w("json")}</a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      </section>
      <div class="grid2">
        <FormCard
          id="upload"
          title={w("uploadTitle")}
          action="/admin/templates/upload"
          multipart
          intro={w("uploadHint", { mib: UPLOAD_LIMIT_MIB })}
        >
          <Field form="upload" name="file" label={w("file")} refusal={view.refusal}>
            {(a) => <input {...a} value={undefined} type="file" required accept=".json,application/json" />}
          </Field>
          <p class="actions">
            <button type="submit" class="primary">
              {w("upload")}
            </button>
          </p>
        </FormCard>
        <section class="card" aria-labelledby="infer-title">
          <h2 id="infer-title">{w("inferTitle")}</h2>
          <p>{w("inferText")}</p>
          <p>
            <a href="/admin/templates/infer" class="button">
              {w("inferLink")}
            </a>
          </p>
        </section>
      </div>
    </>
  ));
}

adminTemplateList.get("/", ...signedIn("admin"), (c) => {
  const w = words(c);
  const id = c.req.query("id") ?? "";
  const version = c.req.query("version") ?? "";
  return render(c, { done: c.req.query("done") === "stored" ? w("doneStored", { id, version }) : undefined });
});

const limit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw tooLarge();
  },
});

adminTemplateList.post("/upload", ...signedIn("admin"), limit, async (c) => {
  const w = words(c);
  const { files } = await formValues(c);
  const file = files.file;
  const refuse = (message: string, status: 409 | 422 = 422) =>
    render(c, { refusal: { form: "upload", field: "upload-file", message, values: {} }, status });
  if (!file || file.size === 0) return refuse(w("fileMissing", { label: w("file") }));
  let input: unknown;
  try {
    input = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()));
  } catch (err) {
    return refuse(w("notJson", { file: file.name, detail: err instanceof Error ? err.message : String(err) }));
  }
  const checked = checkedTemplate(input);
  if ("problems" in checked) {
    const en = langOf(c) === "en";
    const problems = checked.found.length
      ? checked.found.map((p) => ({ path: p.path || "/", text: en ? p.en : p.vi }))
      : checked.problems.map((p) => ({ path: "/", text: p }));
    return render(c, { problems, status: 422 });
  }
  const { template } = checked;
  const current = await resolveTemplate(c.env.DB, template.id);
  if (current && current.version >= template.version)
    return refuse(w("exists", { id: template.id, current: current.version }), 409);
  const text = JSON.stringify(template);
  await storeTemplate(c.env.DB, template, text, await sha256Hex(text), c.get("principal"), new Date().toISOString());
  return c.redirect(
    doneHref("/admin/templates", { done: "stored", id: template.id, version: String(template.version) }),
    303,
  );
});

adminTemplateList.get("/view", ...signedIn("admin"), async (c) => {
  const w = words(c);
  const id = c.req.query("id") ?? "";
  const version = Number(c.req.query("version"));
  const template = Number.isInteger(version)
    ? (await templateVersions(c.env.DB, id, [version])).get(version)
    : await resolveTemplate(c.env.DB, id);
  if (!template) throw catalogueError(404, "TEMPLATE_NOT_FOUND", { template: `${id}@${c.req.query("version") ?? ""}` });
  const title = w("previewTitle", { id: template.id, version: template.version });
  return adminPage(c, { title, current: "templates" }, (t) => (
    <>
      <p class="lead">
        {template.name}. {w("previewText")}
      </p>
      <p>
        <a href="/admin/templates">{w("back")}</a> ·{" "}
        <a href={`/api/templates/${encodeURIComponent(template.id)}/workbook`}>{w("workbook")}</a>
      </p>
      {template.appendices.map((a) => (
        <section aria-labelledby={`pv-${a.id}`} class="card">
          <h2 id={`pv-${a.id}`}>
            {a.id}: {a.heading}
          </h2>
          <PrintedTable t={t} template={template} appendix={a} figures={{}} />
        </section>
      ))}
    </>
  ));
});
