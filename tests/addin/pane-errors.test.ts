// What the pane says when Excel refuses a batch.
import { describe, expect, it } from "vitest";
import { describeError, type Pane } from "../../addin/ui/pane";

const pane = (lang: "vi" | "en") => ({ lang }) as Pane;

describe("Excel errors in plain words", () => {
  it("cell-edit mode asks the person to finish the cell, in their language", () => {
    const err = Object.assign(new Error("Excel is in cell-editing mode."), { code: "InvalidOperationInCellEditMode" });
    expect(describeError(pane("vi"), err)).toMatch(/nhấn Enter/);
    expect(describeError(pane("en"), err)).toMatch(/press Enter/);
  });

  it("other Excel errors keep Excel's message", () => {
    const err = Object.assign(new Error("ItemNotFound: no sheet"), { code: "ItemNotFound" });
    expect(describeError(pane("vi"), err)).toBe("Excel báo lỗi: ItemNotFound: no sheet");
  });
});
