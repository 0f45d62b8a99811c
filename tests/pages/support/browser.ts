// Debian's Chromium driven by playwright-core (never `playwright install`), and the throwaway
// local Worker from scripts/local-worker.mjs (wrangler dev, its own temp D1 and R2).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type LocalWorker, startLocalWorker } from "../../../scripts/local-worker.mjs";
import { type Browser, chromiumAvailable as available, launchChromium } from "../../support/chromium";
import { decodePng, pixelVariety } from "../../support/png";

export const ARTIFACTS = join(process.cwd(), "tests/artifacts/pages");
export type { Browser, LocalWorker };

export const chromiumAvailable = () => available("tests/pages");

/** `wrangler dev` (as `npm start` runs it) on a fresh temp D1 and R2, with its own admin token. */
export function startWorker(): Promise<LocalWorker> {
  return startLocalWorker({ timeoutMs: 120_000, logLevel: "warn" });
}

/** A laptop-sized window that accepts downloads (in Vietnamese unless another locale is asked for). */
export function launch(options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<Browser> {
  return launchChromium({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    javaScriptEnabled: options.javaScriptEnabled,
    locale: options.locale,
  });
}

/** Saves a screenshot under tests/artifacts/pages/ and checks it is a real, varied image. */
export function keepScreenshot(
  name: string,
  png: Buffer,
): { width: number; height: number; colours: number; dominantShare: number } {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), png);
  const image = decodePng(png);
  const variety = pixelVariety(image);
  return { width: image.width, height: image.height, ...variety };
}
