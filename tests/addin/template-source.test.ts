// Which template the pane checks with (issue 14): the server's once connected, checked with
// checkTemplate; the one saved from the same server, or the built-in one, without a connection.
import { describe, expect, it } from "vitest";
import { getTemplate, type Template } from "../../domain";
import { ApiFailureError } from "../../addin/api";
import { createStore, type StorageLike } from "../../addin/ui/storage";
import {
  acceptTemplate,
  serverTemplate,
  startingTemplate,
  TEMPLATE_KEY,
  type TemplateChoice,
  templateText,
} from "../../addin/ui/template-source";
import { RENAMED, renamedTemplate } from "../support/renamed-template";

const builtIn = getTemplate("kh-157-2023")!;
const SERVER = "https://ngansach.example";

/** What an administrator stored on the server: plan 157's template, version 2, with other ids throughout. */
function newerOnServer(): Template {
  return { ...renamedTemplate(), id: builtIn.id, version: builtIn.version + 1 };
}

function memory(): StorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

const answering = (body: unknown) => ({ template: async () => JSON.parse(JSON.stringify(body)) as unknown });
const failing = (err: unknown) => ({
  template: async (): Promise<unknown> => {
    throw err;
  },
});
const start: TemplateChoice = { template: builtIn, source: "built-in" };

describe("the template the pane uses", () => {
  it("after connecting: the server's newer template, not the built-in one, and it is saved for next time", async () => {
    const storage = memory();
    const store = createStore(() => storage);
    const choice = await serverTemplate(answering(newerOnServer()), start, store, SERVER);
    expect(choice.source).toBe("server");
    expect(choice.problem).toBeUndefined();
    expect(choice.template.version).toBe(2);
    expect(choice.template.appendices.map((a) => a.id)).toEqual(["BIEU-A", "BIEU-B", "BIEU-C"]);
    expect(choice.template.kinds.map((k) => k.id)).toEqual([RENAMED.kinds.plan, RENAMED.kinds.execution]);
    expect(JSON.parse(storage.items.get(TEMPLATE_KEY)!)).toMatchObject({ server: SERVER, template: { version: 2 } });

    // Opened again without a connection: that saved copy, for the same server only.
    expect(await startingTemplate(store, SERVER)).toMatchObject({ source: "saved", template: { version: 2 } });
    expect(await startingTemplate(store, "https://other.example")).toEqual({ source: "built-in", template: builtIn });
    expect(await startingTemplate(store, null)).toEqual({ source: "built-in", template: builtIn });
  });

  it("the server's built-in template (the pane's version) is used after connecting; at start-up the pane's own", async () => {
    const store = createStore(() => memory());
    const choice = await serverTemplate(answering(builtIn), start, store, SERVER);
    expect(choice).toMatchObject({ source: "server", template: { id: builtIn.id, version: builtIn.version } });
    expect(await startingTemplate(store, SERVER)).toEqual({ source: "built-in", template: builtIn });
  });

  it("offline: the template in use stays, and the pane says why it is not the server's", async () => {
    const store = createStore(() => memory());
    const network = new ApiFailureError({ kind: "network", message: "Failed to fetch" });
    const down = await serverTemplate(failing(network), start, store, SERVER);
    expect(down).toEqual({
      template: builtIn,
      source: "built-in",
      problem: { kind: "unreachable", detail: "Failed to fetch" },
    });
    expect(templateText(down, "vi")).toBe(
      "Không tải được mẫu biểu của máy chủ (Failed to fetch); tạm dùng mẫu biểu có sẵn trong add-in, phiên bản 1. " +
        "Khi mạng ổn định, hãy bấm Kết nối lại trước khi nộp.",
    );
    expect(templateText(down, "en")).toMatch(
      /^The server's template could not be loaded \(Failed to fetch\); using the template built into the add-in, version 1/,
    );

    // A copy received earlier in the session stays in use, now as the copy from the last connection.
    const earlier: TemplateChoice = { template: newerOnServer(), source: "server" };
    const unavailable = new ApiFailureError({ kind: "http", status: 503, code: "HTTP_503", message: "x", details: {} });
    const gone = await serverTemplate(failing(unavailable), earlier, store, SERVER);
    expect(gone).toMatchObject({
      source: "saved",
      template: { version: 2 },
      problem: { kind: "unreachable", detail: "503 HTTP_503" },
    });
  });

  it("a template from the server that checkTemplate refuses is not used: the built-in one, a message, no saved copy", async () => {
    const storage = memory();
    const store = createStore(() => storage);
    await serverTemplate(answering(newerOnServer()), start, store, SERVER);
    const broken = { ...newerOnServer(), version: 3, periods: builtIn.periods.map((p) => ({ ...p, total: false })) };
    const choice = await serverTemplate(
      answering(broken),
      { template: newerOnServer(), source: "server" },
      store,
      SERVER,
    );
    const detail = 'Cần đúng một kỳ là tổng giai đoạn ("total": true), hiện có 0.';
    const en = "exactly one period must be the total";
    expect(choice).toEqual({ template: builtIn, source: "built-in", problem: { kind: "invalid", detail, en } });
    expect(storage.items.has(TEMPLATE_KEY)).toBe(false);
    // The warning says in Vietnamese what is wrong with the server's template (issue 16), in English when asked.
    expect(templateText(choice, "vi")).toBe(
      "Mẫu biểu máy chủ gửi về không dùng được trong add-in này " +
        '(Cần đúng một kỳ là tổng giai đoạn ("total": true), hiện có 0.); tạm dùng mẫu biểu có sẵn trong add-in, ' +
        "phiên bản 1. Kết quả kiểm tra trên máy này có thể khác máy chủ: hãy báo quản trị hệ thống.",
    );
    expect(templateText(choice, "en")).toMatch(
      /^The template the server sent cannot be used by this add-in \(exactly one period must be the total\)/,
    );
    // Another template's id, no kinds, a broken appendix, or not an object at all: refused as well.
    const other = acceptTemplate({ ...newerOnServer(), id: "kh-khac" }, builtIn.id);
    expect(other.problems).toEqual([
      { vi: 'mẫu biểu "kh-khac" thay vì "kh-157-2023"', en: 'template "kh-khac" instead of "kh-157-2023"' },
    ]);
    const spoiled = [{ ...newerOnServer(), kinds: [] }, { ...builtIn, appendices: [{ id: "PL01" }] }, "<html>", null];
    for (const bad of spoiled) {
      const refused = acceptTemplate(bad, builtIn.id);
      expect(refused.template).toBeNull();
      expect(refused.problems.length).toBeGreaterThan(0);
    }
  });

  it("the warning lists at most three problems, each in the pane's language", async () => {
    const store = createStore(() => memory());
    const broken = structuredClone(newerOnServer()) as unknown as Record<string, any>; // eslint-disable-line
    broken.version = 3;
    broken.name = "";
    broken.quantityMax = 0;
    broken.money.dongPerUnit = 1500;
    broken.print = { ...broken.print, paper: "Letter" };
    const choice = await serverTemplate(answering(broken), start, store, SERVER);
    expect(choice.problem?.detail).toBe(
      'Thiếu tên mẫu biểu ("name"): hãy ghi tên kế hoạch, ví dụ "Kế hoạch 157/KH-UBND…".; ' +
        '"money.dongPerUnit" (số đồng trong một đơn vị tiền) phải là lũy thừa của 10 từ 1 đến 10^12, ' +
        'ví dụ 1000000 cho "triệu đồng".; "quantityMax" (số lượng lớn nhất của một ô) phải là số dương.; …',
    );
    expect(choice.problem?.en).toBe(
      "name is missing; money.dongPerUnit must be a power of ten; quantityMax must be a positive number; …",
    );
    expect(templateText(choice, "vi")).toContain("Thiếu tên mẫu biểu");
    expect(templateText(choice, "en")).toContain("(name is missing; money.dongPerUnit must be a power of ten;");
  });

  it("a saved copy is checked again before use: edited by hand or cut short, the built-in one is used", async () => {
    const storage = memory();
    const store = createStore(() => storage);
    const broken = { ...newerOnServer(), measures: [] };
    storage.setItem(TEMPLATE_KEY, JSON.stringify({ server: SERVER, template: broken }));
    expect(await startingTemplate(store, SERVER)).toEqual({ source: "built-in", template: builtIn });
    storage.setItem(TEMPLATE_KEY, JSON.stringify({ server: SERVER, template: newerOnServer() }).slice(0, 500));
    expect(await startingTemplate(store, SERVER)).toEqual({ source: "built-in", template: builtIn });
  });

  it("says which template is in use, in Vietnamese and English", () => {
    expect(templateText(start, "vi")).toBe(
      "Mẫu biểu 157/KH-UBND, phiên bản 1, có sẵn trong add-in (chưa kết nối; khi kết nối, add-in dùng mẫu biểu của máy chủ).",
    );
    expect(templateText(start, "en")).toBe(
      "Template 157/KH-UBND, version 1, built into the add-in " +
        "(not connected; once connected, the add-in uses the server's template).",
    );
    const fromServer = templateText({ template: newerOnServer(), source: "server" }, "vi");
    expect(fromServer).toBe("Mẫu biểu 157/KH-UBND, phiên bản 2, lấy từ máy chủ.");
    expect(templateText({ template: newerOnServer(), source: "saved" }, "en")).toBe(
      "Template 157/KH-UBND, version 2, from the server at the last connection (not connected yet).",
    );
  });
});
