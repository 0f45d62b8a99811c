// What every Office.js object of the fake shares: a property can be read only after load() and a
// sync, writes are queued until context.sync(), and an *OrNullObject result says whether it exists
// only after a sync (acting on a null object fails the sync).
import type { FakeContext } from "./context";
import { FakeExcelError, notLoaded } from "./errors";

export function propsOf(arg: unknown): string[] {
  if (arg === undefined) return [];
  if (typeof arg === "string")
    return arg
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(arg)) return arg.flatMap(propsOf);
  throw new FakeExcelError("NotImplemented", "load() with an options object");
}

export abstract class ClientObject<T> {
  protected readonly loaded = new Map<string, unknown>();
  private cached: T | null | undefined;
  private existence: boolean | undefined;

  constructor(
    readonly context: FakeContext,
    private readonly resolver: () => T | null,
    private readonly nullable = false,
  ) {
    if (nullable) context.enqueue(() => void (this.existence = this.resolve(true) !== null));
  }

  /** Settles the target the first time an operation touches it (operations run in order). */
  protected resolve(allowNull = false): T {
    if (this.cached === undefined || this.cached === null) this.cached = this.resolver();
    if (this.cached === null && !allowNull)
      throw new FakeExcelError("ItemNotFound", `${this.constructor.name} does not exist`);
    return this.cached as T;
  }

  protected setTarget(target: T): void {
    this.cached = target;
  }

  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (this.existence === undefined) throw notLoaded("isNullObject");
    return !this.existence;
  }

  protected read<V>(prop: string): V {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as V;
  }

  protected write(op: (target: T) => void): void {
    this.context.enqueue(() => op(this.resolve()));
  }

  protected abstract snapshot(target: T, prop: string): unknown;

  load(props?: string | string[]): this {
    const names = propsOf(props);
    this.context.enqueue(() => {
      const target = this.resolve(this.nullable);
      for (const p of names) this.loaded.set(p, target === null ? null : this.snapshot(target, p));
    });
    return this;
  }
}
