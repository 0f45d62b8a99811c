// Every issue code, its severity and its messages, in one place. Codes never change
// meaning; new ones are added at the end of their group. {placeholders} come from params.

export type Severity = "error" | "warning";

interface Entry {
  severity: Severity;
  vi: string;
  en: string;
}

export const CATALOGUE = {
  // Structure
  TEMPLATE_UNKNOWN: { severity: "error", vi: "Không có mẫu biểu \"{template}\".", en: "Unknown template \"{template}\"." },
  APPENDIX_UNKNOWN: { severity: "error", vi: "Mẫu biểu không có phụ lục \"{appendix}\".", en: "The template has no appendix \"{appendix}\"." },
  SHEET_MISSING: { severity: "error", vi: "Thiếu sheet {appendix} ({title}).", en: "Sheet {appendix} ({title}) is missing." },
  SHEET_UNKNOWN: { severity: "warning", vi: "Sheet \"{sheet}\" không thuộc mẫu biểu nên được bỏ qua.", en: "Sheet \"{sheet}\" is not part of the template and was ignored." },
  HEADER_NOT_FOUND: { severity: "error", vi: "Không tìm thấy dòng tiêu đề bảng (ô \"STT\") trong sheet {appendix}.", en: "No table header (a \"STT\" cell) found in sheet {appendix}." },
  COLUMN_MISSING: {
    severity: "error",
    vi: "Không nhận ra cột \"{column}\" trong tiêu đề bảng {appendix} (ô {cell}); hãy ghi tiêu đề cột ở ô này như mẫu biểu (năm, nguồn kinh phí, đơn vị tính).",
    en: "Column \"{column}\" was not recognised in the header of {appendix} (cell {cell}); write the column's header at this cell as the template prints it (year, source of funds, unit).",
  },
  ITEM_UNKNOWN: { severity: "error", vi: "Dòng \"{text}\" không phải là mục nào của {appendix}.", en: "Row \"{text}\" is not an item of {appendix}." },
  ITEM_MISSING: { severity: "error", vi: "Thiếu dòng mục {item} \"{label}\" trong {appendix}.", en: "Row for item {item} \"{label}\" is missing from {appendix}." },
  ITEM_DUPLICATE: { severity: "error", vi: "Mục {item} \"{label}\" xuất hiện hơn một lần (đã có ở ô {first}).", en: "Item {item} \"{label}\" appears more than once (first at {first})." },
  LABEL_MISMATCH: { severity: "warning", vi: "Nội dung mục {item} là \"{text}\", mẫu biểu ghi \"{label}\".", en: "Item {item} reads \"{text}\"; the template says \"{label}\"." },
  MEASURE_UNKNOWN: { severity: "error", vi: "Chỉ tiêu \"{measure}\" không có trong mẫu biểu.", en: "Unknown measure \"{measure}\"." },
  PERIOD_UNKNOWN: { severity: "error", vi: "Kỳ \"{period}\" không có trong mẫu biểu.", en: "Unknown period \"{period}\"." },
  UNIT_UNKNOWN: { severity: "error", vi: "Không có đơn vị mã \"{unit}\".", en: "Unknown unit \"{unit}\"." },
  MEASURE_NOT_APPLICABLE: { severity: "error", vi: "Mục {item} không có chỉ tiêu {measureLabel}; hãy để trống ô này.", en: "Item {item} has no {measureLabel}; leave this cell empty." },
  // Values
  NOT_A_NUMBER: { severity: "error", vi: "\"{value}\" không phải là số.", en: "\"{value}\" is not a number." },
  NEGATIVE: { severity: "error", vi: "Số liệu không được âm ({value}).", en: "Figures cannot be negative ({value})." },
  NOT_INTEGER: { severity: "error", vi: "Số lượng phải là số nguyên ({value}).", en: "Quantities must be whole numbers ({value})." },
  TOO_MANY_DECIMALS: { severity: "error", vi: "Kinh phí tính bằng {unit} chỉ được tối đa {decimals} chữ số thập phân ({value}).", en: "Amounts in {unit} allow at most {decimals} decimals ({value})." },
  AMBIGUOUS_NUMBER: { severity: "error", vi: "\"{value}\" có thể hiểu là {vi} hoặc {en}; hãy nhập số không có dấu phân cách hàng nghìn.", en: "\"{value}\" could mean {vi} or {en}; type it without thousands separators." },
  NUMBER_AS_TEXT: { severity: "warning", vi: "Số được nhập dưới dạng văn bản \"{value}\", đã đọc là {read}.", en: "Number typed as text \"{value}\", read as {read}." },
  TOO_LARGE: { severity: "error", vi: "Số liệu {value} lớn bất thường (tối đa {max}).", en: "Figure {value} is absurdly large (at most {max})." },
  LEGACY_ENCODING: {
    severity: "warning",
    vi: "Văn bản \"{text}\" có vẻ được gõ bằng bảng mã cũ {encoding} (phông .VnTime hay VNI-Times); hãy chuyển sang Unicode bằng Unikey (Công cụ chuyển mã, Ctrl+Shift+F6: Nguồn {encoding}, Đích Unicode) rồi dùng phông Times New Roman.",
    en: "Text \"{text}\" looks like legacy {encoding} encoding (the .VnTime or VNI-Times fonts); convert it to Unicode with Unikey's conversion tool (Công cụ chuyển mã, Ctrl+Shift+F6: Source {encoding}, Destination Unicode) and use the Times New Roman font.",
  },
  FORMULA_INPUT: {
    severity: "warning",
    vi: "Ô nhập số liệu chứa công thức {formula}; máy chủ dùng giá trị đã tính lưu trong tệp ({value}) và không tính lại công thức, nên Excel có thể hiện số khác. Hãy nhập số trực tiếp.",
    en: "This input cell holds the formula {formula}; the server uses the value saved with the file ({value}) and does not recalculate it, so Excel may show another figure. Type the figure itself.",
  },
  FORMULA_INPUT_NO_VALUE: {
    severity: "warning",
    vi: "Ô nhập số liệu chứa công thức {formula} nhưng tệp không lưu giá trị đã tính; máy chủ không tính lại công thức nên coi ô này là trống. Hãy mở và lưu lại tệp bằng Excel hoặc LibreOffice, hoặc nhập số trực tiếp.",
    en: "This input cell holds the formula {formula} but the file saved no calculated value; the server does not recalculate formulas, so it reads the cell as empty. Open and save the file in Excel or LibreOffice, or type the figure itself.",
  },
  FORMULA_EXTERNAL: {
    severity: "error",
    vi: "Ô số liệu chứa công thức {formula} lấy dữ liệu từ ngoài bảng tính ({what}: trang web, chương trình khác hoặc tệp khác); máy chủ không nhận. Hãy nhập số trực tiếp.",
    en: "This figure cell holds the formula {formula}, which takes data from outside the workbook ({what}: a web address, another program or another file); the server refuses it. Type the figure itself.",
  },
  FORMULA_VOLATILE: {
    severity: "error",
    vi: "Ô nhập số liệu chứa công thức {formula} dùng hàm {what}, cho kết quả khác nhau mỗi lần tính lại; máy chủ không nhận. Hãy nhập số trực tiếp.",
    en: "This input cell holds the formula {formula}, whose function {what} gives another result each time it recalculates; the server refuses it. Type the figure itself.",
  },
  // issue 13: file formats and cell formats
  FIGURE_SHOWN_AS_DATE: {
    severity: "error",
    vi: "Ô số liệu được định dạng ngày tháng nên ô hiển thị ngày {shown}, còn giá trị lưu trong tệp là {value}. Hãy chọn ô, định dạng lại là Số (Format Cells → Number) rồi nhập đúng số liệu.",
    en: "This figure cell is formatted as a date, so it shows the date {shown} while the file stores {value}. Select the cell, format it as Number (Format Cells → Number) and type the right figure.",
  },
  FIGURE_SHOWN_AS_TIME: {
    severity: "error",
    vi: "Ô số liệu được định dạng giờ nên ô hiển thị {shown}, còn giá trị lưu trong tệp là {value}. Hãy chọn ô, định dạng lại là Số (Format Cells → Number) rồi nhập đúng số liệu.",
    en: "This figure cell is formatted as a time, so it shows {shown} while the file stores {value}. Select the cell, format it as Number (Format Cells → Number) and type the right figure.",
  },
  FIGURE_SHOWN_AS_PERCENT: {
    severity: "error",
    vi: "Ô số liệu được định dạng phần trăm nên ô hiển thị {shown}, còn giá trị lưu trong tệp là {value}. Hãy chọn ô, định dạng lại là Số (Format Cells → Number) rồi nhập đúng số liệu.",
    en: "This figure cell is formatted as a percentage, so it shows {shown} while the file stores {value}. Select the cell, format it as Number (Format Cells → Number) and type the right figure.",
  },
  // Arithmetic
  PERIOD_TOTAL_MISMATCH: { severity: "error", vi: "Tổng giai đoạn {actual} khác tổng các năm {expected}.", en: "Phase total {actual} differs from the sum of the years {expected}." },
  GRAND_TOTAL_MISMATCH: { severity: "error", vi: "Dòng \"Tổng cộng\" ghi {actual}, tổng các mục là {expected}.", en: "The \"Tổng cộng\" row says {actual}; the items add up to {expected}." },
  // Consistency
  QUANTITY_WITHOUT_FUNDING: { severity: "warning", vi: "Mục {item} có số lượng {period} nhưng không có kinh phí.", en: "Item {item} has a quantity for {period} but no funding." },
  FUNDING_WITHOUT_QUANTITY: { severity: "warning", vi: "Mục {item} có kinh phí {period} nhưng không có số lượng.", en: "Item {item} has funding for {period} but no quantity." },
  UNIT_COST_OFF_PLAN: { severity: "warning", vi: "Đơn giá mục {item} năm {period} là {cost}, khác xa đơn giá kế hoạch {planCost} ({unit}/đơn vị).", en: "Unit cost of item {item} in {period} is {cost}, far from the plan's {planCost} ({unit} each)." },
  EXCEEDS_PROVINCE_PLAN: { severity: "warning", vi: "Số liệu {value} vượt kế hoạch của tỉnh ({plan}).", en: "Figure {value} exceeds the province plan ({plan})." },
  // Workflow (raised by the Worker, messages kept here with the rest)
  UNIT_FORBIDDEN: { severity: "error", vi: "Mã truy cập này không được nộp hoặc xem báo cáo của đơn vị {unit}.", en: "This token may not submit or read reports of unit {unit}." },
  STALE_BASE_VERSION: { severity: "error", vi: "Báo cáo đã có phiên bản {current} (bạn sửa từ phiên bản {base}); hãy tải bản mới nhất rồi nộp lại.", en: "The report is at version {current} (you edited version {base}); reload the latest and submit again." },
  PERIOD_LOCKED: { severity: "error", vi: "Năm {period} đã bị khóa; không thể thay đổi số liệu của năm này.", en: "Year {period} is locked; its figures cannot change." },
  // issue 13: layouts (tables as districts lay them out: headers read by meaning, legacy fonts, dashes, comma decimals)
  COLUMN_AMBIGUOUS: {
    severity: "error",
    vi: "Có hơn một cột mang nghĩa \"{column}\" (ô {cell} và ô {other}); hãy sửa tiêu đề để chỉ một cột mang nghĩa đó.",
    en: "More than one column means \"{column}\" (cells {cell} and {other}); correct the headers so that only one does.",
  },
  MONEY_UNIT_DIFFERS: {
    severity: "error",
    vi: "Ô {cell} ghi đơn vị tính \"{stated}\", nhưng mẫu biểu tính kinh phí bằng {unit}; hãy đổi các số liệu kinh phí sang {unit} và sửa lại đơn vị tính.",
    en: "Cell {cell} states the unit \"{stated}\", but the template counts money in {unit}; convert the amounts to {unit} and correct the unit.",
  },
  MONEY_UNIT_MISSING: {
    severity: "error",
    vi: "Tiêu đề cột kinh phí \"{column}\" (ô {cell}) không ghi đơn vị tính; hãy ghi \"({unit})\" vào tiêu đề hoặc thêm dòng \"ĐVT: {unit}\" phía trên bảng.",
    en: "The header of the money column \"{column}\" (cell {cell}) states no unit; write \"({unit})\" in the header or add a line \"ĐVT: {unit}\" above the table.",
  },
  LEGACY_HEADER: {
    severity: "warning",
    vi: "Tiêu đề bảng {appendix} được gõ bằng bảng mã cũ {encoding} ({count} ô, đầu tiên là ô {cell} \"{text}\", tức là \"{unicode}\"): với phông .VnTime hay VNI-Times chữ hiện đúng nhưng máy khác không đọc được. Máy chủ đã tự chuyển sang Unicode để đọc bảng; hãy chuyển cả bảng sang Unicode: chọn bảng, sao chép (Ctrl+C), mở Unikey > Công cụ chuyển mã (Ctrl+Shift+F6), chọn Nguồn: {source}, Đích: Unicode, bấm Chuyển mã, dán lại (Ctrl+V) rồi đổi phông chữ sang Times New Roman.",
    en: "The header of {appendix} is typed in the legacy {encoding} encoding ({count} cells, the first at {cell} \"{text}\", which reads \"{unicode}\"): in the .VnTime or VNI-Times font it looks right, but other computers cannot read it. The server converted it to Unicode to read the table; convert the table itself: select it, copy (Ctrl+C), open Unikey > Conversion tool (Công cụ chuyển mã, Ctrl+Shift+F6), Source: {source}, Destination: Unicode, click Convert, paste it back (Ctrl+V), then change the font to Times New Roman.",
  },
  DASH_AS_EMPTY: {
    severity: "warning",
    vi: "Sheet {appendix} có {count} ô số liệu chỉ ghi dấu gạch ngang (\"-\"), ô đầu tiên là {cell}; các ô này được đọc là để trống (không có số liệu). Nếu đúng là không có số liệu thì không cần sửa; nếu có, hãy gõ số vào các ô đó.",
    en: "Sheet {appendix} has {count} figure cells holding only a dash (\"-\"), the first at {cell}; they were read as empty (no figure). If there is indeed no figure, nothing needs changing; otherwise type the figures in those cells.",
  },
  NUMBER_COMMA_DECIMAL: {
    severity: "warning",
    vi: "Ô {cell} ghi \"{value}\" dưới dạng văn bản, được đọc là {read} ({readWords}) theo cách viết Việt Nam (dấu phẩy trước phần thập phân); nếu ý là {altWords}, hãy gõ {altTyped}.",
    en: "Cell {cell} holds \"{value}\" as text, read as {readEn} ({readWordsEn}) the Vietnamese way (a comma before the decimals); if you meant {altWordsEn}, type {altTyped}.",
  },
} as const satisfies Record<string, Entry>;

export type IssueCode = keyof typeof CATALOGUE;
export type Language = "vi" | "en";

export function renderMessage(code: IssueCode, params: Record<string, string | number>, lang: Language = "vi"): string {
  return CATALOGUE[code][lang].replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ""));
}
