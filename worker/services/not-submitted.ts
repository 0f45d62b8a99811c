// The "chưa nộp / not submitted" list leadership downloads (issue 17): the expected units of a
// status board that have not submitted, as people's CSV (decision 0020: UTF-8 with a BOM, `;`
// separators, Vietnamese headers and words), so Excel and LibreOffice set to Vietnamese open it
// in columns. Text goes through the shared CSV writer, escaped against formula injection.
import { type CellValue, formatVietnamDate, formatVietnamTime, word } from "../../domain";
import { toCsv } from "../xlsx";
import { notSubmitted, type StatusBoardAnswer } from "./status";

const HEADER: CellValue[] = ["Mã đơn vị", "Đơn vị", "Kỳ", "Hạn nộp", "Tình trạng", "Phiên bản mới nhất", "Tính đến"];

/** The not-submitted units of a board, one row each, in the board's order. */
export function notSubmittedCsv(board: StatusBoardAnswer): string {
  const rows = notSubmitted(board).map((r): CellValue[] => [
    r.unit,
    r.name,
    board.round?.period ?? "",
    r.deadline ? formatVietnamDate(r.deadline) : "",
    r.timeliness ? word("timeliness", r.timeliness, "vi") : word("status", "missing", "vi"),
    r.version ?? "",
    formatVietnamTime(board.asOf),
  ]);
  return toCsv([HEADER, ...rows], { bom: true, separator: ";", decimalComma: true });
}
