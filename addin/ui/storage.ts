// Per-user memory for the server address, the token and the language, as Microsoft advises for
// a task pane ("Persist add-in state and settings"): the pane's localStorage, each key prefixed
// with Office.context.partitionKey where the host defines one (Excel on the web and hosts with
// storage partitioning; undefined elsewhere). The partition key exists only after Office.onReady,
// so main.ts opens the store after findHost(). Storage that is blocked (private mode, policy) or
// full never stops the pane: reads give null, writes are dropped and the person types it again.

/** The part of the DOM's Storage the pane uses (localStorage, or a stand-in in tests). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Async so that callers do not depend on the storage being synchronous. */
export interface Store {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface StoreDeps {
  /** Where values live; a function because merely touching localStorage can throw (SecurityError). */
  storage?: () => StorageLike;
  /** Office.context.partitionKey, or undefined where the host does not partition. */
  partitionKey?: string | null;
}

/** Office.context.partitionKey once Office is ready; undefined outside Office or before onReady. */
export function officePartitionKey(): string | undefined {
  try {
    if (typeof Office === "undefined") return undefined;
    const key: unknown = Office.context?.partitionKey;
    return typeof key === "string" && key ? key : undefined;
  } catch {
    return undefined;
  }
}

function attempt<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch {
    return fallback; // blocked or full storage: see the top of this file
  }
}

/** A store over `storage` with every key prefixed by `partitionKey` when there is one. */
export function createStore(storage: () => StorageLike, partitionKey?: string | null): Store {
  const full = (key: string) => (partitionKey ? partitionKey + key : key);
  return {
    async get(key) {
      return attempt(() => storage().getItem(full(key)), null);
    },
    async set(key, value) {
      attempt(() => storage().setItem(full(key), value), undefined);
    },
    async remove(key) {
      attempt(() => storage().removeItem(full(key)), undefined);
      // Earlier versions wrote the key without the prefix: forgetting must not leave that copy.
      if (partitionKey) attempt(() => storage().removeItem(key), undefined);
    },
  };
}

/** The pane's store; call it after Office.onReady (findHost) so the partition key is known. */
export function openStore(deps: StoreDeps = {}): Store {
  const partitionKey = "partitionKey" in deps ? deps.partitionKey : officePartitionKey();
  return createStore(deps.storage ?? (() => localStorage), partitionKey);
}
