// The Worker's HTTP API as the pane uses it. Failures become one typed value the UI turns
// into a message: the network, a validation report (422), or the server's { errors: [...] }.
import type { ConsolidatedReport, Me, Receipt, SnapshotDetail, SnapshotMeta, Unit, ValidationReport } from "./types";

export type ApiFailure =
  | { kind: "network"; message: string }
  | { kind: "report"; status: 422; report: ValidationReport }
  | { kind: "http"; status: number; code: string; message: string; details: Record<string, unknown> };

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
  receipt: Receipt;
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
  const first = (Array.isArray(b?.errors) ? b!.errors[0] : null) as Record<string, unknown> | null;
  const { code, message, ...details } = first ?? {};
  return {
    kind: "http",
    status: res.status,
    code: typeof code === "string" ? code : `HTTP_${res.status}`,
    message: typeof message === "string" ? message : `${res.status} ${res.statusText}`,
    details,
  };
}

export function createClient(opts: ClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, "");
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(path: string, init: RequestInit = {}): Promise<{ body: T; res: Response }> {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${opts.token}`);
    headers.set("Accept", "application/json");
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, { ...init, headers });
    } catch (err) {
      throw new ApiFailureError({ kind: "network", message: err instanceof Error ? err.message : String(err) });
    }
    if (!res.ok) throw new ApiFailureError(await failureOf(res));
    return { body: (await res.json()) as T, res };
  }

  return {
    async me(): Promise<Me> {
      return (await request<Me>("/api/me")).body;
    },
    async units(): Promise<Unit[]> {
      return (await request<{ units: Unit[] }>("/api/units")).body.units;
    },
    /** POSTs canonical JSON; the same body always goes with the same Idempotency-Key. */
    async submit(body: string, idempotencyKey: string): Promise<SubmitAnswer> {
      const { body: receipt, res } = await request<Receipt>("/api/submissions", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey, "X-Client": "kh157-addin" },
        body,
      });
      return { receipt, replayed: res.headers.get("Idempotent-Replayed") === "true" };
    },
    async snapshots(filter: { template?: string; unit?: string; kind?: string; limit?: number }): Promise<SnapshotMeta[]> {
      return (await request<{ submissions: SnapshotMeta[] }>(`/api/submissions${query(filter)}`)).body.submissions;
    },
    async snapshot(id: string): Promise<SnapshotDetail> {
      return (await request<SnapshotDetail>(`/api/submissions/${encodeURIComponent(id)}`)).body;
    },
    async consolidated(q: { template: string; kind: string; basis: string; asOf?: string }): Promise<ConsolidatedReport> {
      return (await request<ConsolidatedReport>(`/api/consolidated${query({ ...q, format: "json" })}`)).body;
    },
  };
}

export type ApiClient = ReturnType<typeof createClient>;
