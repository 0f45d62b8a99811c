// A stand-in for a Workers rate-limiting binding whose window moves only when the test says so.
// The real binding (and miniflare's local copy) counts per key in fixed windows of `period`
// seconds aligned to the wall clock, so a test that sends N requests can straddle a window
// boundary and never see the limit. This double keeps the binding's documented contract and
// refuses what it refuses (Cloudflare docs, Workers "Rate Limiting": `limit({ key })` resolves
// to `{ success }`; "key can be any string of your choosing"; `period` "must be either 10 or 60"),
// but its window is advanced by `nextWindow()` instead of the clock.

export class ManualWindowLimiter implements RateLimit {
  private readonly counts = new Map<string, number>();
  /** Every key the Worker asked about, in order (to prove which routes consult the limiter). */
  readonly calls: string[] = [];

  constructor(
    readonly limitPerWindow: number,
    readonly period: 10 | 60 = 60,
  ) {
    if (!Number.isInteger(limitPerWindow) || limitPerWindow < 1) throw new Error("limit must be a positive integer");
    if (period !== 10 && period !== 60) throw new Error(`unsupported period: ${String(period)}`);
  }

  async limit(options: RateLimitOptions): Promise<RateLimitOutcome> {
    if (typeof options !== "object" || options === null) throw new Error("invalid rate limit options");
    const extra = Object.keys(options).filter((k) => k !== "key");
    if (extra.length) throw new Error(`bad rate limit options: [${extra.join(",")}]`);
    const { key } = options;
    if (typeof key !== "string") throw new Error(`invalid key: ${String(key)}`);
    this.calls.push(key);
    const used = this.counts.get(key) ?? 0;
    if (used >= this.limitPerWindow) return { success: false };
    this.counts.set(key, used + 1);
    return { success: true };
  }

  /** The next fixed window starts: every key's count is back to zero. */
  nextWindow(): void {
    this.counts.clear();
  }
}
