// Issue 16: notes through the Worker. A JSON submission's notes are kept in the snapshot's
// canonical JSON (and so in its SHA-256), a changed note makes a new version shown in the
// review page's changes and printed form, the snapshot's workbook prints them, and a
// submission without notes keeps the bytes it always had (no "notes" key).
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, type FigureTree, type Template, toFigureTree, validateJsonAppendices } from "../../../domain";
import { readXlsx } from "../../../worker/xlsx";
import { html, request, signIn, textOf } from "../../pages/workerd/page-client";
import { NOTE_HEADER, notesTemplate, WITH_NOTES, WITHOUT_NOTES } from "../../support/notes-template";
import { ADMIN, call, freshUnits, ok, tokenFor } from "./helpers";

/** Under an id of this file's own, so its locks and expected units meet no other test. */
const template: Template = notesTemplate(`kh-157-notes-${Date.now().toString(36)}`);
let unit = "";
let token = "";

const figures = (): FigureTree => structuredClone(template.plan!);
const body = (notes?: unknown, t = template.id) => ({
  template: t,
  unit,
  kind: "plan",
  appendices: figures(),
  ...(notes !== undefined ? { notes } : {}),
});

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

interface Detail {
  sha256: string;
  version: number;
  submission: Record<string, unknown> & { notes?: Record<string, Record<string, string>> };
}

beforeAll(async () => {
  await ok(await call("/api/templates", { token: ADMIN, json: template }), 201);
  ({
    units: [unit],
  } = await freshUnits(1));
  token = await tokenFor("submitter", unit);
});

describe("notes through the Worker", () => {
  it("keeps the notes in the snapshot's canonical JSON and SHA-256; a changed note shows on the review page", async () => {
    const first = await ok<{ id: string; sha256: string }>(
      await call("/api/submissions", {
        token,
        json: body({ [WITH_NOTES]: { "1": "  Phòng   Văn hóa \r\n thực hiện ", "2": "" } }),
      }),
      201,
    );
    const detail = await ok<Detail>(await call(`/api/submissions/${first.id}`, { token }));
    expect(detail.submission.notes).toEqual({ [WITH_NOTES]: { "1": "Phòng Văn hóa\nthực hiện" } });
    // The SHA-256 is that of the canonical JSON, notes included.
    expect(detail.sha256).toBe(await sha256(canonicalJson(detail.submission)));
    const { notes: _n, ...withoutNotes } = detail.submission;
    expect(detail.sha256).not.toBe(await sha256(canonicalJson(withoutNotes)));

    // The same figures with another note: a new version, not the identical one.
    const second = await ok<{ id: string; version: number }>(
      await call("/api/submissions", { token, json: body({ [WITH_NOTES]: { "1": "Phòng Tài chính", "3": "Mới" } }) }),
      201,
    );
    expect(second.version).toBe(2);

    const reviewer = await signIn(await tokenFor("reviewer"));
    const page = await html(await request(`/review/${second.id}`, { cookie: reviewer }));
    const changes = page.slice(page.indexOf('id="changes"'), page.indexOf("</table>", page.indexOf('id="changes"')));
    const rows = textOf(changes);
    expect(rows).toContain(NOTE_HEADER);
    expect(rows).toContain("Phòng Văn hóa");
    expect(rows).toContain("Phòng Tài chính");
    expect(rows).toContain("Mới");
    // The printed form shows the notes of this version.
    const printed = page.slice(page.indexOf(`id="printed-${WITH_NOTES}"`));
    expect(textOf(printed.slice(0, printed.indexOf("</table>")))).toContain("Phòng Tài chính");

    // The snapshot's workbook prints the notes in the note column.
    const xlsx = await call(`/api/submissions/${second.id}?format=xlsx`, { token });
    expect(xlsx.status).toBe(200);
    const sheet = readXlsx(new Uint8Array(await xlsx.arrayBuffer())).find((g) => g.sheet === WITH_NOTES)!;
    const col = sheet.values.find((r) => r.includes(NOTE_HEADER))!.indexOf(NOTE_HEADER);
    expect(sheet.values.map((r) => r[col]).filter((v) => v !== null && v !== NOTE_HEADER)).toEqual([
      "Phòng Tài chính",
      "Mới",
    ]);
  });

  it("refuses notes at their place: an appendix without a note column, an unknown item, a note too long", async () => {
    const res = await call("/api/submissions", {
      token,
      json: body({ [WITHOUT_NOTES]: { "1": "x" }, [WITH_NOTES]: { "9": "x", "2": "x".repeat(501) } }),
    });
    expect(res.status).toBe(422);
    const report = (await res.json()) as { errors: { code: string; appendix: string; item: string | null }[] };
    expect(report.errors.map((e) => [e.code, e.appendix, e.item]).sort()).toEqual(
      [
        ["NOTE_NOT_APPLICABLE", WITHOUT_NOTES, null],
        ["ITEM_UNKNOWN", WITH_NOTES, "9"],
        ["NOTE_TOO_LONG", WITH_NOTES, "2"],
      ].sort(),
    );
    const notObject = await call("/api/submissions", { token, json: body(["x"]) });
    expect(notObject.status).toBe(400);
  });

  it("a submission without notes has no notes key: the canonical bytes a snapshot had before notes", async () => {
    const answer = await ok<{ sha256: string }>(await call("/api/submissions?dryRun=true", { token, json: body() }));
    const empty = await ok<{ sha256: string }>(
      await call("/api/submissions?dryRun=true", { token, json: body({ [WITH_NOTES]: { "1": "  " } }) }),
    );
    expect(empty.sha256).toBe(answer.sha256);
    const tree = toFigureTree(template, validateJsonAppendices(template, figures()).figures);
    const canonical = canonicalJson({
      template: template.id,
      templateVersion: template.version,
      unit,
      kind: "plan",
      appendices: tree,
    });
    expect(answer.sha256).toBe(await sha256(canonical));
  });
});
