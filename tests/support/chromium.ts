// Debian's Chromium driven by playwright-core (never `playwright install`): one launcher for the
// add-in's and the pages' browser tests. Flags keep it off the network this machine does not have.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
const ON_CI = process.env.CI === "true" || process.env.CI === "1";

/** True when browser tests can run; on CI a missing Chromium is a failure, not a skip. */
export function chromiumAvailable(who: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (ON_CI) throw new Error(`CI is set but ${CHROMIUM} was not found: apt-get install -y chromium`);
  console.warn(`${who}: ${CHROMIUM} not found, skipping the browser tests (apt-get install -y chromium)`);
  return false;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport: { width: number; height: number };
  javaScriptEnabled?: boolean;
  acceptDownloads?: boolean;
  /** Default timeout of every page action. */
  stepTimeout?: number;
  /** The browser's locale (what a date picker and Intl follow); vi-VN unless asked. */
  locale?: string;
}

/** A fresh profile (--user-data-dir) each run, deleted on close. */
export async function launchChromium(options: LaunchOptions): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "kh157-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: options.viewport,
    locale: options.locale ?? "vi-VN",
    timeout: 60_000,
    acceptDownloads: options.acceptDownloads ?? false,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  context.setDefaultTimeout(options.stepTimeout ?? 20_000);
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
