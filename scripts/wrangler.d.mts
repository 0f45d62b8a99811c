// Types for wrangler.mjs (plain ESM: npm scripts run it, tests import its helpers).
import type { ChildProcess, SpawnOptions, SpawnSyncOptions, SpawnSyncReturns } from "node:child_process";

export const root: string;
export const quietEnv: NodeJS.ProcessEnv;

/** Takes group and other permissions off `path` and everything below it. */
export function chmodPrivateTree(path: string): void;

/**
 * umask 077 for this process (and what it spawns) and no group/other permissions under `dir` (default `.wrangler/`).
 */
export function keepLocalStatePrivate(dir?: string): void;

export function wranglerSync(
  args: string[],
  options?: SpawnSyncOptions & { env?: NodeJS.ProcessEnv },
): SpawnSyncReturns<Buffer>;

export function wranglerSpawn(args: string[], options?: SpawnOptions & { env?: NodeJS.ProcessEnv }): ChildProcess;

/** Adds `NAME="value"` to .dev.vars unless NAME is there (printing `note` then); answers the value in force. */
export function devVar(name: string, value: string, note?: string): string;

/** .dev.vars gets TRUST_CF_CONNECTING_IP="false" (unless set): locally every request is one address. */
export function distrustLocalClientAddress(): void;
