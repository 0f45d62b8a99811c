// In-memory stand-ins for the Worker's D1 and R2 bindings, so the real Hono app runs in Node
// and its own CPU work can be timed. They answer instantly; rows cross a JSON text boundary
// (stringified once, parsed on every call) because D1 results reach the isolate as JSON text
// that the isolate parses, which counts towards its CPU time. Anything not recognised
// answers "nothing" so that a changed query shows up as a wrong status, never a silent pass.
// `delayMs` makes every round trip (a batch, or a statement run alone) wait that long before it
// answers, as D1 does from a distant colo: the latency rows (cpu.ts, roundTripRows) time the
// requests' structure (how many round trips one after another), not SQLite.

export interface StubToken {
  hash: string;
  id: string;
  role: "submitter" | "reviewer" | "leader" | "admin";
  unit: string | null;
}

export interface StubData {
  tokens: StubToken[];
  units: {
    code: string;
    name: string;
    kind: string;
    parent: string | null;
    coastal: number;
    valid_from: null;
    valid_to: null;
  }[];
  /** The rows snapshotsAsOf answers: { id, unit, version, templateVersion, sha256, canonical }. */
  included: { id: string; unit: string; version: number; templateVersion: number; sha256: string; canonical: string }[];
}

type Answer = { first: unknown; all: unknown[] };

class Statement {
  constructor(
    private readonly db: StubD1,
    readonly sql: string,
    readonly args: unknown[] = [],
  ) {}

  bind(...args: unknown[]): Statement {
    return new Statement(this.db, this.sql, args);
  }

  async first<T>(): Promise<T | null> {
    await this.db.trip();
    return this.db.answer(this).first as T | null;
  }

  async all<T>(): Promise<{ results: T[]; success: true; meta: Record<string, unknown> }> {
    await this.db.trip();
    return { results: this.db.answer(this).all as T[], success: true, meta: { changes: 0 } };
  }

  async run(): Promise<{ results: unknown[]; success: true; meta: Record<string, unknown> }> {
    await this.db.trip();
    return this.result();
  }

  result(): { results: unknown[]; success: true; meta: Record<string, unknown> } {
    return { results: this.db.answer(this).all, success: true, meta: { changes: 1 } };
  }
}

export class StubD1 {
  /** Calls that would each be one round trip to D1 (first/all/run, or one batch). */
  roundTrips = 0;
  /** Milliseconds each round trip waits before answering (0: at once, as for the CPU rows). */
  delayMs = 0;
  private readonly unitsJson: string;
  private readonly includedJson: string;
  private version = 0;
  private readonly cache = new Map<string, { generation: string; body: string }>();

  constructor(private readonly data: StubData) {
    this.unitsJson = JSON.stringify(data.units);
    this.includedJson = JSON.stringify(data.included);
  }

  prepare(sql: string): Statement {
    return new Statement(this, sql);
  }

  async batch(
    statements: Statement[],
  ): Promise<{ results: unknown[]; success: true; meta: Record<string, unknown> }[]> {
    await this.trip();
    return statements.map((s) => s.result());
  }

  /** One round trip: counted, and waited for when `delayMs` is set. */
  async trip(): Promise<void> {
    this.roundTrips++;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
  }

  answer(s: Statement): Answer {
    const sql = s.sql.replace(/\s+/g, " ").trim();
    if (/^SELECT id, hash, role, unit, expires_at, last_used_at FROM tokens WHERE hash = \?/.test(sql)) {
      const t = this.data.tokens.find((x) => x.hash === s.args[0]);
      // Used a moment ago: no last-use write (at most one a minute, worker/db/tokens.ts).
      const row = t ? { ...t, expires_at: null, last_used_at: new Date().toISOString() } : null;
      return { first: row, all: row ? [row] : [] };
    }
    if (/FROM snapshots s WHERE s\.id = \?/.test(sql)) {
      const k = this.data.included.findIndex((x) => x.id === s.args[0]);
      if (k < 0) return { first: null, all: [] };
      const x = this.data.included[k];
      const row = {
        ...x,
        template: (JSON.parse(x.canonical) as { template: string }).template,
        kind: "plan",
        source: "json",
        fileKey: null,
        fileName: null,
        warnings: 0,
        createdAt: "2026-01-01T00:00:00.000Z",
        createdBy: "tok-submitter",
        review: null,
        warningList: "[]",
      };
      return { first: row, all: [row] };
    }
    if (/FROM units ORDER BY code/.test(sql)) return { first: null, all: JSON.parse(this.unitsJson) };
    if (/^SELECT code FROM units WHERE code = \?/.test(sql)) {
      const unit = this.data.units.find((u) => u.code === s.args[0]);
      return { first: unit ? { code: unit.code } : null, all: unit ? [{ code: unit.code }] : [] };
    }
    if (/^INSERT INTO snapshots/.test(sql)) return { first: null, all: [{ version: ++this.version }] };
    // The consolidation cache (decision 0022): an answer is kept under its key and the data's
    // generation (here: the snapshots stored so far), so a repeated request is served from it.
    if (/^WITH k AS .* SELECT k\.key, k\.generation, cc\.body/.test(sql)) {
      const key = String(s.args[4]);
      const generation = String(this.version);
      const body = this.cache.get(key)?.generation === generation ? this.cache.get(key)!.body : null;
      const row = { key, generation, body, structure: "1" };
      return { first: row, all: [row] };
    }
    if (/^INSERT OR REPLACE INTO consolidation_cache/.test(sql)) {
      this.cache.set(String(s.args[0]), { generation: String(s.args[1]), body: String(s.args[2]) });
      return { first: null, all: [] };
    }
    if (/^WITH chosen0 AS .* SELECT s\.id, s\.unit, s\.version, s\.template_version AS templateVersion/.test(sql)) {
      const hit = this.cache.get(String(s.args[4]))?.generation === String(this.version);
      if (hit && / AND NOT EXISTS /.test(sql)) return { first: null, all: [] };
      const rows = (JSON.parse(this.includedJson) as StubData["included"]).map((r) => ({ ...r, packed: null }));
      return { first: rows[0] ?? null, all: rows };
    }
    // Returned versions passed over (decision 0017): none here.
    if (/^WITH st AS .* AS returnedAt /.test(sql)) return { first: null, all: [] };
    if (/^WITH st AS/.test(sql)) return { first: null, all: JSON.parse(this.includedJson) };
    return { first: null, all: [] }; // templates stored by an admin, locks, audit inserts: none / nothing back
  }
}

export class StubR2 {
  readonly objects = new Map<string, Uint8Array>();

  async head(key: string): Promise<{ key: string } | null> {
    return this.objects.has(key) ? { key } : null;
  }

  async put(key: string, value: Uint8Array): Promise<{ key: string }> {
    // Not kept: every run must do the same work (a real upload of new bytes is put once).
    void value;
    return { key };
  }
}

/** The Workers rate-limiting binding, always allowing; counts its calls. */
export class StubLimiter {
  calls = 0;

  async limit(_options: { key: string }): Promise<{ success: boolean }> {
    this.calls++;
    return { success: true };
  }
}
