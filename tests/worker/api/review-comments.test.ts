// Issue 12: a review comment is free text. It used to be packed with U+001F as a field
// separator, so a comment holding U+001F came back cut short; now it round-trips exactly.
import { describe, expect, it } from "vitest";
import { html, request, signIn, textOf } from "../../pages/workerd/page-client";
import { call, freshUnits, ok, submission, tokenFor } from "./helpers";

const PL02 = { PL02: { "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } } } };

describe("review comments", () => {
  it("U+001F, U+001E, line breaks and Vietnamese text come back exactly, in status and lists", async () => {
    const { units } = await freshUnits(1);
    const submitter = await tokenFor("submitter", units[0]);
    const reviewer = await tokenFor("reviewer");
    const snap = await ok(await call("/api/submissions", { token: submitter, json: submission(units[0], PL02) }), 201);
    const comment = 'Dòng 1\u001fcột H sai\u001etrả lại\nSửa số liệu năm 2024,\r\nđơn vị "Tổ 5" — xin cảm ơn\u001f';
    await ok(await call(`/api/submissions/${snap.id}/return`, { token: reviewer, json: { comment } }));

    const detail = await ok(await call(`/api/submissions/${snap.id}`, { token: submitter }));
    expect([detail.status, detail.reviewComment]).toEqual(["returned", comment]);
    expect(Date.parse(detail.reviewedAt)).not.toBeNaN();
    const listed = await ok(await call(`/api/submissions?unit=${units[0]}&status=returned`, { token: reviewer }));
    expect(listed.submissions.map((s: { id: string; reviewComment: string }) => [s.id, s.reviewComment])).toEqual([
      [snap.id, comment],
    ]);
    expect(
      (await ok(await call(`/api/submissions?unit=${units[0]}&status=submitted`, { token: reviewer }))).submissions,
    ).toEqual([]);

    // A comment that looks like a decision does not change the status.
    const tricky = "approved\u001f2020-01-01T00:00:00.000Z\u001fx";
    await ok(await call(`/api/submissions/${snap.id}/return`, { token: reviewer, json: { comment: tricky } }));
    const again = await ok(await call(`/api/submissions/${snap.id}`, { token: submitter }));
    expect([again.status, again.reviewComment]).toEqual(["returned", tricky]);
    expect(again.reviewedAt).not.toBe("2020-01-01T00:00:00.000Z");

    // The reviewer's page shows the whole comment.
    await ok(await call(`/api/submissions/${snap.id}/return`, { token: reviewer, json: { comment } }));
    const page = textOf(await html(await request(`/review/${snap.id}`, { cookie: await signIn(reviewer) })));
    expect(page).toContain("xin cảm ơn");
  });
});
