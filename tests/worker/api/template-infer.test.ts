// POST /api/templates/infer (issue 16, point 3): the administrator sends a workbook of printed
// tables and gets a proposed template back; nobody else may; nothing is stored.
import { beforeAll, describe, expect, it } from "vitest";
import { checkTemplate, listTemplates } from "../../../domain";
import { ADMIN, call, count, countR2, freshUnits, ok, tokenFor } from "./helpers";
import { measureMap, templateView } from "../../domain/support/template-equivalence";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
let district = "";

beforeAll(async () => {
  const { units } = await freshUnits(1);
  district = await tokenFor("submitter", units[0]);
});

async function blankWorkbook(id: string): Promise<Uint8Array<ArrayBuffer>> {
  const res = await call(`/api/templates/${id}/workbook`);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

describe("POST /api/templates/infer", () => {
  it.each(listTemplates().map((t) => [t.id, t] as const))(
    "proposes a template equivalent to %s from its blank workbook, storing nothing",
    async (_, template) => {
      const bytes = await blankWorkbook(template.id);
      const before = [await count("templates"), await countR2()];
      const form = new FormData();
      form.append("file", new File([bytes], "mau-trong.xlsx", { type: XLSX }));
      const answer = await ok<{ template: any; undecided: unknown[] }>(
        await call("/api/templates/infer", { token: ADMIN, body: form }),
      );
      expect(answer.undecided).toEqual([]);
      expect(checkTemplate(answer.template)).toEqual([]);
      const map = measureMap(template, answer.template);
      expect(templateView(answer.template)).toEqual(templateView(template, (m) => map.get(m) ?? `?${m}`));
      expect([await count("templates"), await countR2()]).toEqual(before);
    },
  );

  it("takes the workbook as the raw body too", async () => {
    const bytes = await blankWorkbook(listTemplates()[0].id);
    const answer = await ok(
      await call("/api/templates/infer", { token: ADMIN, body: bytes, headers: { "Content-Type": XLSX } }),
    );
    expect(answer.template.appendices.map((a: { id: string }) => a.id)).toEqual(
      listTemplates()[0].appendices.map((a) => a.id),
    );
  });

  it("is for administrators only: a district's token gets 403, no token 401", async () => {
    const bytes = await blankWorkbook(listTemplates()[0].id);
    const headers = { "Content-Type": XLSX };
    const res = await call("/api/templates/infer", { token: district, body: bytes, headers });
    expect(res.status).toBe(403);
    expect((await call("/api/templates/infer", { body: bytes, headers })).status).toBe(401);
  });

  it("refuses what is not a workbook with the reader's answer, a form without a file, and other content types", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.6\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
    const notZip = await call("/api/templates/infer", { token: ADMIN, body: pdf, headers: { "Content-Type": XLSX } });
    expect(notZip.status).toBe(422);
    expect(((await notZip.json()) as any).errors[0].code).toBe("XLSX_NOT_ZIP");

    const empty = new FormData();
    empty.append("note", "không có tệp");
    const noFile = await call("/api/templates/infer", { token: ADMIN, body: empty });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as any).errors[0].code).toBe("FILE_MISSING");

    const json = await call("/api/templates/infer", { token: ADMIN, json: { template: "kh-157-2023" } });
    expect(json.status).toBe(415);
    expect(((await json.json()) as any).errors[0].code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});
