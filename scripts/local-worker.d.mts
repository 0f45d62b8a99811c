// Types for local-worker.mjs (plain ESM so any Node script or test can import it).
export interface LocalWorker {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  /** The ADMIN_TOKEN this Worker accepts (random per start). */
  adminToken: string;
  /** Where its D1 and R2 data live (a temp dir unless one was given). */
  persistDir: string;
  /** wrangler's recent output lines. */
  log(): string[];
  /** Ends wrangler and workerd (the whole process group) and removes the temp dir; idempotent. */
  stop(): Promise<void>;
}

export interface LocalWorkerOptions {
  port?: number;
  persistDir?: string;
  /** Bound for the whole start (migrations + dev + health), default 90 s. */
  timeoutMs?: number;
  /** wrangler dev --log-level, default "info" (one line per request). */
  logLevel?: "debug" | "info" | "log" | "warn" | "error" | "none";
  /**
   * true (default): `wrangler dev`, as `npm start` runs it. false: the same Worker and bindings
   * through wrangler's startWorker API with the DevTools inspector off (no per-subrequest
   * Network events into Node).
   */
  inspector?: boolean;
  echo?: (line: string) => void;
}

export function startLocalWorker(options?: LocalWorkerOptions): Promise<LocalWorker>;
export function freePort(): Promise<number>;

/** Runs the pinned wrangler quietly (no metrics, banner, prompts) within a bound; resolves its output lines. */
export function wranglerRun(
  args: string[],
  options?: { timeoutMs?: number; echo?: (line: string) => void; env?: Record<string, string> },
): Promise<string[]>;

/** Creates wrangler.toml's [assets] directory when missing (building the task pane if it can). */
export function ensureAssetsDir(options?: { timeoutMs?: number }): Promise<void>;
