// Clicking a problem in the pane takes the person to its cell: one sync.
import { parseCellRef } from "./cell-ref";

export async function selectCell(context: Excel.RequestContext, ref: string): Promise<boolean> {
  const at = parseCellRef(ref);
  if (!at) return false;
  const sheet = context.workbook.worksheets.getItem(at.sheet);
  sheet.activate();
  sheet.getRange(at.address).select();
  await context.sync();
  return true;
}
