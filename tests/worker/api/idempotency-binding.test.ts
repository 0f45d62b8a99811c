// Issue 12: an Idempotency-Key is bound to what was submitted. The same request again answers
// the first receipt (Idempotent-Replayed: true); anything else under the same key is refused
// with 409 IDEMPOTENCY_KEY_REUSED before it is validated, and nothing is stored.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { completeTotals, type Figures, getTemplate, printAppendix } from "../../../domain";
import { writeXlsx } from "../../../worker/xlsx";
import { ADMIN, call, count, countR2, freshUnits, ok, submission, tokenFor } from "./helpers";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const template = getTemplate("kh-157-2023")!;
const PL01 = (q: number) => ({ PL01: { "1": { quantity: { "2023": q }, NSTW: { "2023": "2.5" } } } });

interface ErrorBody {
  errors: { code: string; message: string; snapshot?: string; version?: number }[];
}

async function stored(): Promise<number[]> {
  return Promise.all([count("snapshots"), count("audit"), countR2()]);
}

async function refused(res: Response): Promise<ErrorBody["errors"][number]> {
  const body = (await res.json()) as ErrorBody;
  expect(res.status, JSON.stringify(body)).toBe(409);
  expect(res.headers.get("Idempotent-Replayed")).toBeNull();
  expect(body.errors[0].code).toBe("IDEMPOTENCY_KEY_REUSED");
  expect(body.errors[0].message).toContain("khóa mới");
  expect(body.errors[0].message).toContain("gửi lại đúng nội dung");
  return body.errors[0];
}

function workbook(q: number): Uint8Array<ArrayBuffer> {
  const figures: Figures = { PL01: { "1": { quantity: { "2023": q }, NSTW: { "2023": 2_500_000 } } } };
  const complete = completeTotals(template, figures).figures;
  return new Uint8Array(writeXlsx(template.appendices.map((a) => printAppendix(template, a, { figures: complete }))));
}

describe("Idempotency-Key bound to the request", () => {
  it("a different body under the same key is refused (409), not answered with the first receipt", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const headers = { "Idempotency-Key": `bind-${units[0]}` };
    const first = await ok(
      await call("/api/submissions", { token, headers, json: submission(units[0], PL01(4)) }),
      201,
    );
    const before = await stored();

    const other = await refused(
      await call("/api/submissions", { token, headers, json: submission(units[0], PL01(5)) }),
    );
    expect([other.snapshot, other.version]).toEqual([first.id, 1]);
    // Another kind, another base version, or a body that would not even validate: refused too,
    // before validation (no 422 report for the second body).
    await refused(
      await call("/api/submissions", { token, headers, json: { ...submission(units[0], PL01(4)), kind: "execution" } }),
    );
    await refused(
      await call("/api/submissions", { token, headers, json: submission(units[0], PL01(4), { baseVersion: 1 }) }),
    );
    await refused(await call("/api/submissions", { token, headers, json: submission(units[0], { PL99: { x: 1 } }) }));
    // A hostile body (as large as the JSON limit allows) under a used key costs a bounded walk, then the same refusal.
    const huge = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 1]));
    await refused(await call("/api/submissions", { token, headers, json: submission(units[0], { PL01: huge }) }));
    expect(await stored()).toEqual(before);

    // The same request, keys in another order, is a retry: the first receipt, nothing stored.
    const again = await call("/api/submissions", {
      token,
      headers,
      json: {
        appendices: { PL01: { "1": { NSTW: { "2023": "2.5" }, quantity: { "2023": 4 } } } },
        kind: "plan",
        unit: units[0],
        template: "kh-157-2023",
      },
    });
    const replay = await ok(again, 201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect([replay.id, replay.version, replay.sha256]).toEqual([first.id, first.version, first.sha256]);
    expect(replay).not.toHaveProperty("requestSha256");
    expect(await stored()).toEqual(before);
  });

  it("binds the unit and the template: one admin key cannot answer for another unit or template", async () => {
    const { units } = await freshUnits(2);
    const own = { ...getTemplate("kh-157-2023")!, id: `kh-idem-${Date.now().toString(36)}` };
    await ok(await call("/api/templates", { token: ADMIN, json: own }), 201);
    const headers = { "Idempotency-Key": `bind-admin-${units[0]}` };
    await ok(await call("/api/submissions", { token: ADMIN, headers, json: submission(units[0], PL01(4)) }), 201);
    const before = await stored();
    await refused(await call("/api/submissions", { token: ADMIN, headers, json: submission(units[1], PL01(4)) }));
    await refused(
      await call("/api/submissions", {
        token: ADMIN,
        headers,
        json: { ...submission(units[0], PL01(4)), template: own.id },
      }),
    );
    expect(await stored()).toEqual(before);
  });

  it("uploads: bound to the file's bytes and the fields, not to the file name or the carrier", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const key = { "Idempotency-Key": `bind-file-${units[0]}` };
    const upload = (bytes: Uint8Array<ArrayBuffer>, name: string, query = "") =>
      call(`/api/submissions?template=kh-157-2023&unit=${units[0]}&kind=plan${query}`, {
        token,
        body: bytes,
        headers: { ...key, "Content-Type": XLSX, "X-File-Name": name },
      });
    const first = await ok(await upload(workbook(7), "a.xlsx"), 201);
    const before = await stored();

    const renamed = await upload(workbook(7), "b.xlsx");
    expect((await ok(renamed, 201)).id).toBe(first.id);
    expect(renamed.headers.get("Idempotent-Replayed")).toBe("true");
    const form = new FormData();
    form.set("template", "kh-157-2023");
    form.set("unit", units[0]);
    form.set("kind", "plan");
    form.set("file", new File([workbook(7)], "c.xlsx", { type: XLSX }));
    const multipart = await call("/api/submissions", { token, headers: key, body: form });
    expect((await ok(multipart, 201)).id).toBe(first.id);

    await refused(await upload(workbook(8), "a.xlsx"));
    await refused(await upload(workbook(7), "a.xlsx", "&baseVersion=1"));
    // The same figures sent as JSON are another request.
    await refused(
      await call("/api/submissions", {
        token,
        headers: key,
        json: submission(units[0], { PL01: { "1": { quantity: { "2023": 7 }, NSTW: { "2023": "2.5" } } } }),
      }),
    );
    expect(await stored()).toEqual(before);
  });

  it("a key stored before migration 0004 (no request hash) replays only the same figures", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const headers = { "Idempotency-Key": `legacy-${units[0]}` };
    const first = await ok(
      await call("/api/submissions", { token, headers, json: submission(units[0], PL01(4)) }),
      201,
    );
    await env.DB.prepare("UPDATE snapshots SET request_sha256 = NULL WHERE id = ?").bind(first.id).run();
    const before = await stored();
    await refused(await call("/api/submissions", { token, headers, json: submission(units[0], PL01(6)) }));
    // Same figures written differently (a number for the money) canonicalise to the stored sha256.
    const same = await call("/api/submissions", {
      token,
      headers,
      json: submission(units[0], { PL01: { "1": { quantity: { "2023": 4 }, NSTW: { "2023": 2.5 } } } }),
    });
    expect((await ok(same, 201)).id).toBe(first.id);
    expect(same.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await stored()).toEqual(before);
  });

  it("the key and the refusal are documented in OpenAPI", async () => {
    const doc = await ok(await call("/api/openapi.json"));
    const post = doc.paths["/api/submissions"].post;
    expect(
      post.parameters.find((p: { name: string; in: string }) => p.name === "Idempotency-Key" && p.in === "header"),
    ).toBeDefined();
    expect(post.responses["409"]["x-error-codes"]).toEqual(
      expect.arrayContaining(["STALE_BASE_VERSION", "IDEMPOTENCY_KEY_REUSED"]),
    );
    expect(post.responses["201"].headers["Idempotent-Replayed"]).toBeDefined();
  });
});
