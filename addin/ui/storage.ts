// Per-user memory for the server address and token: Office's partitioned storage where the
// host offers it (OfficeRuntime.storage), else the pane's localStorage, which Office
// partitions per add-in origin too.
export interface Store {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export function openStore(): Store {
  const runtime = typeof OfficeRuntime !== "undefined" ? OfficeRuntime.storage : undefined;
  if (runtime) return { get: (k) => runtime.getItem(k), set: (k, v) => runtime.setItem(k, v) };
  return {
    async get(k) {
      try {
        return localStorage.getItem(k);
      } catch {
        return null; // storage blocked (private mode): the person types it again
      }
    },
    async set(k, v) {
      try {
        localStorage.setItem(k, v);
      } catch {
        // see above
      }
    },
  };
}
