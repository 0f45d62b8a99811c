// The administrator's access tokens page (issue 17, point 3): issue a token (label, role, unit,
// expiry) whose secret is shown once, on the answer to the form only (never in an address), with
// a copy button; the list (label, role, unit, issued, last used, expiry, state); revoke after a
// confirmation page.
import { type Context, Hono } from "hono";
import { formatVietnamDate, formatVietnamTime, ROLES, type Role } from "../../domain";
import { now } from "../clock";
import { listTokens, revokeToken, type TokenRow, tokenExpired } from "../db/tokens";
import type { AppEnv } from "../env";
import { catalogueError } from "../errors";
import { issueToken } from "../services/admin-tokens";
import { Structure, vietnamDay } from "../services/units";
import {
  adminPage,
  DateField,
  doneHref,
  Field,
  FormCard,
  FormRefused,
  formValues,
  Outcome,
  type Refusal,
  refusalFor,
  refusalOf,
  requireDay,
  sharedWords,
  type Words,
  wordsOf,
} from "./admin-shared";
import { TableRegion } from "./components";
import { pageError, signedIn } from "./guard";
import { langOf, type Translate } from "./i18n";

export const adminTokens = new Hono<AppEnv>();
adminTokens.onError(pageError);

const WORDS = {
  vi: {
    title: "Mã truy cập",
    intro:
      "Mỗi người dùng một mã riêng. Mã chỉ hiện một lần khi cấp; hệ thống chỉ lưu mã băm, nên mất mã thì thu hồi và cấp mã mới.",
    issueTitle: "Cấp mã mới",
    label: "Ghi chú: mã cấp cho ai",
    labelHint: "Ví dụ: Phòng Tài chính – Kế hoạch xã Trần Đề.",
    role: "Vai trò",
    unit: "Đơn vị (chỉ với người nộp báo cáo)",
    noUnit: "(không: vai trò khác)",
    expires: "Hạn dùng: hết ngày (để trống: đến khi thu hồi)",
    issue: "Cấp mã",
    newTitle: "Mã mới: {label}",
    newText:
      "Hãy sao chép và gửi mã này cho người dùng qua kênh an toàn ngay bây giờ: mã sẽ không hiện lại lần nào nữa.",
    secret: "Mã truy cập mới",
    copy: "Sao chép mã",
    copied: "Đã sao chép mã.",
    copyFailed: "Không sao chép được: hãy chọn mã rồi bấm Ctrl+C.",
    listTitle: "Các mã đã cấp ({n})",
    listEmpty: "Chưa cấp mã nào.",
    created: "Ngày cấp",
    lastUsed: "Dùng gần nhất",
    never: "chưa dùng",
    expiry: "Hạn dùng",
    untilRevoked: "đến khi thu hồi",
    state: "Trạng thái",
    active: "Đang dùng",
    revoked: "Đã thu hồi {at}",
    expired: "Hết hạn",
    actions: "Thao tác",
    revoke: "Thu hồi…",
    revokeLabel: "Thu hồi mã {label}",
    confirmTitle: "Thu hồi mã “{label}”?",
    confirmText:
      "Sau khi thu hồi, mã này không dùng được nữa và các phiên đăng nhập bằng mã này kết thúc ngay. Không thể hoàn tác; cần thì cấp mã mới.",
    confirm: "Xác nhận thu hồi",
    back: "Quay lại danh sách mã",
    doneRevoked: "Đã thu hồi mã “{label}”.",
    noLabel: "(không ghi chú)",
  },
  en: {
    title: "Access tokens",
    intro:
      "Everyone has their own token. A token is shown once, when issued; only its hash is stored, so a lost token is revoked and a new one issued.",
    issueTitle: "Issue a token",
    label: "Note: who the token is for",
    labelHint: "For example: Finance office of Trần Đề commune.",
    role: "Role",
    unit: "Unit (report submitters only)",
    noUnit: "(none: other roles)",
    expires: "Expires at the end of (empty: until revoked)",
    issue: "Issue the token",
    newTitle: "New token: {label}",
    newText: "Copy it and send it to its user over a safe channel now: it will never be shown again.",
    secret: "The new access token",
    copy: "Copy the token",
    copied: "The token was copied.",
    copyFailed: "Could not copy: select the token and press Ctrl+C.",
    listTitle: "Tokens issued ({n})",
    listEmpty: "No token has been issued.",
    created: "Issued",
    lastUsed: "Last used",
    never: "never",
    expiry: "Expiry",
    untilRevoked: "until revoked",
    state: "State",
    active: "Active",
    revoked: "Revoked {at}",
    expired: "Expired",
    actions: "Actions",
    revoke: "Revoke…",
    revokeLabel: "Revoke token {label}",
    confirmTitle: "Revoke the token “{label}”?",
    confirmText:
      "Once revoked, the token no longer works and the sessions signed in with it end at once. This cannot be undone; issue a new token if needed.",
    confirm: "Yes, revoke it",
    back: "Back to the tokens",
    doneRevoked: "The token “{label}” was revoked.",
    noLabel: "(no note)",
  },
};
type Key = keyof (typeof WORDS)["vi"];
const words = wordsOf<Key>(WORDS);

const labelOf = (w: Words<Key>, t: { label: string | null }) => t.label || w("noLabel");

function TokenList({ w, t, tokens, at }: { w: Words<Key>; t: Translate; tokens: TokenRow[]; at: Date }) {
  if (!tokens.length) return <p>{w("listEmpty")}</p>;
  const caption = w("listTitle", { n: tokens.length });
  return (
    <TableRegion label={caption}>
      <table class="stack" id="tokens">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{w("label")}</th>
            <th scope="col">{w("role")}</th>
            <th scope="col">{t("unit")}</th>
            <th scope="col">{w("created")}</th>
            <th scope="col">{w("lastUsed")}</th>
            <th scope="col">{w("expiry")}</th>
            <th scope="col">{w("state")}</th>
            <th scope="col">{w("actions")}</th>
          </tr>
        </thead>
        <tbody>
          {[...tokens].reverse().map((k) => {
            const state = k.revoked_at
              ? w("revoked", { at: formatVietnamTime(k.revoked_at) })
              : tokenExpired(k, at)
                ? w("expired")
                : w("active");
            return (
              <tr data-token={k.id}>
                <td data-label={w("label")}>{labelOf(w, k)}</td>
                <td data-label={w("role")}>{t(`role.${k.role}`)}</td>
                <td data-label={t("unit")} class="mono">
                  {k.unit ?? t("none")}
                </td>
                <td data-label={w("created")}>{formatVietnamTime(k.created_at)}</td>
                <td data-label={w("lastUsed")}>{k.last_used_at ? formatVietnamTime(k.last_used_at) : w("never")}</td>
                <td data-label={w("expiry")}>{k.expires_at ? formatVietnamTime(k.expires_at) : w("untilRevoked")}</td>
                <td data-label={w("state")}>{state}</td>
                <td data-label={w("actions")}>
                  {!k.revoked_at && (
                    <a
                      href={`/admin/tokens/${encodeURIComponent(k.id)}/revoke`}
                      aria-label={w("revokeLabel", { label: labelOf(w, k) })}
                    >
                      {w("revoke")}
                    </a>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}

interface View {
  done?: string;
  refusal?: Refusal;
  issued?: { label: string; token: string };
  status?: 200 | 422;
}

async function render(c: Context<AppEnv>, view: View = {}) {
  const w = words(c);
  const at = now(c.env);
  const tokens = await listTokens(c.env.DB);
  const units = (await Structure.read(c.env.DB)).unitsOn(vietnamDay(at.getTime()));
  const r = refusalFor(view.refusal, "issue");
  return adminPage(c, { title: w("title"), current: "tokens", status: view.status }, (t) => (
    <>
      <p class="lead">{w("intro")}</p>
      <Outcome c={c} done={view.done} refusal={view.refusal} />
      {view.issued && (
        <section class="notice ok" aria-labelledby="issued-title" id="issued">
          <h2 id="issued-title" tabindex={-1} data-focus>
            {w("newTitle", { label: view.issued.label })}
          </h2>
          <p>{w("newText")}</p>
          <label for="new-token">{w("secret")}</label>
          <input id="new-token" type="text" readonly value={view.issued.token} class="mono" spellcheck={false} />
          <p class="actions">
            <button
              type="button"
              hidden
              data-copy="new-token"
              data-copied={w("copied")}
              data-copy-failed={w("copyFailed")}
              data-status="copy-status"
            >
              {w("copy")}
            </button>
            <span id="copy-status" role="status"></span>
          </p>
        </section>
      )}
      <FormCard id="issue" title={w("issueTitle")} action="/admin/tokens">
        <Field form="issue" name="label" label={w("label")} hint={w("labelHint")} refusal={r}>
          {(a) => <input {...a} value={a.value ?? ""} type="text" maxlength={200} autocomplete="off" />}
        </Field>
        <Field form="issue" name="role" label={w("role")} refusal={r}>
          {(a) => (
            <select {...a} value={undefined}>
              {ROLES.map((role) => (
                <option value={role} selected={(a.value ?? "submitter") === role ? true : undefined}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form="issue" name="unit" label={w("unit")} refusal={r}>
          {(a) => (
            <select {...a} value={undefined}>
              <option value="">{w("noUnit")}</option>
              {units.map((u) => (
                <option value={u.code} selected={a.value === u.code ? true : undefined}>
                  {`${u.code} – ${u.name}`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <DateField c={c} form="issue" name="expires" label={w("expires")} refusal={r} />
        <p class="actions">
          <button type="submit" class="primary">
            {w("issue")}
          </button>
        </p>
      </FormCard>
      <section aria-labelledby="list-title">
        <h2 id="list-title">{w("listTitle", { n: tokens.length })}</h2>
        <TokenList w={w} t={t} tokens={tokens} at={at} />
      </section>
    </>
  ));
}

adminTokens.get("/", ...signedIn("admin"), (c) => {
  const label = c.req.query("label");
  return render(c, {
    done: c.req.query("done") === "revoked" ? words(c)("doneRevoked", { label: label ?? "" }) : undefined,
  });
});

const FIELD_OF: Record<string, string> = {
  TOKEN_UNIT: "issue-unit",
  UNIT_UNKNOWN: "issue-unit",
  TOKEN_EXPIRY_PAST: "issue-expires",
};

adminTokens.post("/", ...signedIn("admin"), async (c) => {
  const w = words(c);
  let values: Record<string, string> = {};
  try {
    values = (await formValues(c)).values;
    const role = values.role as Role;
    if (!ROLES.includes(role))
      throw new FormRefused({
        form: "issue",
        field: "issue-role",
        message: sharedWords(c)("required", { label: w("role") }),
        values,
      });
    const expires = requireDay(c, "issue", "expires", w("expires"), values, true);
    const label = values.label ? values.label.slice(0, 200) : null;
    const unit = values.unit || null;
    const issued = await issueToken(c.env.DB, c.get("principal"), { role, unit, label, expires }, now(c.env));
    // The secret is on this answer only: no redirect could carry it without putting it in an address.
    return render(c, { issued: { label: label ?? w("noLabel"), token: issued.token } });
  } catch (err) {
    if (err instanceof FormRefused) return render(c, { refusal: err.refusal, status: 422 });
    return render(c, { refusal: refusalOf(err, langOf(c), "issue", values, (code) => FIELD_OF[code]), status: 422 });
  }
});

async function tokenOf(c: Context<AppEnv>): Promise<TokenRow> {
  const id = c.req.param("id");
  const token = (await listTokens(c.env.DB)).find((k) => k.id === id && !k.revoked_at);
  if (!token) throw catalogueError(404, "TOKEN_NOT_FOUND");
  return token;
}

adminTokens.get("/:id/revoke", ...signedIn("admin"), async (c) => {
  const w = words(c);
  const token = await tokenOf(c);
  const label = labelOf(w, token);
  return adminPage(c, { title: w("confirmTitle", { label }), current: "tokens" }, (t) => (
    <form method="post" action={`/admin/tokens/${encodeURIComponent(token.id)}/revoke`} class="card narrow" id="revoke">
      <p>{w("confirmText")}</p>
      <dl class="facts">
        <dt>{w("role")}</dt>
        <dd>{t(`role.${token.role}`)}</dd>
        <dt>{t("unit")}</dt>
        <dd>{token.unit ?? t("none")}</dd>
        <dt>{w("created")}</dt>
        <dd>{formatVietnamTime(token.created_at)}</dd>
        <dt>{w("expiry")}</dt>
        <dd>{token.expires_at ? formatVietnamDate(vietnamDay(token.expires_at)) : w("untilRevoked")}</dd>
      </dl>
      <input type="hidden" name="confirm" value="yes" />
      <p class="actions">
        <button type="submit" class="danger">
          {w("confirm")}
        </button>
        <a href="/admin/tokens">{w("back")}</a>
      </p>
    </form>
  ));
});

adminTokens.post("/:id/revoke", ...signedIn("admin"), async (c) => {
  const w = words(c);
  const token = await tokenOf(c);
  const { values } = await formValues(c);
  // A post without the confirmation (an old form, a crafted post) is asked about first.
  if (values.confirm !== "yes") return c.redirect(`/admin/tokens/${encodeURIComponent(token.id)}/revoke`, 303);
  if (!(await revokeToken(c.env.DB, c.get("principal"), token.id, now(c.env).toISOString())))
    throw catalogueError(404, "TOKEN_NOT_FOUND");
  return c.redirect(doneHref("/admin/tokens", { done: "revoked", label: labelOf(w, token) }), 303);
});
