// The Worker's HTTP API as the pane uses it. Failures become one typed value the UI turns
// into a message: the network, a validation report (422), or the server's { errors: [...] }.
// The answers' shapes are the domain's contract (types only: the bundle gains no zod).
import type {
  ConsolidatedReport,
  IdenticalReceipt,
  Me,
  Params,
  Receipt,
  SnapshotDetail,
  SnapshotMeta,
  Unit,
  ValidationReport,
} from "../../domain";

export type ApiFailure =
  | { kind: "network"; message: string }
  | { kind: "report"; status: 422; report: ValidationReport }
  | {
      kind: "http";
      status: number;
      code: string;
      /** The server's Vietnamese message. */
      message: string;
      /** The catalogue parameters of `code` (absent from older servers): other languages render from them. */
      params?: Params;
      details: Record<string, unknown>;
    };

export class ApiFailureError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.kind === "report" ? "validation failed" : failure.message);
    this.name = "ApiFailureError";
  }
}

export interface ClientOptions {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
}

export interface SubmitAnswer {
  /** With `identical` and `notice` when the figures were those of the latest version (nothing stored). */
  receipt: Receipt & Partial<Pick<IdenticalReceipt, "identical" | "notice">>;
  /** The server answered a retried request with the first snapshot (Idempotent-Replayed). */
  replayed: boolean;
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : "";
}

async function failureOf(res: Response): Promise<ApiFailure> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's error page): fall through to the status line
  }
  const b = body as { valid?: boolean; errors?: unknown[] } | null;
  if (res.status === 422 && b && b.valid === false && Array.isArray(b.errors)) {
    return { kind: "report", status: 422, report: body as ValidationReport };
  }
  const first = (b && Array.isArray(b.errors) ? b.errors[0] : null) as Record<string, unknown> | null;
  const { code, message, params, ...details } = first ?? {};
  const failure: ApiFailure = {
    kind: "http",
    status: res.status,
    code: typeof code === "string" ? code : `HTTP_${res.status}`,
    message: typeof message === "string" ? message : `${res.status} ${res.statusText}`,
    details,
  };
  const kept = paramsOf(params);
  if (kept) failure.params = kept;
  return failure;
}

/** An error item's `params`: only text and finite numbers are kept (they are interpolated into words). */
function paramsOf(value: unknown): Params | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const out: Params = {};
  let any = false;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === "string" || (typeof v === "number" && isFinite(v))) {
      out[k] = v;
      any = true;
    }
  }
  return any ? out : null;
}

/** The header carrying D1's session bookmark (the Worker's BOOKMARK_HEADER). */
const BOOKMARK_HEADER = "x-d1-bookmark";

export function createClient(opts: ClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, "");
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  // D1's position after this client's last request (decision 0023): sent back, it makes the next
  // read see at least what this pane wrote, even from a read replica (a district sees its own
  // submission at once).
  let bookmark: string | null = null;

  async function request<T>(path: string, init: RequestInit = {}): Promise<{ body: T; res: Response }> {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${opts.token}`);
    headers.set("Accept", "application/json");
    if (bookmark) headers.set(BOOKMARK_HEADER, bookmark);
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, { ...init, headers });
    } catch (err) {
      throw new ApiFailureError({ kind: "network", message: err instanceof Error ? err.message : String(err) });
    }
    bookmark = res.headers.get(BOOKMARK_HEADER) ?? bookmark;
    if (!res.ok) throw new ApiFailureError(await failureOf(res));
    return { body: (await res.json()) as T, res };
  }

  return {
    async me(): Promise<Me> {
      return (await request<Me>("/api/me")).body;
    },
    /**
     * The template the server validates `id` against (GET /api/templates/{id}, public): the
     * newest version an administrator stored, or the built-in one. Untrusted data: the caller
     * checks it (checkTemplate) before using it.
     */
    async template(id: string): Promise<unknown> {
      return (await request<unknown>(`/api/templates/${encodeURIComponent(id)}`)).body;
    },
    async units(): Promise<Unit[]> {
      // Every unit ever recorded: a report may name a unit that has closed since (issue 17).
      return (await request<{ units: Unit[] }>("/api/units?all=1")).body.units;
    },
    /**
     * POSTs canonical JSON; the same body always goes with the same Idempotency-Key. Figures
     * identical to the report's latest version answer that version (`identical`, 200) unless
     * `newVersion` asks for a new one.
     */
    async submit(body: string, idempotencyKey: string, opts: { newVersion?: boolean } = {}): Promise<SubmitAnswer> {
      const path = `/api/submissions${opts.newVersion ? "?newVersion=true" : ""}`;
      const { body: receipt, res } = await request<Receipt & Partial<IdenticalReceipt>>(path, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey, "X-Client": "kh157-addin" },
        body,
      });
      return { receipt, replayed: res.headers.get("Idempotent-Replayed") === "true" };
    },
    async snapshots(filter: {
      template?: string;
      unit?: string;
      kind?: string;
      limit?: number;
    }): Promise<SnapshotMeta[]> {
      return (await request<{ submissions: SnapshotMeta[] }>(`/api/submissions${query(filter)}`)).body.submissions;
    },
    async snapshot(id: string): Promise<SnapshotDetail> {
      return (await request<SnapshotDetail>(`/api/submissions/${encodeURIComponent(id)}`)).body;
    },
    async consolidated(q: {
      template: string;
      kind: string;
      basis: string;
      asOf?: string;
    }): Promise<ConsolidatedReport> {
      return (await request<ConsolidatedReport>(`/api/consolidated${query({ ...q, format: "json" })}`)).body;
    },
  };
}

export type ApiClient = ReturnType<typeof createClient>;
