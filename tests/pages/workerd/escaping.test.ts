// Stored text is shown as text: a unit name, a reviewer's comment and an uploaded file name
// holding markup come out escaped on every page that shows them, never as elements.
import { describe, expect, it } from "vitest";
import { ADMIN, call, ok, tokenFor } from "../../worker/api/helpers";
import { workbook, XLSX_TYPE } from "../support/workbooks";
import { html, request, signIn, textOf } from "./page-client";

const NAME = `<script>alert("tên")</script> Xã <b>thử</b>`;
const COMMENT = `<img src=x onerror="alert(1)"> Sai năm 2024 & "cần sửa"`;
const FILE = `<script>x</script>ke-hoach.xlsx`;

function noMarkupFrom(page: string) {
  expect(page).not.toContain("<script>alert");
  expect(page).not.toContain("<b>thử</b>");
  expect(page).not.toContain("<img src=x");
  expect(page).not.toContain("<script>x</script>");
  expect(page.match(/<script\b/g)).toHaveLength(1); // only the external app.js
}

describe("stored text on pages", () => {
  it("a unit name, a comment and a file name containing markup render as text", async () => {
    const code = `X${Date.now().toString(36)}`.slice(0, 20);
    await ok(await call("/api/units", { token: ADMIN, json: { code, name: NAME, kind: "xã", parent: "94" } }));
    const cookie = await signIn(await tokenFor("submitter", code));
    const f = new FormData();
    f.set("template", "kh-157-2023");
    f.set("unit", code);
    f.set("kind", "execution");
    f.set("file", new File([workbook()], FILE, { type: XLSX_TYPE }));
    const posted = await request("/district/upload", { cookie, form: f });
    expect(posted.status).toBe(303);
    const id = new URL(posted.headers.get("location")!, "http://x").searchParams.get("receipt")!;

    const receipt = await html(await request(posted.headers.get("location")!, { cookie }));
    noMarkupFrom(receipt);
    expect(receipt).toContain("&lt;script&gt;alert(&quot;tên&quot;)&lt;/script&gt; Xã &lt;b&gt;thử&lt;/b&gt;");
    expect(textOf(receipt)).toContain(`Tệp ${FILE}`);

    const reviewer = await signIn(await tokenFor("reviewer"));
    const list = await html(await request("/review", { cookie: reviewer }));
    noMarkupFrom(list);
    expect(textOf(list)).toContain(NAME);
    const detail = await html(await request(`/review/${id}`, { cookie: reviewer }));
    noMarkupFrom(detail);
    expect(textOf(detail)).toContain(FILE);
    const decision = { comment: COMMENT, decision: "returned" };
    expect((await request(`/review/${id}`, { cookie: reviewer, form: decision })).status).toBe(303);

    // The history and the banner of the returned report both quote the comment as text.
    const history = await html(await request("/district", { cookie }));
    noMarkupFrom(history);
    expect(history.match(/&lt;img src=x onerror/g)).toHaveLength(2);
    expect(history).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Sai năm 2024 &amp; &quot;cần sửa&quot;");
    expect(textOf(history)).toContain(COMMENT);

    const reviewed = await html(await request("/review", { cookie: reviewer }));
    noMarkupFrom(reviewed);
    expect(textOf(reviewed)).toContain(COMMENT);

    // The dashboard names the unit whose report was returned (it is not counted, so not drawn).
    const dashboard = await html(
      await request("/dashboard?kind=execution", { cookie: await signIn(await tokenFor("leader")) }),
    );
    noMarkupFrom(dashboard);
    expect(dashboard).toContain(
      `<li data-unit="${code}">&lt;script&gt;alert(&quot;tên&quot;)&lt;/script&gt; Xã &lt;b&gt;thử&lt;/b&gt;: phiên bản 1 bị trả lại`,
    );
  });
});
