// The administrator's audit log page (issue 17, point 3): every write, newest first, filtered by
// who (a token), what (an action), which unit and a range of days typed day first, with the same
// rows as a CSV for Excel set to Vietnamese (BOM, semicolons).
import { type Context, Hono } from "hono";
import { formatVietnamDate, formatVietnamTime } from "../../domain";
import { listTokens } from "../db/tokens";
import type { AppEnv } from "../env";
import { type AuditEntry, type AuditFilter, auditActions, searchAudit } from "../services/admin-audit";
import { toCsv } from "../xlsx";
import { adminPage, DateField, Field, readDay, type Refusal, sharedWords, wordsOf } from "./admin-shared";
import { TableRegion } from "./components";
import { pageError, signedIn } from "./guard";
import type { Translate } from "./i18n";

export const adminAudit = new Hono<AppEnv>();
adminAudit.onError(pageError);

/** Rows a page shows; the CSV carries up to CSV_ROWS. */
const PAGE_ROWS = 200;
const CSV_ROWS = 10_000;

const WORDS = {
  vi: {
    title: "Nhật ký thao tác",
    intro:
      "Mọi thao tác ghi (nộp, duyệt, khóa, công bố, cấp mã, thay đổi đơn vị, mẫu biểu, kỳ báo cáo), mới nhất trước.",
    filters: "Lọc nhật ký",
    actor: "Người thực hiện (mã truy cập)",
    anyone: "(mọi người)",
    bootstrap: "Mã quản trị ban đầu (ADMIN_TOKEN)",
    action: "Thao tác",
    anyAction: "(mọi thao tác)",
    unit: "Đơn vị (mã)",
    from: "Từ ngày",
    to: "Đến ngày",
    filter: "Lọc",
    clear: "Bỏ lọc",
    csv: "Tải nhật ký đã lọc (.csv cho Excel tiếng Việt)",
    count: "{n} dòng",
    countMore: "{n} dòng mới nhất (tải CSV để có đến {max} dòng)",
    empty: "Không có dòng nào khớp bộ lọc.",
    seq: "Số",
    at: "Thời điểm",
    who: "Người thực hiện",
    role: "Vai trò",
    target: "Đối tượng",
    detail: "Chi tiết",
    rangeBackwards: "“Đến ngày” ({to}) phải từ “Từ ngày” ({from}) trở đi.",
  },
  en: {
    title: "Audit log",
    intro:
      "Every write (submissions, reviews, locks, publications, tokens, changes to units, templates and rounds), newest first.",
    filters: "Filter the log",
    actor: "Who (access token)",
    anyone: "(anyone)",
    bootstrap: "Bootstrap administrator token (ADMIN_TOKEN)",
    action: "Action",
    anyAction: "(any action)",
    unit: "Unit (code)",
    from: "From",
    to: "To",
    filter: "Filter",
    clear: "Clear the filters",
    csv: "Download the filtered log (.csv for Excel in Vietnamese)",
    count: "{n} rows",
    countMore: "The newest {n} rows (download the CSV for up to {max})",
    empty: "No row matches the filters.",
    seq: "No.",
    at: "Time",
    who: "Who",
    role: "Role",
    target: "Target",
    detail: "Detail",
    rangeBackwards: "“To” ({to}) must not be before “From” ({from}).",
  },
};
type Key = keyof (typeof WORDS)["vi"];
const words = wordsOf<Key>(WORDS);

interface Asked {
  filter: AuditFilter;
  values: Record<string, string>;
  refusal?: Refusal;
}

/** The filters from the address; a date that is no day is refused naming its field (the others still apply). */
function asked(c: Context<AppEnv>): Asked {
  const q = c.req.query();
  const values = {
    actor: q.actor ?? "",
    action: q.action ?? "",
    unit: (q.unit ?? "").trim(),
    from: q.from ?? "",
    to: q.to ?? "",
  };
  const filter: AuditFilter = { actor: values.actor, action: values.action, unit: values.unit };
  const shared = sharedWords(c);
  const w = words(c);
  let refusal: Refusal | undefined;
  for (const key of ["from", "to"] as const) {
    const day = readDay(values[key]);
    if (day === undefined)
      refusal ??= {
        form: "filters",
        field: `filters-${key}`,
        message: shared("dateInvalid", { label: w(key), text: values[key] }),
        values,
      };
    else if (day) filter[key] = day;
  }
  if (!refusal && filter.from && filter.to && filter.to < filter.from)
    refusal = {
      form: "filters",
      field: "filters-to",
      message: w("rangeBackwards", { from: formatVietnamDate(filter.from), to: formatVietnamDate(filter.to) }),
      values,
    };
  return { filter, values, refusal };
}

function detailText(e: AuditEntry): string {
  if (e.detail === null || e.detail === undefined) return "";
  const text = typeof e.detail === "string" ? e.detail : JSON.stringify(e.detail);
  return text === "{}" ? "" : text;
}

function whoText(e: AuditEntry, bootstrap: string): string {
  if (e.actor === "admin-env") return bootstrap;
  return e.actorLabel ? `${e.actorLabel} (${e.actor.slice(0, 8)})` : e.actor;
}

adminAudit.get("/", ...signedIn("admin"), async (c) => {
  const w = words(c);
  const a = asked(c);
  const [rows, actions, tokens] = await Promise.all([
    a.refusal ? Promise.resolve([]) : searchAudit(c.env.DB, a.filter, PAGE_ROWS),
    auditActions(c.env.DB),
    listTokens(c.env.DB),
  ]);
  const query = new URLSearchParams(Object.entries(a.values).filter(([, v]) => v)).toString();
  const count =
    rows.length >= PAGE_ROWS ? w("countMore", { n: rows.length, max: CSV_ROWS }) : w("count", { n: rows.length });
  return adminPage(c, { title: w("title"), current: "audit", status: a.refusal ? 422 : 200 }, (t: Translate) => (
    <>
      <p class="lead">{w("intro")}</p>
      {a.refusal && (
        <div class="notice error" role="alert" id="refused">
          <p tabindex={-1} data-focus>
            {a.refusal.message}
          </p>
        </div>
      )}
      <form method="get" action="/admin/audit" class="card" id="filters" aria-labelledby="filters-title">
        <h2 id="filters-title">{w("filters")}</h2>
        <div class="fields">
          <Field form="filters" name="actor" label={w("actor")} refusal={a.refusal}>
            {(f) => (
              <select {...f} value={undefined}>
                <option value="">{w("anyone")}</option>
                <option value="admin-env" selected={a.values.actor === "admin-env" ? true : undefined}>
                  {w("bootstrap")}
                </option>
                {tokens.map((k) => (
                  <option value={k.id} selected={a.values.actor === k.id ? true : undefined}>
                    {`${k.label || k.id.slice(0, 8)} – ${t(`role.${k.role}`)}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field form="filters" name="action" label={w("action")} refusal={a.refusal}>
            {(f) => (
              <select {...f} value={undefined}>
                <option value="">{w("anyAction")}</option>
                {actions.map((x) => (
                  <option value={x} selected={a.values.action === x ? true : undefined}>
                    {x}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field form="filters" name="unit" label={w("unit")} refusal={a.refusal}>
            {(f) => <input {...f} value={a.values.unit} type="text" size={10} autocomplete="off" />}
          </Field>
          <DateField c={c} form="filters" name="from" label={w("from")} value={a.values.from} refusal={a.refusal} />
          <DateField c={c} form="filters" name="to" label={w("to")} value={a.values.to} refusal={a.refusal} />
        </div>
        <p class="actions">
          <button type="submit" class="primary">
            {w("filter")}
          </button>
          <a href="/admin/audit">{w("clear")}</a>
        </p>
      </form>
      {!a.refusal && (
        <>
          <p>
            <a href={`/admin/audit/audit.csv${query ? `?${query}` : ""}`} download id="audit-csv">
              {w("csv")}
            </a>
          </p>
          <p class="counts" id="audit-count">
            {count}
          </p>
          {rows.length ? (
            <TableRegion label={w("title")}>
              <table class="stack" id="audit">
                <thead>
                  <tr>
                    <th scope="col">{w("seq")}</th>
                    <th scope="col">{w("at")}</th>
                    <th scope="col">{w("who")}</th>
                    <th scope="col">{w("action")}</th>
                    <th scope="col">{w("target")}</th>
                    <th scope="col">{w("detail")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((e) => (
                    <tr data-seq={String(e.seq)}>
                      <td data-label={w("seq")}>{e.seq}</td>
                      <td data-label={w("at")}>{formatVietnamTime(e.at)}</td>
                      <td data-label={w("who")}>
                        {whoText(e, w("bootstrap"))}
                        <br />
                        <span class="hint-inline">{t(`role.${e.role as "admin"}`)}</span>
                      </td>
                      <td data-label={w("action")} class="mono">
                        {e.action}
                      </td>
                      <td data-label={w("target")} class="mono wrap">
                        {e.target}
                      </td>
                      <td data-label={w("detail")} class="mono wrap">
                        {detailText(e)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          ) : (
            <p>{w("empty")}</p>
          )}
        </>
      )}
    </>
  ));
});

adminAudit.get("/audit.csv", ...signedIn("admin"), async (c) => {
  const w = words(c);
  const a = asked(c);
  if (a.refusal) return c.redirect(`/admin/audit?${new URLSearchParams(a.values)}`, 303);
  const rows = await searchAudit(c.env.DB, a.filter, CSV_ROWS);
  const header = [w("seq"), w("at"), w("who"), w("role"), w("action"), w("target"), w("detail")];
  const body = rows.map((e) => [
    e.seq,
    formatVietnamTime(e.at),
    whoText(e, w("bootstrap")),
    e.role,
    e.action,
    e.target,
    detailText(e),
  ]);
  return c.body(toCsv([header, ...body], { bom: true, separator: ";", decimalComma: true }), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="nhat-ky.csv"`,
  });
});
