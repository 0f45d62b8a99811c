// The task pane's files as Workers static assets serve them (dist/public with the rules of
// addin/pane/_headers), through a throwaway `wrangler dev`: the Workers pool of Vitest does not
// run the assets router. Office caches add-in icons itself and substitutes a generic icon when an
// image response carries any Cache-Control directive (Microsoft, manifest <Image> element), so
// the icons come without one, while the pane's page keeps the default revalidation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalWorker, startLocalWorker } from "../../scripts/local-worker.mjs";

let worker: LocalWorker | undefined;

beforeAll(async () => {
  worker = await startLocalWorker({ inspector: false, logLevel: "warn" });
});

afterAll(async () => {
  await worker?.stop();
});

const get = (path: string) => fetch(`${worker!.url}${path}`);

describe("task pane static assets", () => {
  it.each([16, 32, 64, 80])("icon-%i.png is a PNG of that size with no Cache-Control header", async (size) => {
    const res = await get(`/pane/assets/icon-${size}.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBeNull();
    const view = new DataView(await res.arrayBuffer());
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([size, size]); // IHDR width, height
    expect(res.headers.get("x-content-type-options")).toBe("nosniff"); // the /pane/* rule still applies
  });

  it("the pane's page keeps the default Cache-Control, so the rule for the icons is what removes it", async () => {
    const res = await get("/pane/index.html");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/max-age=0/);
  });

  it("serves the help page (SupportUrl) and, at the root, the manifest Excel on the web's sideload fetches", async () => {
    const help = await get("/pane/help.html");
    expect(help.status).toBe(200);
    expect(await help.text()).toMatch(/Excel 2016/);
    const manifest = await get("/manifest.xml");
    expect(manifest.status).toBe(200);
    const xml = await manifest.text();
    expect(xml).toMatch(/<OfficeApp /);
    expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.1"/>');
  });
});
