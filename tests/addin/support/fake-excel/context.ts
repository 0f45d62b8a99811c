// An in-memory Excel.RequestContext over a FakeWorkbook that behaves like Office.js where it
// matters to the adapter: every call is queued and runs only at context.sync(), in order;
// a property can be read only after load() and a sync; *OrNullObject results say whether
// they exist only after a sync; acting on a null object fails the sync; 2-D arrays must
// match the range. It counts syncs so tests can hold the adapter to its budgets.
// It also refuses what real Excel refuses, each rule from Microsoft's documentation (rules.ts).
import { ApplicationProxy } from "./application";
import { FakeExcelError } from "./errors";
import { PAYLOAD_LIMIT_BYTES } from "./rules";
import { type FakeWorkbook, WorkbookProxy } from "./workbook";

export interface FakeRunOptions {
  delayForCellEdit?: boolean;
}

type Op = () => void;

export class FakeContext {
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  /** Syncs made through this context. */
  syncs = 0;
  /** Sync numbers (1-based, this context) that ran with API calculation suspended. */
  readonly suspendedSyncs: number[] = [];
  /** Operations each sync carried (a rough measure of batch size). */
  readonly batchSizes: number[] = [];
  suspendNext = false;
  /** Bytes loaded in the sync being run (Excel on the web refuses responses over 5 MB). */
  responseBytes = 0;
  private queue: Op[] = [];

  constructor(readonly book: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
    this.application = new ApplicationProxy(this);
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  /** Queues the host's check that it has ExcelApi 1.`level` (the sync fails with ApiNotFound if not). */
  need(level: number, what: string): void {
    this.enqueue(() => {
      if (this.book.api < level) {
        throw new FakeExcelError(
          "ApiNotFound",
          `${what} needs ExcelApi 1.${level}; this Excel has 1.${this.book.api}. It may be available in a newer version of Excel.`,
        );
      }
    });
  }

  /** Counts loaded data against the payload limit. */
  countResponse(bytes: number): void {
    this.responseBytes += bytes;
    if (this.responseBytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `the response is over ${PAYLOAD_LIMIT_BYTES} bytes`);
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    this.syncs++;
    this.book.syncs++;
    const ops = this.queue;
    this.queue = [];
    this.batchSizes.push(ops.length);
    if (this.suspendNext) this.suspendedSyncs.push(this.syncs);
    const suspended = this.suspendNext;
    this.book.calculationSuspended = suspended;
    this.suspendNext = false;
    this.responseBytes = 0;
    await Promise.resolve();
    if (this.book.editing && !this.delayed) {
      throw new FakeExcelError(
        "InvalidOperationInCellEditMode",
        "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
      );
    }
    try {
      for (const op of ops) op(); // the first failure rejects the sync and drops the rest, like Excel
    } finally {
      this.book.calculationSuspended = false;
      if (!suspended) this.book.afterChange();
    }
  }

  /** Set by runFake when Excel.run was asked to wait for cell edits and the host knows how. */
  delayed = false;
}

/**
 * Excel.run for the fake: a fresh context, and a final sync for anything still queued. With
 * { delayForCellEdit: true } on a host that knows the option, a batch waits for the person to
 * finish the cell (the fake finishes it at once); otherwise each sync fails while editing.
 */
export async function runFake<T>(
  book: FakeWorkbook,
  fn: (ctx: FakeContext) => Promise<T>,
  options: FakeRunOptions = {},
): Promise<{ result: T; ctx: FakeContext }> {
  const ctx = new FakeContext(book);
  if (options.delayForCellEdit && book.api >= 8) {
    ctx.delayed = true;
    book.finishEditing();
  }
  const result = await fn(ctx);
  if (ctx.pending) await ctx.sync();
  return { result, ctx };
}
