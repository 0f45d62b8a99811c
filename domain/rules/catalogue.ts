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
  COLUMN_MISSING: { severity: "error", vi: "Không nhận ra cột \"{column}\" trong tiêu đề bảng {appendix}.", en: "Column \"{column}\" was not recognised in the header of {appendix}." },
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
  LEGACY_ENCODING: { severity: "warning", vi: "Văn bản \"{text}\" có vẻ được gõ bằng bảng mã cũ {encoding}; hãy chuyển sang Unicode.", en: "Text \"{text}\" looks like legacy {encoding} encoding; convert it to Unicode." },
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
} as const satisfies Record<string, Entry>;

export type IssueCode = keyof typeof CATALOGUE;
export type Language = "vi" | "en";

export function renderMessage(code: IssueCode, params: Record<string, string | number>, lang: Language = "vi"): string {
  return CATALOGUE[code][lang].replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ""));
}
