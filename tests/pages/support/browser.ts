// Debian's Chromium driven by playwright-core (never `playwright install`), and the throwaway
// local Worker from scripts/local-worker.mjs (wrangler dev, its own temp D1 and R2).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { type LocalWorker, startLocalWorker } from "../../../scripts/local-worker.mjs";
import { decodePng, pixelVariety } from "./png";

export const CHROMIUM = "/usr/bin/chromium";
const ON_CI = process.env.CI === "true" || process.env.CI === "1";
export const ARTIFACTS = join(process.cwd(), "tests/artifacts/pages");

/** True when the browser tests can run; on CI a missing Chromium is a failure, not a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (ON_CI) throw new Error(`CI is set but ${CHROMIUM} was not found: apt-get install -y chromium`);
  console.warn(`tests/pages: ${CHROMIUM} not found, skipping the browser tests (apt-get install -y chromium)`);
  return false;
}

export type { LocalWorker };

/** `wrangler dev` (as `npm start` runs it) on a fresh temp D1 and R2, with its own admin token. */
export function startWorker(): Promise<LocalWorker> {
  return startLocalWorker({ timeoutMs: 120_000, logLevel: "warn" });
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile (--user-data-dir) each run, deleted on close. */
export async function launch(options: { javaScriptEnabled?: boolean } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "kh157-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 900 },
    locale: "vi-VN",
    timeout: 60_000,
    acceptDownloads: true,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  context.setDefaultTimeout(20_000);
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under tests/artifacts/pages/ and checks it is a real, varied image. */
export function keepScreenshot(name: string, png: Buffer): { width: number; height: number; colours: number; dominantShare: number } {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), png);
  const image = decodePng(png);
  const variety = pixelVariety(image);
  return { width: image.width, height: image.height, ...variety };
}
