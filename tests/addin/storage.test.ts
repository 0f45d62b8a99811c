// The pane's memory (server address, token, language): localStorage with keys prefixed by
// Office.context.partitionKey where the host has one, and storage failures never surface.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createStore, officePartitionKey, openStore, type StorageLike } from "../../addin/ui/storage";

function memory(initial: Record<string, string> = {}): StorageLike & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const broken: StorageLike = {
  getItem() {
    throw new Error("SecurityError: storage is disabled");
  },
  setItem() {
    throw new Error("QuotaExceededError");
  },
  removeItem() {
    throw new Error("SecurityError: storage is disabled");
  },
};

describe("the pane's store", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("prefixes every key with the partition key when the host defines one", async () => {
    const storage = memory();
    const store = openStore({ storage: () => storage, partitionKey: "PK|" });
    await store.set("kh157.token", "secret");
    expect([...storage.data]).toEqual([["PK|kh157.token", "secret"]]);
    expect(await store.get("kh157.token")).toBe("secret");
    // Another partition (another workbook host / add-in) does not see it.
    expect(await openStore({ storage: () => storage, partitionKey: "other|" }).get("kh157.token")).toBeNull();
    expect(await openStore({ storage: () => storage, partitionKey: undefined }).get("kh157.token")).toBeNull();
  });

  it("uses the bare key where there is no partition key", async () => {
    for (const partitionKey of [undefined, null, ""]) {
      const storage = memory();
      const store = openStore({ storage: () => storage, partitionKey });
      await store.set("kh157.server", "https://may-chu-cua-ban.example");
      expect([...storage.data]).toEqual([["kh157.server", "https://may-chu-cua-ban.example"]]);
      expect(await store.get("kh157.server")).toBe("https://may-chu-cua-ban.example");
    }
  });

  it("removes a key, including the unprefixed copy written before partition keys were used", async () => {
    const storage = memory({
      "kh157.token": "old",
      "PK|kh157.token": "new",
      "PK|kh157.server": "https://may-chu-cua-ban.example",
    });
    const store = createStore(() => storage, "PK|");
    await store.remove("kh157.token");
    expect(await store.get("kh157.token")).toBeNull();
    expect([...storage.data]).toEqual([["PK|kh157.server", "https://may-chu-cua-ban.example"]]);
    await store.remove("kh157.absent"); // removing what is not there is fine
  });

  it("swallows storage that throws (private mode, policy, full disk)", async () => {
    for (const storage of [
      () => broken,
      () => {
        throw new Error("SecurityError: localStorage");
      },
    ]) {
      const store = createStore(storage as () => StorageLike, "PK|");
      await expect(store.get("kh157.token")).resolves.toBeNull();
      await expect(store.set("kh157.token", "secret")).resolves.toBeUndefined();
      await expect(store.remove("kh157.token")).resolves.toBeUndefined();
    }
  });

  it("reads Office.context.partitionKey and localStorage by default", async () => {
    const storage = memory();
    vi.stubGlobal("localStorage", storage);
    expect(officePartitionKey()).toBeUndefined(); // no Office at all
    await openStore().set("kh157.lang", "en");
    vi.stubGlobal("Office", { context: { partitionKey: undefined } });
    expect(officePartitionKey()).toBeUndefined();
    vi.stubGlobal("Office", { context: { partitionKey: "PK|" } });
    expect(officePartitionKey()).toBe("PK|");
    await openStore().set("kh157.lang", "vi");
    expect([...storage.data]).toEqual([
      ["kh157.lang", "en"],
      ["PK|kh157.lang", "vi"],
    ]);
  });

  it("finds no partition key before Office is ready (Office.context not there yet)", () => {
    vi.stubGlobal("Office", {});
    expect(officePartitionKey()).toBeUndefined();
    vi.stubGlobal("Office", {
      get context(): never {
        throw new Error("Office.context is not ready");
      },
    });
    expect(officePartitionKey()).toBeUndefined();
  });
});
