// Issue 14: one API contract and one error catalogue. Every error answer is
// `{ errors: [{ code, message, params, ...details }] }` with a catalogue code whose Vietnamese
// message is exactly the catalogue's text filled with `params`, so a client renders any other
// language from the code and params instead of parsing the message. Report kinds come from the
// template: a kind it does not declare is refused with 422 KIND_UNKNOWN naming the ones it does,
// wherever a kind is taken.
import { describe, expect, it } from "vitest";
import { getTemplate, isIssueCode, planFigures, printAppendix, renderMessage } from "../../../domain";
import { catalogueError } from "../../../worker/errors";
import { MAX_BODY_BYTES, MAX_UPLOAD_BYTES, UPLOAD_LIMIT_MIB } from "../../../worker/limits";
import { writeXlsx } from "../../../worker/xlsx";
import { html, request, signIn, textOf } from "../../pages/workerd/page-client";
import { ADMIN, call, freshUnits, ok, submission, tokenFor } from "./helpers";

interface ErrorItem {
  code: string;
  message: string;
  params?: Record<string, string | number>;
  [detail: string]: unknown;
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PL01 = (q: number) => ({ PL01: { "1": { quantity: { "2023": q }, NSTW: { "2023": "1" } } } });

/** The one error of an answer, checked against the catalogue: its message is the catalogue's text with its params. */
async function refusal(res: Response, status: number, code: string): Promise<ErrorItem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = JSON.parse(text) as { errors: ErrorItem[] };
  expect(body.errors).toHaveLength(1);
  const [error] = body.errors;
  expect(error.code).toBe(code);
  expect(isIssueCode(error.code), `${code} is in the catalogue`).toBe(true);
  expect(error.params).toBeTypeOf("object");
  if (isIssueCode(error.code)) expect(error.message).toBe(renderMessage(error.code, error.params ?? {}, "vi"));
  return error;
}

describe("error answers carry their catalogue params", () => {
  it("FORBIDDEN says who may: a leader publishing is told the function is for reviewers", async () => {
    const leader = await tokenFor("leader");
    const res = await call("/api/consolidated/publish", { method: "POST", token: leader, json: {} });
    const error = await refusal(res, 403, "FORBIDDEN");
    expect(error.params).toEqual({ roles: "người duyệt, quản trị" });
    expect(renderMessage("FORBIDDEN", error.params!, "en")).toBe(
      "This token's role may not use this function; it is for: người duyệt, quản trị.",
    );
  });

  it("PERIOD_LOCKED names the year in params; English comes from code and params", async () => {
    const { units } = await freshUnits(1);
    const own = { ...getTemplate("kh-157-2023")!, id: `kh-contract-${Date.now().toString(36)}` };
    await ok(await call("/api/templates", { token: ADMIN, json: own }), 201);
    const token = await tokenFor("submitter", units[0]);
    const reviewer = await tokenFor("reviewer");
    await ok(
      await call("/api/submissions", {
        token,
        json: { ...submission(units[0], PL01(1)), template: own.id, kind: "execution" },
      }),
      201,
    );
    await ok(
      await call("/api/locks", { token: reviewer, json: { template: own.id, kind: "execution", period: "2023" } }),
      201,
    );
    const locked = await refusal(
      await call("/api/submissions", {
        token,
        json: { ...submission(units[0], PL01(2)), template: own.id, kind: "execution" },
      }),
      423,
      "PERIOD_LOCKED",
    );
    expect(locked.params).toEqual({ period: "2023" });
    expect(renderMessage("PERIOD_LOCKED", locked.params!, "en")).toBe(
      "Year 2023 is locked; its figures cannot change.",
    );
  });

  it("STALE_BASE_VERSION, TEMPLATE_NOT_FOUND, AS_OF_OUT_OF_RANGE, INVALID_REQUEST and PAYLOAD_TOO_LARGE carry theirs", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const leader = await tokenFor("leader");
    await ok(await call("/api/submissions", { token, json: submission(units[0], PL01(1), { baseVersion: 0 }) }), 201);
    const stale = await refusal(
      await call("/api/submissions", { token, json: submission(units[0], PL01(2), { baseVersion: 0 }) }),
      409,
      "STALE_BASE_VERSION",
    );
    expect(stale).toMatchObject({ params: { current: 1, base: 0 }, currentVersion: 1, baseVersion: 0 });

    const missing = await refusal(await call("/api/templates/kh-999"), 404, "TEMPLATE_NOT_FOUND");
    expect(missing.params).toEqual({ template: "kh-999" });
    const version = await refusal(await call("/api/templates/kh-157-2023?version=99"), 404, "TEMPLATE_NOT_FOUND");
    expect(version.params).toEqual({ template: "kh-157-2023@99" });
    for (const path of [
      "/api/consolidated?template=kh-999",
      "/api/status?template=kh-999",
      "/api/templates/kh-999/workbook",
    ]) {
      expect((await refusal(await call(path, { token: leader }), 404, "TEMPLATE_NOT_FOUND")).params, path).toEqual({
        template: "kh-999",
      });
    }

    const asOf = await refusal(
      await call("/api/consolidated?asOf=1999-12-31", { token: leader }),
      400,
      "AS_OF_OUT_OF_RANGE",
    );
    expect(asOf.params).toEqual({ asOf: "1999-12-31" });
    const shape = await refusal(
      await call("/api/submissions", { token, json: { ...submission(units[0], {}), extra: 1 } }),
      400,
      "INVALID_REQUEST",
    );
    expect(shape.params).toEqual({ fields: "(gốc)" });
    expect(shape.fields).toEqual([expect.objectContaining({ path: "" })]);

    const huge = await refusal(
      await call("/api/submissions", {
        token,
        body: "x".repeat(MAX_BODY_BYTES + 1),
        headers: { "Content-Type": XLSX },
      }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    expect(huge.params).toEqual({ limit: `${UPLOAD_LIMIT_MIB} MiB` });
  });

  it("UNIT_FORBIDDEN carries no params and names no unit", async () => {
    const { units } = await freshUnits(2);
    const token = await tokenFor("submitter", units[0]);
    const res = await call("/api/submissions", { token, json: submission(units[1], PL01(1)) });
    const text = await res.clone().text();
    const forbidden = await refusal(res, 403, "UNIT_FORBIDDEN");
    expect(forbidden.params).toEqual({});
    expect(text).not.toContain(units[1]);
    const list = await call(`/api/submissions?unit=${units[1]}`, { token });
    expect(await list.clone().text()).not.toContain(units[1]);
    expect((await refusal(list, 403, "UNIT_FORBIDDEN")).params).toEqual({});
  });

  it("the catalogue's params are typed per code at compile time", () => {
    // Compiled by `tsc -p tsconfig.json`: each line below must stay a type error.
    const typed = () => {
      // @ts-expect-error PERIOD_LOCKED needs { period }
      catalogueError(423, "PERIOD_LOCKED", {});
      // @ts-expect-error a misspelt param
      catalogueError(423, "PERIOD_LOCKED", { year: "2023" });
      // @ts-expect-error UNIT_FORBIDDEN names no unit
      catalogueError(403, "UNIT_FORBIDDEN", { unit: "951" });
      return catalogueError(423, "PERIOD_LOCKED", { period: "2023" });
    };
    expect(typed().params).toEqual({ period: "2023" });
  });
});

describe("report kinds come from the template", () => {
  const allowed = { kind: "budget", template: "kh-157-2023", kinds: "plan, execution" };

  it("an unknown kind is refused with the template's kinds wherever a kind is taken", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const [leader, reviewer] = [await tokenFor("leader"), await tokenFor("reviewer")];

    // Submissions (JSON and upload) answer with a validation report, as for an unknown template or unit.
    for (const res of [
      await call("/api/submissions", { token, json: { ...submission(units[0], PL01(1)), kind: "budget" } }),
      await call(`/api/submissions?template=kh-157-2023&unit=${units[0]}&kind=budget`, {
        token,
        headers: { "Content-Type": XLSX },
        body: new Uint8Array(
          writeXlsx(
            getTemplate("kh-157-2023")!.appendices.map((a) =>
              printAppendix(getTemplate("kh-157-2023")!, a, { figures: planFigures(getTemplate("kh-157-2023")!) }),
            ),
          ),
        ),
      }),
    ]) {
      expect(res.status).toBe(422);
      const report = (await res.json()) as { valid: boolean; errors: ErrorItem[] };
      expect(report.valid).toBe(false);
      expect(report.errors).toEqual([expect.objectContaining({ code: "KIND_UNKNOWN", params: allowed })]);
    }

    const cases: [string, Response][] = [
      ["consolidated", await call("/api/consolidated?kind=budget", { token: leader })],
      ["consolidated csv", await call("/api/consolidated?kind=budget&format=csv", { token: leader })],
      ["publish", await call("/api/consolidated/publish", { token: reviewer, json: { kind: "budget" } })],
      ["status", await call("/api/status?kind=budget", { token: leader })],
      [
        "lock",
        await call("/api/locks", {
          token: reviewer,
          json: { template: "kh-157-2023", kind: "budget", period: "2023" },
        }),
      ],
      [
        "unlock",
        await call("/api/locks?template=kh-157-2023&kind=budget&period=2023", { method: "DELETE", token: reviewer }),
      ],
      ["submissions filter", await call("/api/submissions?template=kh-157-2023&kind=budget", { token: reviewer })],
    ];
    for (const [name, res] of cases) {
      const error = await refusal(res, 422, "KIND_UNKNOWN");
      expect(error.params, name).toEqual(allowed);
      expect(error.message, name).toBe(
        'Mẫu biểu "kh-157-2023" không có loại báo cáo "budget"; các loại báo cáo của mẫu: plan, execution.',
      );
    }
    // Without a template, the filter takes a kind some template declares.
    const anyTemplate = await refusal(
      await call("/api/submissions?kind=budget", { token: reviewer }),
      422,
      "KIND_UNKNOWN",
    );
    expect(String(anyTemplate.params?.kinds)).toContain("plan, execution");
    await ok(await call("/api/submissions?kind=execution", { token: reviewer }));
  });

  it("an id that is not id-shaped is still a 400 of the request's shape", async () => {
    const leader = await tokenFor("leader");
    await refusal(await call("/api/consolidated?kind=..%2Fplan", { token: leader }), 400, "INVALID_REQUEST");
  });
});

describe("one upload limit", () => {
  it("the API refuses a file over it and the district page states it", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const tooBig = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    const res = await call(`/api/submissions?template=kh-157-2023&unit=${units[0]}&kind=plan`, {
      token,
      body: tooBig,
      headers: { "Content-Type": XLSX },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: ErrorItem[] }).errors[0]).toMatchObject({
      code: "XLSX_TOO_LARGE",
      limit: MAX_UPLOAD_BYTES,
    });
    const page = textOf(await html(await request("/district", { cookie: await signIn(token) })));
    expect(page).toContain(`${UPLOAD_LIMIT_MIB} MiB`);
  });
});
