// The pane's HTTP client and submission body, without a server: failures become typed values,
// and the Idempotency-Key follows the exact content.
import { describe, expect, it } from "vitest";
import { figuresFromTree, getTemplate, type Issue, issueText } from "../../domain";
import { ApiFailureError, createClient, prepareSubmission } from "../../addin/api";
import { failureText } from "../../addin/ui/messages";
import { expectedTree } from "../domain/support/fixture";

const template = getTemplate("kh-157-2023")!;
const figures = figuresFromTree(template, expectedTree() as never);

function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
  };
  return { fn: fn as typeof fetch, calls };
}

async function failureOf(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiFailureError);
  return (err as ApiFailureError).failure;
}

describe("prepareSubmission", () => {
  it("sends canonical JSON with the base version; the key is the same for the same content only", async () => {
    const a = await prepareSubmission(template, figures, { unit: "951", kind: "plan", baseVersion: 1 });
    const again = await prepareSubmission(template, figures, { unit: "951", kind: "plan", baseVersion: 1 });
    const rebased = await prepareSubmission(template, figures, { unit: "951", kind: "plan", baseVersion: 2 });
    const body = JSON.parse(a.body);
    expect(Object.keys(body)).toEqual(["appendices", "baseVersion", "kind", "template", "unit"]);
    expect(body.appendices.PL01["1"].NSTW["2023"]).toBe("403.305");
    expect(a.idempotencyKey).toMatch(/^addin-[0-9a-f]{48}$/);
    expect(again.idempotencyKey).toBe(a.idempotencyKey);
    expect(rebased.idempotencyKey).not.toBe(a.idempotencyKey);
  });
});

describe("createClient", () => {
  it("POSTs with the token, Idempotency-Key and the add-in's client mark, and reads a replayed receipt", async () => {
    const f = fakeFetch(
      201,
      { id: "s1", version: 2, sha256: "ab".repeat(32), createdAt: "2026-11-26T03:00:00Z" },
      { "Idempotent-Replayed": "true" },
    );
    const client = createClient({ baseUrl: "http://x/", token: "kh157_t", fetch: f.fn });
    const answer = await client.submit("{}", "addin-k");
    expect(answer).toMatchObject({ replayed: true, receipt: { version: 2 } });
    const headers = new Headers(f.calls[0].init.headers);
    expect(f.calls[0].url).toBe("http://x/api/submissions");
    expect(headers.get("Authorization")).toBe("Bearer kh157_t");
    expect(headers.get("Idempotency-Key")).toBe("addin-k");
    expect(headers.get("X-Client")).toBe("kh157-addin");
  });

  it("sends back the D1 bookmark of its last answer, so its next read sees what it wrote", async () => {
    const f = fakeFetch(
      201,
      { id: "s1", version: 2, sha256: "ab".repeat(32), createdAt: "2026-11-26T03:00:00Z" },
      { "x-d1-bookmark": "0000002a-00000003-00004f6b-1" },
    );
    const client = createClient({ baseUrl: "http://x", token: "t", fetch: f.fn });
    await client.submit("{}", "k");
    expect(new Headers(f.calls[0].init.headers).get("x-d1-bookmark")).toBeNull();
    await client.me();
    expect(new Headers(f.calls[1].init.headers).get("x-d1-bookmark")).toBe("0000002a-00000003-00004f6b-1");
  });

  it("turns a 422 into the validation report and other errors into code, message and details", async () => {
    const report = { valid: false, errors: [{ code: "NEGATIVE", cell: "PL01!E8" }], warnings: [] };
    expect(
      await failureOf(
        createClient({ baseUrl: "http://x", token: "t", fetch: fakeFetch(422, report).fn }).submit("{}", "k"),
      ),
    ).toEqual({
      kind: "report",
      status: 422,
      report,
    });
    const stale = {
      errors: [{ code: "STALE_BASE_VERSION", message: "Báo cáo đã có phiên bản 3", currentVersion: 3, baseVersion: 2 }],
    };
    expect(
      await failureOf(
        createClient({ baseUrl: "http://x", token: "t", fetch: fakeFetch(409, stale).fn }).submit("{}", "k"),
      ),
    ).toEqual({
      kind: "http",
      status: 409,
      code: "STALE_BASE_VERSION",
      message: "Báo cáo đã có phiên bản 3",
      details: { currentVersion: 3, baseVersion: 2 },
    });
    const down = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    expect(await failureOf(createClient({ baseUrl: "http://x", token: "t", fetch: down }).me())).toEqual({
      kind: "network",
      message: "Failed to fetch",
    });
  });

  it("keeps an error's catalogue params apart from its other details (text and numbers only)", async () => {
    const locked = {
      errors: [
        {
          code: "PERIOD_LOCKED",
          message: "Năm 2024 đã bị khóa; không thể thay đổi số liệu của năm này.",
          params: { period: "2024", bad: { x: 1 } },
          at: "x",
        },
      ],
    };
    expect(
      await failureOf(
        createClient({ baseUrl: "http://x", token: "t", fetch: fakeFetch(423, locked).fn }).submit("{}", "k"),
      ),
    ).toEqual({
      kind: "http",
      status: 423,
      code: "PERIOD_LOCKED",
      message: locked.errors[0].message,
      params: { period: "2024" },
      details: { at: "x" },
    });
    const older = { errors: [{ code: "PERIOD_LOCKED", message: "Năm 2024 đã bị khóa." }] };
    expect(
      await failureOf(
        createClient({ baseUrl: "http://x", token: "t", fetch: fakeFetch(423, older).fn }).submit("{}", "k"),
      ),
    ).not.toHaveProperty("params");
  });

  it("fetches the template the server uses (GET /api/templates/{id}) as untrusted JSON, and a missing one as a failure", async () => {
    const served = { ...template, version: template.version + 1 };
    const f = fakeFetch(200, served);
    expect(await createClient({ baseUrl: "http://x/", token: "t", fetch: f.fn }).template("kh-157-2023")).toEqual(
      served,
    );
    expect(f.calls.map((c) => [c.url, c.init.method ?? "GET"])).toEqual([
      ["http://x/api/templates/kh-157-2023", "GET"],
    ]);
    const missing = { errors: [{ code: "TEMPLATE_NOT_FOUND", message: 'Không tìm thấy mẫu biểu "a/b"' }] };
    const g = fakeFetch(404, missing);
    expect(
      await failureOf(createClient({ baseUrl: "http://x", token: "t", fetch: g.fn }).template("a/b")),
    ).toMatchObject({ kind: "http", status: 404, code: "TEMPLATE_NOT_FOUND" });
    expect(g.calls[0].url).toBe("http://x/api/templates/a%2Fb");
  });

  it("builds consolidated and history queries", async () => {
    const f = fakeFetch(200, { submissions: [] });
    const client = createClient({ baseUrl: "http://x", token: "t", fetch: f.fn });
    await client.snapshots({ template: "kh-157-2023", unit: "951", kind: "plan", limit: 5 });
    await client
      .consolidated({ template: "kh-157-2023", kind: "plan", basis: "approved", asOf: "2026-01-01T00:00:00.000Z" })
      .catch(() => undefined);
    expect(f.calls.map((c) => c.url)).toEqual([
      "http://x/api/submissions?template=kh-157-2023&unit=951&kind=plan&limit=5",
      "http://x/api/consolidated?template=kh-157-2023&kind=plan&basis=approved&asOf=2026-01-01T00%3A00%3A00.000Z&format=json",
    ]);
  });
});

describe("messages", () => {
  it("issues are rendered by the domain's issueText in either language", () => {
    const issue = {
      code: "NEGATIVE",
      severity: "error",
      message: "Số liệu không được âm (-5).",
      appendix: "PL01",
      item: "1",
      measure: "quantity",
      period: "2023",
      cell: "PL01!E8",
      params: { value: "-5" },
    } as Issue;
    expect(issueText(issue, "vi")).toBe("Số liệu không được âm (-5).");
    expect(issueText(issue, "en")).toBe("Figures cannot be negative (-5).");
    expect(issueText({ ...issue, code: "FUTURE_CODE" as Issue["code"], message: "mới" }, "en")).toBe("mới");
  });

  it("explains network failures and locked years, saying the sheet is unchanged", () => {
    expect(failureText({ kind: "network", message: "Failed to fetch" }, "vi")).toMatch(
      /Không kết nối được máy chủ \(Failed to fetch\)\. Số liệu trên sheet vẫn giữ nguyên/,
    );
    const locked = {
      kind: "http" as const,
      status: 423,
      code: "PERIOD_LOCKED",
      message: "Năm 2023 đã bị khóa; không thể thay đổi số liệu của năm này.",
      details: {},
    };
    expect(failureText(locked, "vi")).toMatch(/^Năm 2023 đã bị khóa.*vẫn giữ nguyên/);
    expect(failureText(locked, "en")).toMatch(/^Year 2023 is locked; its figures cannot change\. Nothing was sent/);
    expect(failureText({ kind: "http", status: 401, code: "UNAUTHORIZED", message: "x", details: {} }, "en")).toMatch(
      /invalid or revoked/,
    );
  });

  it("takes a locked year from the error's params, the message only when an older server sent none", () => {
    // The message names another year on purpose: with params present, the message is not parsed.
    const locked = {
      kind: "http" as const,
      status: 423,
      code: "PERIOD_LOCKED",
      message: "Năm 2023 đã bị khóa.",
      params: { period: "2025" },
      details: {},
    };
    expect(failureText(locked, "en")).toMatch(/^Year 2025 is locked; its figures cannot change\. Nothing was sent/);
    expect(failureText(locked, "vi")).toMatch(/^Năm 2023 đã bị khóa\. Chưa có gì được gửi/); // the server's own Vietnamese
    const { params: _dropped, ...older } = locked;
    expect(failureText(older, "en")).toMatch(/^Year 2023 is locked/);
    // Other catalogue codes with params read in English too; without params the server's message stands.
    const unit = {
      kind: "http" as const,
      status: 400,
      code: "UNIT_UNKNOWN",
      message: 'Không có đơn vị mã "999".',
      details: {},
    };
    expect(failureText({ ...unit, params: { unit: "999" } }, "en")).toBe('The server reported: Unknown unit "999".');
    expect(failureText(unit, "en")).toBe('The server reported: Không có đơn vị mã "999".');
  });
});
