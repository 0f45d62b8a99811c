// In-memory stand-ins for the Worker's D1 and R2 bindings, so the real Hono app runs in Node
// and its own CPU work can be timed. They answer instantly; rows cross a JSON text boundary
// (stringified once, parsed on every call) because D1 results reach the isolate as JSON text
// that the isolate parses, which counts towards its CPU time. Anything not recognised
// answers "nothing" so that a changed query shows up as a wrong status, never a silent pass.

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
    this.db.roundTrips++;
    return this.db.answer(this).first as T | null;
  }

  async all<T>(): Promise<{ results: T[]; success: true; meta: Record<string, unknown> }> {
    this.db.roundTrips++;
    return { results: this.db.answer(this).all as T[], success: true, meta: { changes: 0 } };
  }

  async run(): Promise<{ results: unknown[]; success: true; meta: Record<string, unknown> }> {
    this.db.roundTrips++;
    return this.result();
  }

  result(): { results: unknown[]; success: true; meta: Record<string, unknown> } {
    return { results: this.db.answer(this).all, success: true, meta: { changes: 1 } };
  }
}

export class StubD1 {
  /** Calls that would each be one round trip to D1 (first/all/run, or one batch). */
  roundTrips = 0;
  private readonly unitsJson: string;
  private readonly includedJson: string;
  private version = 0;

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
    this.roundTrips++;
    return statements.map((s) => s.result());
  }

  answer(s: Statement): Answer {
    const sql = s.sql.replace(/\s+/g, " ").trim();
    if (/FROM tokens WHERE hash = \?/.test(sql)) {
      const t = this.data.tokens.find((x) => x.hash === s.args[0]);
      return { first: t ? JSON.parse(JSON.stringify(t)) : null, all: [] };
    }
    if (/FROM units ORDER BY code/.test(sql)) return { first: null, all: JSON.parse(this.unitsJson) };
    if (/^SELECT code FROM units WHERE code = \?/.test(sql)) {
      const unit = this.data.units.find((u) => u.code === s.args[0]);
      return { first: unit ? { code: unit.code } : null, all: unit ? [{ code: unit.code }] : [] };
    }
    if (/^INSERT INTO snapshots/.test(sql)) return { first: null, all: [{ version: ++this.version }] };
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
