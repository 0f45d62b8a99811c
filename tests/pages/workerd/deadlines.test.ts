// Issue 17, point 4, on the pages: the dashboard's status board shows each expected unit's
// deadline and timeliness in words ("Đúng hạn", "Trễ hạn", "Chưa đến hạn", "Quá hạn") with the
// not-submitted download, and the reviewer's page lists the units past their deadline. The
// deadline is the day before the one submission was stored: overdue at every later moment.
import { beforeAll, describe, expect, it } from "vitest";
import { getTemplate } from "../../../domain";
import { ADMIN, call, freshUnits, ok, tokenFor } from "../../worker/api/helpers";
import { html, request, signIn, textOf } from "./page-client";

const id = `kh-deadline-${Date.now().toString(36)}`;
let units: string[] = [];
let deadline = "";

beforeAll(async () => {
  await ok(await call("/api/templates", { token: ADMIN, json: { ...getTemplate("kh-157-2023")!, id } }), 201);
  ({ units } = await freshUnits(2));
  await ok(await call("/api/admin/expected-units", { token: ADMIN, json: { template: id, units } }));
  const receipt = await ok(
    await call("/api/submissions", {
      token: await tokenFor("submitter", units[0]),
      json: { template: id, unit: units[0], kind: "plan", appendices: {} },
    }),
    201,
  );
  // The day before the submission, in Vietnam time.
  deadline = new Date(Date.parse(receipt.createdAt) + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  await ok(await call("/api/rounds", { token: ADMIN, json: { template: id, kind: "plan", period: "2023", deadline } }));
});

const shown = (d: string) => d.split("-").reverse().join("/");

describe("deadlines on the pages", () => {
  it("the dashboard's status board has a deadline column and says late or overdue per unit", async () => {
    const cookie = await signIn(await tokenFor("leader"));
    const page = await html(await request(`/dashboard?template=${id}&kind=plan&asOf=2099-12-31`, { cookie }));
    const board = page.slice(page.indexOf('id="status-board"'), page.indexOf("</table>", page.indexOf("status-board")));
    const heads = [...board.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(heads.slice(0, 4)).toEqual(["Đơn vị", "Trạng thái", "Hạn nộp", "Đúng hạn / trễ hạn"]);
    const row = (unit: string) => {
      const start = board.indexOf(`data-unit="${unit}"`);
      return textOf(board.slice(start, board.indexOf("</tr>", start)));
    };
    expect(row(units[0])).toContain(`${shown(deadline)} Trễ hạn`);
    expect(row(units[1])).toContain(`${shown(deadline)} Quá hạn`);
    expect(textOf(page)).toContain(`Kỳ 2023: hạn nộp ${shown(deadline)}`);
    expect(textOf(page)).toContain("0 đúng hạn · 1 trễ hạn · 0 chưa đến hạn · 1 quá hạn");
    const link = /id="download-not-submitted" href="([^"]+)"/.exec(page)![1].replace(/&amp;/g, "&");
    expect(link).toBe(`/api/status/not-submitted.csv?template=${id}&kind=plan&asOf=2099-12-31&period=2023`);
    // The link downloads with the page's session (a GET through the API).
    const csv = await request(link, { cookie });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split("\r\n")[1]).toMatch(new RegExp(`^${units[1]};`));
    const en = textOf(await html(await request(`/dashboard?template=${id}&asOf=2099-12-31&lang=en`, { cookie })));
    expect(en).toContain("Deadline");
    expect(en).toContain("Overdue");
  });

  it("the reviewer's page lists the units past their deadline without a report", async () => {
    const cookie = await signIn(await tokenFor("reviewer"));
    const page = await html(await request(`/review?template=${id}`, { cookie }));
    const list = page.slice(page.indexOf('id="overdue"'), page.indexOf("</ul>", page.indexOf('id="overdue"')));
    expect(list).toContain(`data-unit="${units[1]}"`);
    expect(list).not.toContain(`data-unit="${units[0]}"`);
    expect(textOf(list)).toContain(`Hạn nộp ${shown(deadline)} · Quá hạn`);
  });
});
