// Every write appears exactly once in the audit log, with actor, action, target and time.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { getTemplate } from "../../../domain";
import { ADMIN, call, freshUnits, ok, submission, tokenFor } from "../api/helpers";

async function lastSeq(): Promise<number> {
  return (await env.DB.prepare("SELECT COALESCE(MAX(seq), 0) AS s FROM audit").first<{ s: number }>())!.s;
}

async function audited(
  write: () => Promise<Response>,
  status: number,
): Promise<{ action: string; target: string; actor: string; at: string }[]> {
  const before = await lastSeq();
  await ok(await write(), status);
  const { results } = await env.DB.prepare("SELECT action, target, actor, at FROM audit WHERE seq > ? ORDER BY seq")
    .bind(before)
    .all<{ action: string; target: string; actor: string; at: string }>();
  return results;
}

it("each kind of write leaves exactly one audit row naming who, what, which and when", async () => {
  const { root, units } = await freshUnits(1);
  const reviewer = await tokenFor("reviewer");
  const submitter = await tokenFor("submitter", units[0]);
  const templateId = `kh-audit-${Date.now().toString(36)}`;
  const body = submission(units[0], { PL02: { "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } } } });
  let snapshot = "";
  let tokenId = "";
  const writes: [string, () => Promise<Response>, number, (t: string) => boolean][] = [
    ["token.create", () => call("/api/admin/tokens", { token: ADMIN, json: { role: "leader" } }), 201, () => true],
    [
      "unit.upsert",
      () =>
        call("/api/units", {
          token: ADMIN,
          json: { code: `${root}-x`, name: "Đơn vị kiểm toán", kind: "xã", parent: root },
        }),
      200,
      (t) => t === `${root}-x`,
    ],
    [
      "template.create",
      () => call("/api/templates", { token: ADMIN, json: { ...getTemplate("kh-157-2023")!, id: templateId } }),
      201,
      (t) => t === `${templateId}@1`,
    ],
    [
      "expected.set",
      () => call("/api/admin/expected-units", { token: ADMIN, json: { template: templateId, units } }),
      200,
      (t) => t === templateId,
    ],
    [
      "round.set",
      () =>
        call("/api/rounds", {
          token: ADMIN,
          json: { template: templateId, kind: "plan", period: "2024", deadline: "2031-01-15" },
        }),
      200,
      (t) => t === `${templateId}/plan/2024`,
    ],
    ["snapshot.create", () => call("/api/submissions", { token: submitter, json: body }), 201, () => true],
    [
      "snapshot.approve",
      () => call(`/api/submissions/${snapshot}/approve`, { token: reviewer, json: {} }),
      200,
      (t) => t === snapshot,
    ],
    [
      "snapshot.return",
      () => call(`/api/submissions/${snapshot}/return`, { token: reviewer, json: { comment: "sửa" } }),
      200,
      (t) => t === snapshot,
    ],
    [
      "lock.create",
      () => call("/api/locks", { token: reviewer, json: { template: templateId, kind: "plan", period: "2024" } }),
      201,
      (t) => t === `${templateId}/plan/2024`,
    ],
    [
      "lock.delete",
      () => call(`/api/locks?template=${templateId}&kind=plan&period=2024`, { method: "DELETE", token: reviewer }),
      200,
      (t) => t === `${templateId}/plan/2024`,
    ],
    [
      "consolidated.publish",
      () => call("/api/consolidated/publish", { token: reviewer, json: { unit: root } }),
      201,
      () => true,
    ],
    [
      "token.revoke",
      () => call(`/api/admin/tokens/${tokenId}`, { method: "DELETE", token: ADMIN }),
      200,
      (t) => t === tokenId,
    ],
  ];
  for (const [action, write, status, target] of writes) {
    const rows = await audited(write, status);
    expect(rows, action).toHaveLength(1);
    expect(rows[0].action).toBe(action);
    expect(target(rows[0].target), `${action} target ${rows[0].target}`).toBe(true);
    expect(rows[0].actor.length).toBeGreaterThan(0);
    expect(Math.abs(Date.parse(rows[0].at) - Date.now())).toBeLessThan(60_000);
    if (action === "token.create") tokenId = rows[0].target;
    if (action === "snapshot.create") snapshot = rows[0].target;
  }
  // Reads and refused writes leave no row.
  const before = await lastSeq();
  await call("/api/consolidated", { token: reviewer });
  await call("/api/submissions", { token: submitter, json: { ...body, appendices: { PL99: {} } } });
  expect(await lastSeq()).toBe(before);
});

it("a write that changes nothing leaves no audit row: unknown or revoked token, locked year locked again, open year unlocked, same expected units", async () => {
  const reviewer = await tokenFor("reviewer");
  const templateId = `kh-noop-${Date.now().toString(36)}`;
  await ok(
    await call("/api/templates", { token: ADMIN, json: { ...getTemplate("kh-157-2023")!, id: templateId } }),
    201,
  );
  const { units } = await freshUnits(2);
  const lock = { template: templateId, kind: "plan", period: "2023" };
  const unlock = () =>
    call(`/api/locks?template=${templateId}&kind=plan&period=2023`, { method: "DELETE", token: reviewer });
  const issued = await ok<{ id: string }>(
    await call("/api/admin/tokens", { token: ADMIN, json: { role: "leader" } }),
    201,
  );
  const revoke = (id: string) => call(`/api/admin/tokens/${id}`, { method: "DELETE", token: ADMIN });
  const expected = (list: string[]) =>
    call("/api/admin/expected-units", { token: ADMIN, json: { template: templateId, units: list } });

  expect(await audited(() => revoke("no-such-token"), 404)).toEqual([]);
  expect((await audited(() => revoke(issued.id), 200)).map((r) => r.action)).toEqual(["token.revoke"]);
  expect(await audited(() => revoke(issued.id), 404)).toEqual([]);

  expect(await audited(unlock, 200)).toEqual([]); // never locked
  expect((await audited(() => call("/api/locks", { token: reviewer, json: lock }), 201)).map((r) => r.action)).toEqual([
    "lock.create",
  ]);
  expect(await audited(() => call("/api/locks", { token: reviewer, json: lock }), 200)).toEqual([]);
  expect((await ok(await call("/api/locks", { token: reviewer, json: lock }))).changed).toBe(false);
  expect((await audited(unlock, 200)).map((r) => r.action)).toEqual(["lock.delete"]);
  expect(await audited(unlock, 200)).toEqual([]);
  expect((await ok(await unlock())).changed).toBe(false);

  expect((await audited(() => expected(units), 200)).map((r) => r.action)).toEqual(["expected.set"]);
  expect(await audited(() => expected([...units].reverse()), 200)).toEqual([]);
  expect((await audited(() => expected(units.slice(0, 1)), 200)).map((r) => r.action)).toEqual(["expected.set"]);
});
