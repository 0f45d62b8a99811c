// One request's view of D1 (decision 0023). Every query of a request goes through it, so that:
//  1. reads issued together go in one round trip: a read is queued and sent a few microtasks
//     later with every other read queued meanwhile (the reads a `Promise.all` starts, a batch);
//  2. the sign-in lookup rides with the request's first reads, and no row reaches the route
//     before the principal behind the request is known, under the failed sign-in limit, and
//     allowed (role checks, rate limits: `onPrincipal`);
//  3. a write never carries the sign-in: it waits for the principal first (its own round trip
//     when no read carried it), and queued reads are sent before it, in the order written;
//  4. queries run in a D1 session when the runtime has one (read replicas; a client's bookmark
//     gives it read-your-writes; see requestDb in worker/auth/middleware.ts for where one starts);
//  5. round trips are counted.
// A statement is a read when its SQL is a SELECT (see isRead); anything else is treated as a write.
import type { Principal } from "../auth/principal";

/** How the principal is found: a lookup read with the request's first reads, and what its rows mean. */
export interface SignInPlan {
  /** The lookup (one row or none); null when the principal is known without D1 (the bootstrap token). */
  statement: D1PreparedStatement | null;
  /** The principal the rows name (after the failed sign-in limiter), or the refusal it throws. */
  settle(rows: Record<string, unknown>[]): Promise<Principal>;
}

/** Runs once the principal is known, before any row reaches the route: a role check, a rate limit. */
export type PrincipalCheck = (p: Principal) => void | Promise<void>;

/** What a request's queries are sent to: the binding, or a session of it (withSession). */
type Target = Pick<D1Database, "prepare" | "batch">;

// A read: SELECT, or WITH ... SELECT naming no writing keyword. A read taken for a write (a
// replace() in a query) only costs a round trip; a write is never taken for a read.
const WRITING = /\b(insert|update|delete|replace|create|drop|alter|pragma|attach|vacuum|reindex)\b/i;

function isRead(sql: string): boolean {
  return /^\s*select\b/i.test(sql) || (/^\s*with\b/i.test(sql) && !WRITING.test(sql));
}

/** Microtasks a queued read waits for company: enough for the reads a Promise.all starts in one go. */
const GATHER_HOPS = 8;

interface Queued {
  statements: D1PreparedStatement[];
  resolve(results: D1Result[]): void;
  reject(err: unknown): void;
}

/** Marks a promise's rejection as handled here (it is awaited, or surfaced, elsewhere). */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

export class RequestDb {
  /** Round trips to D1 so far: each batch sent, each statement run on its own. */
  roundTrips = 0;
  readonly #target: Target;
  readonly #raw: D1Database;
  readonly #session: D1DatabaseSession | null;
  /** The sign-in not yet sent (null once it was, or when there is none). */
  #plan: SignInPlan | null = null;
  /** The checked principal once the sign-in was sent; null before (or without a sign-in). */
  #checked: Promise<Principal> | null = null;
  #checks: PrincipalCheck[] = [];
  #queue: Queued[] = [];
  #scheduled = false;

  constructor(raw: D1Database, session: D1DatabaseSession | null = null) {
    this.#raw = raw;
    this.#session = session;
    this.#target = session ?? raw;
  }

  /** The binding (or session) itself, for writes that must not wait for the principal (a token's last use). */
  get direct(): Target {
    return this.#target;
  }

  /** The session's latest bookmark (null without a session, or before any query). */
  bookmark(): string | null {
    return this.#session?.getBookmark() ?? null;
  }

  /** Defers the sign-in: its lookup goes with the request's first reads. */
  signIn(plan: SignInPlan): void {
    if (plan.statement) this.#plan = { statement: unwrap(plan.statement), settle: plan.settle };
    else this.#checked = this.#withChecks(plan.settle([]));
  }

  /** Is there a sign-in that was not sent yet? */
  get pending(): boolean {
    return this.#plan !== null;
  }

  /** Adds a check on the principal (chained at once when it is on its way); what it throws answers the request. */
  onPrincipal(check: PrincipalCheck): void {
    if (this.#checked) this.#checked = quiet(this.#checked.then(async (p) => (await check(p), p)));
    else this.#checks.push(check);
  }

  /** The checked principal; sends the sign-in now (with any queued reads) when no read has carried it yet. */
  principal(): Promise<Principal> {
    if (this.#plan) this.#flush();
    return this.#checked ?? Promise.reject(new Error("RequestDb: this request has no sign-in"));
  }

  prepare(sql: string): D1PreparedStatement {
    return new RequestStatement(this, this.#target.prepare(sql), isRead(sql)) as unknown as D1PreparedStatement;
  }

  async batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    if (!statements.length) return [];
    const inner = statements.map(unwrap);
    if (statements.every((s) => s instanceof RequestStatement && s.read))
      return this.#read(inner) as Promise<D1Result<T>[]>;
    await this.#beforeWrite();
    return this.#count(() => this.#target.batch<T>(inner));
  }

  /** One statement run on its own: a read is queued with the others, a write waits for the principal. */
  async one(s: RequestStatement, how: "all" | "run" | "raw", options?: { columnNames?: boolean }): Promise<unknown> {
    if (s.read && how !== "raw") return (await this.#read([s.inner]))[0];
    await this.#beforeWrite();
    const inner = s.inner;
    if (how === "raw") return this.#count(() => inner.raw(options as { columnNames: true }));
    return this.#count(() => (how === "run" ? inner.run() : inner.all()));
  }

  async exec(query: string): Promise<D1ExecResult> {
    await this.#beforeWrite();
    return this.#count(() => this.#raw.exec(query));
  }

  /** Already a session (or the binding): queries of a request stay in one. */
  withSession(): RequestDb {
    return this;
  }

  dump(): Promise<ArrayBuffer> {
    return Promise.reject(new Error("dump() is not available through a request"));
  }

  #read(statements: D1PreparedStatement[]): Promise<D1Result[]> {
    const answer = new Promise<D1Result[]>((resolve, reject) => this.#queue.push({ statements, resolve, reject }));
    if (!this.#scheduled) {
      this.#scheduled = true;
      let hops = 0;
      const hop = () => (++hops < GATHER_HOPS ? queueMicrotask(hop) : this.#flush());
      queueMicrotask(hop);
    }
    return answer;
  }

  /** Sends the sign-in (if not yet sent) and every queued read in one batch. */
  #flush(): void {
    this.#scheduled = false;
    const plan = this.#plan;
    this.#plan = null;
    const items = this.#queue.splice(0);
    if (!plan && !items.length) return;
    const head = plan ? [plan.statement!] : [];
    const sent = this.#count(() => this.#target.batch([...head, ...items.flatMap((q) => q.statements)]));
    if (plan)
      this.#checked = this.#withChecks(sent.then((r) => plan.settle(r[0].results as Record<string, unknown>[])));
    const deliver = async () => {
      const results = await sent;
      // No row goes anywhere before the principal is known and allowed.
      if (this.#checked) await this.#checked;
      let at = head.length;
      for (const q of items) {
        q.resolve(results.slice(at, at + q.statements.length));
        at += q.statements.length;
      }
    };
    deliver().catch((err) => items.forEach((q) => q.reject(err)));
  }

  /** Before a write: queued reads go first (in the order written), and the principal must be known and allowed. */
  async #beforeWrite(): Promise<void> {
    if (this.#plan || this.#queue.length) this.#flush();
    if (this.#checked) await this.#checked;
  }

  #withChecks(principal: Promise<Principal>): Promise<Principal> {
    const checks = this.#checks.splice(0);
    return quiet(
      principal.then(async (p) => {
        for (const check of checks) await check(p);
        return p;
      }),
    );
  }

  #count<T>(call: () => Promise<T>): Promise<T> {
    this.roundTrips++;
    return call();
  }
}

/** A statement prepared through a RequestDb: runs through it, and unwraps for a batch. */
export class RequestStatement {
  constructor(
    readonly db: RequestDb,
    readonly inner: D1PreparedStatement,
    readonly read: boolean,
  ) {}

  bind(...values: unknown[]): RequestStatement {
    return new RequestStatement(this.db, this.inner.bind(...values), this.read);
  }

  async first<T = unknown>(column?: string): Promise<T | null> {
    const result = (await this.db.one(this, "all")) as D1Result<Record<string, unknown>>;
    const row = result.results[0];
    if (!row) return null;
    return (column === undefined ? row : row[column]) as T;
  }

  all<T = unknown>(): Promise<D1Result<T>> {
    return this.db.one(this, "all") as Promise<D1Result<T>>;
  }

  run<T = unknown>(): Promise<D1Result<T>> {
    return this.db.one(this, this.read ? "all" : "run") as Promise<D1Result<T>>;
  }

  raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<T[]> {
    return this.db.one(this, "raw", options) as Promise<T[]>;
  }
}

function unwrap(s: D1PreparedStatement): D1PreparedStatement {
  return s instanceof RequestStatement ? s.inner : s;
}

/** The request's RequestDb when one is installed as its env.DB. */
export function requestDbOf(db: D1Database): RequestDb | null {
  return db instanceof RequestDb ? db : null;
}

/** A session bookmark a client sent back: D1's are hex groups joined by dashes; anything else is ignored. */
export function bookmarkFrom(value: string | undefined | null): string | null {
  return value && value.length <= 200 && /^[0-9a-f]{1,64}(-[0-9a-f]{1,64}){1,8}$/i.test(value) ? value : null;
}

/**
 * A session of the binding, or null where the runtime has none (feature-detected: an older
 * runtime, a test double). A bookmark the client sent continues its session (it sees what it
 * wrote); without one the session starts as `start` says.
 */
export function sessionOf(
  db: D1Database,
  bookmark: string | null,
  start: D1SessionConstraint,
): D1DatabaseSession | null {
  const withSession = (db as Partial<D1Database>).withSession;
  if (typeof withSession !== "function") return null;
  try {
    return withSession.call(db, bookmark ?? start);
  } catch {
    // A bookmark D1 does not take (malformed, or of another database): start afresh.
    return bookmark ? sessionOf(db, null, start) : null;
  }
}
