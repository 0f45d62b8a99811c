// Every issue code, its severity and its messages, in one place. Codes never change
// meaning; new ones are added at the end of their group. {placeholders} come from params.

import { interpolate, type Language, type Params } from "../text/interpolate";

export type Severity = "error" | "warning";

interface Entry {
  severity: Severity;
  vi: string;
  en: string;
}

export const CATALOGUE = {
  // Structure
  APPENDIX_UNKNOWN: {
    severity: "error",
    vi: 'Mẫu biểu không có phụ lục "{appendix}".',
    en: 'The template has no appendix "{appendix}".',
  },
  SHEET_MISSING: {
    severity: "error",
    vi: "Thiếu sheet {appendix} ({title}).",
    en: "Sheet {appendix} ({title}) is missing.",
  },
  SHEET_UNKNOWN: {
    severity: "warning",
    vi: 'Sheet "{sheet}" không thuộc mẫu biểu nên được bỏ qua.',
    en: 'Sheet "{sheet}" is not part of the template and was ignored.',
  },
  HEADER_NOT_FOUND: {
    severity: "error",
    vi: 'Không tìm thấy dòng tiêu đề bảng (ô "STT") trong sheet {appendix}.',
    en: 'No table header (a "STT" cell) found in sheet {appendix}.',
  },
  COLUMN_MISSING: {
    severity: "error",
    vi: 'Không nhận ra cột "{column}" trong tiêu đề bảng {appendix} (ô {cell}); hãy ghi tiêu đề cột ở ô này như mẫu biểu (năm, nguồn kinh phí, đơn vị tính).',
    en: 'Column "{column}" was not recognised in the header of {appendix} (cell {cell}); write the column\'s header at this cell as the template prints it (year, source of funds, unit).',
  },
  ITEM_UNKNOWN: {
    severity: "error",
    vi: 'Dòng "{text}" không phải là mục nào của {appendix}.',
    en: 'Row "{text}" is not an item of {appendix}.',
  },
  ITEM_MISSING: {
    severity: "error",
    vi: 'Thiếu dòng mục {item} "{label}" trong {appendix}.',
    en: 'Row for item {item} "{label}" is missing from {appendix}.',
  },
  ITEM_DUPLICATE: {
    severity: "error",
    vi: 'Mục {item} "{label}" xuất hiện hơn một lần (đã có ở ô {first}).',
    en: 'Item {item} "{label}" appears more than once (first at {first}).',
  },
  LABEL_MISMATCH: {
    severity: "warning",
    vi: 'Nội dung mục {item} là "{text}", mẫu biểu ghi "{label}".',
    en: 'Item {item} reads "{text}"; the template says "{label}".',
  },
  MEASURE_UNKNOWN: {
    severity: "error",
    vi: 'Chỉ tiêu "{measure}" không có trong mẫu biểu.',
    en: 'Unknown measure "{measure}".',
  },
  PERIOD_UNKNOWN: {
    severity: "error",
    vi: 'Kỳ "{period}" không phải là một năm của mẫu biểu.',
    en: 'Period "{period}" is not one of the template\'s years.',
  },
  UNIT_UNKNOWN: { severity: "error", vi: 'Không có đơn vị mã "{unit}".', en: 'Unknown unit "{unit}".' },
  MEASURE_NOT_APPLICABLE: {
    severity: "error",
    vi: "Mục {item} không có chỉ tiêu {measureLabel}; hãy để trống ô này.",
    en: "Item {item} has no {measureLabel}; leave this cell empty.",
  },
  NOTE_NOT_APPLICABLE: {
    severity: "error",
    vi: "Phụ lục {appendix} không nhận ghi chú ở đây (mẫu biểu không có cột ghi chú cho phụ lục này, hoặc đây là dòng Tổng cộng); hãy bỏ ghi chú này.",
    en: "Appendix {appendix} takes no note here (the template prints no note column for it, or this is the total row); remove this note.",
  },
  // Values
  NOT_A_NUMBER: { severity: "error", vi: '"{value}" không phải là số.', en: '"{value}" is not a number.' },
  NEGATIVE: { severity: "error", vi: "Số liệu không được âm ({value}).", en: "Figures cannot be negative ({value})." },
  NOT_INTEGER: {
    severity: "error",
    vi: "Số lượng phải là số nguyên ({value}).",
    en: "Quantities must be whole numbers ({value}).",
  },
  TOO_MANY_DECIMALS: {
    severity: "error",
    vi: "Kinh phí tính bằng {unit} chỉ được tối đa {decimals} chữ số thập phân ({value}).",
    en: "Amounts in {unit} allow at most {decimals} decimals ({value}).",
  },
  AMBIGUOUS_NUMBER: {
    severity: "error",
    vi: '"{value}" có thể hiểu là {vi} hoặc {en}; hãy nhập số không có dấu phân cách hàng nghìn.',
    en: '"{value}" could mean {vi} or {en}; type it without thousands separators.',
  },
  NUMBER_AS_TEXT: {
    severity: "warning",
    vi: 'Số được nhập dưới dạng văn bản "{value}", đã đọc là {read}.',
    en: 'Number typed as text "{value}", read as {read}.',
  },
  TOO_LARGE: {
    severity: "error",
    vi: "Số liệu {value} lớn bất thường (tối đa {max}).",
    en: "Figure {value} is absurdly large (at most {max}).",
  },
  LEGACY_ENCODING: {
    severity: "warning",
    vi: 'Văn bản "{text}" có vẻ được gõ bằng bảng mã cũ {encoding} (phông .VnTime hay VNI-Times); hãy chuyển sang Unicode bằng Unikey (Công cụ chuyển mã, Ctrl+Shift+F6: Nguồn {encoding}, Đích Unicode) rồi dùng phông Times New Roman.',
    en: 'Text "{text}" looks like legacy {encoding} encoding (the .VnTime or VNI-Times fonts); convert it to Unicode with Unikey\'s conversion tool (Công cụ chuyển mã, Ctrl+Shift+F6: Source {encoding}, Destination Unicode) and use the Times New Roman font.',
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
  NOTE_TOO_LONG: {
    severity: "error",
    vi: "Ghi chú ở ô {cell} dài {length} ký tự, quá {max} ký tự cho phép; hãy rút gọn ghi chú.",
    en: "The note in cell {cell} is {length} characters long, more than the {max} allowed; shorten it.",
  },
  NOTE_NOT_TEXT: {
    severity: "error",
    vi: "Ghi chú phải là văn bản (chuỗi ký tự), không phải {value}.",
    en: "A note must be text (a string), not {value}.",
  },
  // Arithmetic
  PERIOD_TOTAL_MISMATCH: {
    severity: "error",
    vi: "Tổng giai đoạn {actual} khác tổng các năm {expected}.",
    en: "Phase total {actual} differs from the sum of the years {expected}.",
  },
  GRAND_TOTAL_MISMATCH: {
    severity: "error",
    vi: 'Dòng "Tổng cộng" ghi {actual}, tổng các mục là {expected}.',
    en: 'The "Tổng cộng" row says {actual}; the items add up to {expected}.',
  },
  GROUP_TOTAL_MISMATCH: {
    severity: "error",
    vi: "Dòng nhóm {group} ghi {actual}, các mục con cộng lại là {expected}.",
    en: "Group row {group} says {actual}; its items add up to {expected}.",
  },
  MEASURE_SUM_MISMATCH: {
    severity: "error",
    vi: "Ô tổng ghi {actual}, {parts} cộng lại là {expected}.",
    en: "This sum cell says {actual}; {parts} add up to {expected}.",
  },
  // Consistency
  QUANTITY_WITHOUT_FUNDING: {
    severity: "warning",
    vi: "Mục {item} có số lượng {period} nhưng không có kinh phí.",
    en: "Item {item} has a quantity for {period} but no funding.",
  },
  FUNDING_WITHOUT_QUANTITY: {
    severity: "warning",
    vi: "Mục {item} có kinh phí {period} nhưng không có số lượng.",
    en: "Item {item} has funding for {period} but no quantity.",
  },
  UNIT_COST_OFF_PLAN: {
    severity: "warning",
    vi: "Đơn giá mục {item} năm {period} là {cost}, khác xa đơn giá kế hoạch {planCost} ({unit}/đơn vị).",
    en: "Unit cost of item {item} in {period} is {cost}, far from the plan's {planCost} ({unit} each).",
  },
  EXCEEDS_PROVINCE_PLAN: {
    severity: "warning",
    vi: "Số liệu {value} vượt kế hoạch của tỉnh ({plan}).",
    en: "Figure {value} exceeds the province plan ({plan}).",
  },
  // Workflow (raised by the Worker, messages kept here with the rest)
  // Never names the unit: another district's unit code or name is that district's data.
  UNIT_FORBIDDEN: {
    severity: "error",
    vi: "Mã truy cập này không được nộp hoặc xem báo cáo của đơn vị khác.",
    en: "This token may not submit or read another unit's reports.",
  },
  STALE_BASE_VERSION: {
    severity: "error",
    vi: "Báo cáo đã có phiên bản {current} (bạn sửa từ phiên bản {base}); hãy tải bản mới nhất rồi nộp lại.",
    en: "The report is at version {current} (you edited version {base}); reload the latest and submit again.",
  },
  PERIOD_LOCKED: {
    severity: "error",
    vi: "Năm {period} đã bị khóa; không thể thay đổi số liệu của năm này.",
    en: "Year {period} is locked; its figures cannot change.",
  },
  // issue 13: layouts (tables as districts lay them out: headers read by meaning, legacy fonts, dashes, comma decimals)
  COLUMN_AMBIGUOUS: {
    severity: "error",
    vi: 'Có hơn một cột mang nghĩa "{column}" (ô {cell} và ô {other}); hãy sửa tiêu đề để chỉ một cột mang nghĩa đó.',
    en: 'More than one column means "{column}" (cells {cell} and {other}); correct the headers so that only one does.',
  },
  MONEY_UNIT_DIFFERS: {
    severity: "error",
    vi: 'Ô {cell} ghi đơn vị tính "{stated}", nhưng mẫu biểu tính kinh phí bằng {unit}; hãy đổi các số liệu kinh phí sang {unit} và sửa lại đơn vị tính.',
    en: 'Cell {cell} states the unit "{stated}", but the template counts money in {unit}; convert the amounts to {unit} and correct the unit.',
  },
  MONEY_UNIT_MISSING: {
    severity: "error",
    vi: 'Tiêu đề cột kinh phí "{column}" (ô {cell}) không ghi đơn vị tính; hãy ghi "({unit})" vào tiêu đề hoặc thêm dòng "ĐVT: {unit}" phía trên bảng.',
    en: 'The header of the money column "{column}" (cell {cell}) states no unit; write "({unit})" in the header or add a line "ĐVT: {unit}" above the table.',
  },
  LEGACY_HEADER: {
    severity: "warning",
    vi: 'Tiêu đề bảng {appendix} được gõ bằng bảng mã cũ {encoding} ({count} ô, đầu tiên là ô {cell} "{text}", tức là "{unicode}"): với phông .VnTime hay VNI-Times chữ hiện đúng nhưng máy khác không đọc được. Máy chủ đã tự chuyển sang Unicode để đọc bảng; hãy chuyển cả bảng sang Unicode: chọn bảng, sao chép (Ctrl+C), mở Unikey > Công cụ chuyển mã (Ctrl+Shift+F6), chọn Nguồn: {source}, Đích: Unicode, bấm Chuyển mã, dán lại (Ctrl+V) rồi đổi phông chữ sang Times New Roman.',
    en: 'The header of {appendix} is typed in the legacy {encoding} encoding ({count} cells, the first at {cell} "{text}", which reads "{unicode}"): in the .VnTime or VNI-Times font it looks right, but other computers cannot read it. The server converted it to Unicode to read the table; convert the table itself: select it, copy (Ctrl+C), open Unikey > Conversion tool (Công cụ chuyển mã, Ctrl+Shift+F6), Source: {source}, Destination: Unicode, click Convert, paste it back (Ctrl+V), then change the font to Times New Roman.',
  },
  DASH_AS_EMPTY: {
    severity: "warning",
    vi: 'Sheet {appendix} có {count} ô số liệu chỉ ghi dấu gạch ngang ("-"), ô đầu tiên là {cell}; các ô này được đọc là để trống (không có số liệu). Nếu đúng là không có số liệu thì không cần sửa; nếu có, hãy gõ số vào các ô đó.',
    en: 'Sheet {appendix} has {count} figure cells holding only a dash ("-"), the first at {cell}; they were read as empty (no figure). If there is indeed no figure, nothing needs changing; otherwise type the figures in those cells.',
  },
  NUMBER_COMMA_DECIMAL: {
    severity: "warning",
    vi: 'Ô {cell} ghi "{value}" dưới dạng văn bản, được đọc là {read} ({readWords}) theo cách viết Việt Nam (dấu phẩy trước phần thập phân); nếu ý là {altWords}, hãy gõ {altTyped}.',
    en: 'Cell {cell} holds "{value}" as text, read as {readEn} ({readWordsEn}) the Vietnamese way (a comma before the decimals); if you meant {altWordsEn}, type {altTyped}.',
  },
  // Requests and workflow: the Worker's error answers `{ errors: [{ code, message, params }] }`
  // (issue 14). A client renders them in its language from the code and params.
  BAD_REQUEST: { severity: "error", vi: "Yêu cầu không hợp lệ", en: "The request is not valid" },
  UNAUTHORIZED: {
    severity: "error",
    vi: "Thiếu mã truy cập, hoặc mã không hợp lệ hay đã bị thu hồi (Authorization: Bearer <mã>).",
    en: "The access token is missing, invalid or revoked (Authorization: Bearer <token>).",
  },
  FORBIDDEN: {
    severity: "error",
    vi: "Vai trò của mã truy cập này không được dùng chức năng này; chức năng này dành cho: {roles}.",
    en: "This token's role may not use this function; it is for: {roles}.",
  },
  NOT_FOUND: { severity: "error", vi: "Không tìm thấy", en: "Not found" },
  METHOD_NOT_ALLOWED: { severity: "error", vi: "Phương thức không được hỗ trợ", en: "Method not allowed" },
  PAYLOAD_TOO_LARGE: {
    severity: "error",
    vi: "Dữ liệu gửi lên vượt quá {limit}.",
    en: "The request is larger than {limit}.",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    severity: "error",
    vi: "Hãy gửi JSON (application/json) hoặc tệp bảng tính .xlsx hoặc .ods.",
    en: "Send JSON (application/json) or an .xlsx or .ods spreadsheet file.",
  },
  INTERNAL: { severity: "error", vi: "Lỗi máy chủ, vui lòng thử lại sau", en: "Server error, please try again later" },
  INVALID_REQUEST: { severity: "error", vi: "Yêu cầu không hợp lệ: {fields}", en: "Invalid request: {fields}" },
  INVALID_JSON: {
    severity: "error",
    vi: "Nội dung gửi lên không phải JSON hợp lệ.",
    en: "The body is not valid JSON.",
  },
  INVALID_FORM: {
    severity: "error",
    vi: "Biểu mẫu gửi lên không đọc được.",
    en: "The submitted form could not be read.",
  },
  FILE_MISSING: {
    severity: "error",
    vi: 'Thiếu tệp bảng tính (.xlsx hoặc .ods) trong trường "file".',
    en: 'The spreadsheet file (.xlsx or .ods) is missing from the "file" field.',
  },
  INVALID_FILE_NAME: {
    severity: "error",
    vi: "Tên tệp (X-File-Name) phải là chuỗi UTF-8 mã hóa phần trăm hợp lệ, không có ký tự điều khiển.",
    en: "The file name (X-File-Name) must be valid percent-encoded UTF-8 without control characters.",
  },
  INVALID_IDEMPOTENCY_KEY: {
    severity: "error",
    vi: "Idempotency-Key phải là 1–128 ký tự in được.",
    en: "Idempotency-Key must be 1–128 printable characters.",
  },
  INVALID_AS_OF: {
    severity: "error",
    vi: 'Thời điểm asOf "{asOf}" không phải ngày (YYYY-MM-DD) hoặc thời điểm ISO 8601 có múi giờ.',
    en: 'asOf "{asOf}" is neither a date (YYYY-MM-DD) nor an ISO 8601 instant with an offset.',
  },
  AS_OF_OUT_OF_RANGE: {
    severity: "error",
    vi: 'Thời điểm asOf "{asOf}" phải nằm trong các năm 2000–9999 (giờ UTC).',
    en: 'asOf "{asOf}" must lie in the years 2000–9999 (UTC).',
  },
  TOO_MANY_ATTEMPTS: {
    severity: "error",
    vi: "Quá nhiều lần đăng nhập sai từ địa chỉ này; hãy đợi một phút rồi thử lại.",
    en: "Too many failed sign-ins from this address; wait a minute and try again.",
  },
  RATE_LIMITED: {
    severity: "error",
    vi: "Mã truy cập này đã nộp quá nhiều lần trong một phút; hãy đợi một phút rồi nộp lại.",
    en: "This token has submitted too often in the last minute; wait a minute and submit again.",
  },
  TEMPLATE_NOT_FOUND: {
    severity: "error",
    vi: 'Không tìm thấy mẫu biểu "{template}".',
    en: 'Template "{template}" was not found.',
  },
  KIND_UNKNOWN: {
    severity: "error",
    vi: 'Mẫu biểu "{template}" không có loại báo cáo "{kind}"; các loại báo cáo của mẫu: {kinds}.',
    en: 'Template "{template}" has no report kind "{kind}"; its kinds are: {kinds}.',
  },
  SUBMISSION_NOT_FOUND: {
    severity: "error",
    vi: "Không tìm thấy phiên bản báo cáo này.",
    en: "This report version was not found.",
  },
  FILE_NOT_FOUND: {
    severity: "error",
    vi: "Phiên bản này không được nộp bằng tệp, nên không có tệp gốc.",
    en: "This version was not submitted as a file, so there is no original file.",
  },
  PUBLISHED_NOT_FOUND: {
    severity: "error",
    vi: "Không tìm thấy bản tổng hợp đã công bố này.",
    en: "This published consolidation was not found.",
  },
  COMMENT_REQUIRED: {
    severity: "error",
    vi: "Trả lại báo cáo cần ghi ý kiến để đơn vị biết phải sửa gì.",
    en: "Returning a report needs a comment, so the unit knows what to correct.",
  },
  IDEMPOTENCY_KEY_REUSED: {
    severity: "error",
    vi: "Lần nộp này mang mã chống gửi trùng (Idempotency-Key) của một lần nộp trước có nội dung khác (phiên bản {version}), nên nội dung mới chưa được lưu. Nếu nộp từ trang web, hãy tải lại trang rồi nộp lại; nếu nộp qua API, hãy dùng một khóa mới cho nội dung mới, hoặc gửi lại đúng nội dung đã nộp.",
    en: "This submission carries the Idempotency-Key of an earlier one with other content (version {version}), so the new content was not stored. From the web page, reload it and submit again; through the API, use a new key for new content, or send exactly what was submitted.",
  },
  UNIT_QUOTA_EXCEEDED: {
    severity: "error",
    vi: "Đơn vị {unit} đã hết hạn mức lưu trữ theo mẫu này ({snapshots}/{snapshotLimit} phiên bản báo cáo, {files}/{fileLimit} tệp tải lên); không lưu thêm được. Khi chỉ hết hạn mức tệp, vẫn nộp được bằng phần bổ trợ Excel; hãy liên hệ quản trị viên.",
    en: "Unit {unit} has used up its storage under this template ({snapshots}/{snapshotLimit} report versions, {files}/{fileLimit} uploaded files); nothing more can be stored. When only the file quota is used up, the Excel add-in still submits; contact the administrator.",
  },
  TOKEN_UNIT: {
    severity: "error",
    vi: "Mã của người nộp phải gắn với đúng một đơn vị; các vai trò khác không gắn đơn vị.",
    en: "A submitter's token is bound to exactly one unit; the other roles are bound to none.",
  },
  TOKEN_NOT_FOUND: {
    severity: "error",
    vi: "Không có mã truy cập này, hoặc mã đã bị thu hồi.",
    en: "No such token, or it was already revoked.",
  },
  UNIT_PARENT_UNKNOWN: {
    severity: "error",
    vi: 'Đơn vị cấp trên "{parent}" không có trong danh mục; hãy thêm đơn vị đó trước.',
    en: 'The parent unit "{parent}" is not in the list; add it first.',
  },
  UNIT_PARENT_CYCLE: {
    severity: "error",
    vi: 'Không thể đặt "{parent}" làm cấp trên của "{unit}": "{unit}" sẽ nằm dưới chính nó.',
    en: '"{parent}" cannot be the parent of "{unit}": "{unit}" would sit below itself.',
  },
  TEMPLATE_INVALID: {
    severity: "error",
    vi: "Mẫu biểu không hợp lệ: {problems}",
    en: "The template is not valid: {problems}",
  },
  TEMPLATE_VERSION_EXISTS: {
    severity: "error",
    vi: 'Mẫu biểu "{template}" đã có phiên bản {current}; hãy tăng "version".',
    en: 'Template "{template}" already has version {current}; raise "version".',
  },
  // issue 17: units over time (transitions, late reports, the units CSV)
  UNIT_NOT_IN_FORCE: {
    severity: "error",
    vi: "Đơn vị {unit} không có hiệu lực vào ngày {date} (hiệu lực: {life}); hãy chọn một ngày đơn vị còn hiệu lực.",
    en: "Unit {unit} is not in force on {date} (in force: {life}); choose a day the unit is in force.",
  },
  UNIT_CHANGE_OUT_OF_ORDER: {
    severity: "error",
    vi: "Đơn vị {unit} đã có thay đổi từ ngày {last}; thay đổi mới phải có ngày hiệu lực sau ngày đó (đã gửi ngày {date}).",
    en: "Unit {unit} already changed on {last}; a new change must take effect after that day (sent: {date}).",
  },
  UNIT_EXISTS: {
    severity: "error",
    vi: 'Đã có đơn vị mã "{unit}": đơn vị mới phải có mã khác; để dùng đơn vị đã có, chỉ ghi mã (không ghi tên, cấp).',
    en: 'Unit "{unit}" already exists: a new unit needs another code; to use the existing one, give its code only (no name or level).',
  },
  UNIT_SUCCESSION_INVALID: {
    severity: "error",
    vi: "Đơn vị {unit} được ghi hai lần (vừa là đơn vị cũ vừa là đơn vị kế thừa, hoặc lặp lại); mỗi đơn vị chỉ ghi một lần.",
    en: "Unit {unit} is named twice (as a predecessor and a successor, or repeated); name each unit once.",
  },
  UNIT_CLOSED: {
    severity: "error",
    vi: "{name} (mã {unit}) chỉ còn hiệu lực đến hết ngày {validTo}, nên không nộp báo cáo được sau ngày đó. Nếu đây là báo cáo chốt của đơn vị đã giải thể, hãy đề nghị quản trị viên cho phép nộp muộn (theo mẫu biểu {template}, loại báo cáo {kind}).",
    en: "{name} (code {unit}) was in force until {validTo} only, so it cannot report after that day. If this is a closing report of the dissolved unit, ask an administrator to allow a late report (template {template}, kind {kind}).",
  },
  UNIT_NOT_YET_IN_FORCE: {
    severity: "error",
    vi: "{name} (mã {unit}) có hiệu lực từ ngày {validFrom}, nên chưa nộp báo cáo được trước ngày đó. Nếu cần nộp sớm, hãy đề nghị quản trị viên cho phép (theo mẫu biểu {template}, loại báo cáo {kind}).",
    en: "{name} (code {unit}) is in force from {validFrom}, so it cannot report before that day. To report earlier, ask an administrator to allow it (template {template}, kind {kind}).",
  },
  UNITS_CSV_MALFORMED: {
    severity: "error",
    vi: "Tệp danh mục đơn vị có lỗi ở dòng {line}, cột {column}: {problem}. Chưa có thay đổi nào được lưu; hãy sửa tệp rồi nhập lại.",
    en: "The units file has an error at line {line}, column {column}: {problemEn}. Nothing was changed; correct the file and import it again.",
  },
  // issue 17: tokens that expire, sessions of the pages, reporting rounds
  TOKEN_EXPIRED: {
    severity: "error",
    vi: "Mã truy cập đã hết hạn; hãy xin quản trị viên cấp mã mới.",
    en: "The access token has expired; ask the administrator for a new one.",
  },
  SESSION_EXPIRED: {
    severity: "error",
    vi: "Phiên đăng nhập đã hết hạn (sau {hours} giờ); hãy đăng nhập lại.",
    en: "The sign-in session has expired (after {hours} hours); sign in again.",
  },
  TOKEN_EXPIRY_PAST: {
    severity: "error",
    vi: 'Hạn dùng "{expiresAt}" đã qua; hãy chọn một thời điểm trong tương lai.',
    en: 'The expiry "{expiresAt}" has passed; choose a moment in the future.',
  },
  ROUND_PERIOD_UNKNOWN: {
    severity: "error",
    vi: 'Mẫu biểu "{template}" không có kỳ "{period}"; các kỳ của mẫu: {periods}.',
    en: 'Template "{template}" has no period "{period}"; its periods: {periods}.',
  },
  ROUND_OPENS_AFTER_DEADLINE: {
    severity: "error",
    vi: "Ngày mở kỳ báo cáo ({opens}) phải trước hoặc bằng hạn nộp ({deadline}).",
    en: "The round's opening day ({opens}) must be on or before its deadline ({deadline}).",
  },
  // issue 15: notices that accompany an answer
  SUBMISSION_IDENTICAL: {
    severity: "warning",
    vi: "Số liệu giống phiên bản {version} đã nộp nên không lưu thêm phiên bản mới. Nếu vẫn cần một phiên bản mới, hãy chọn nộp thành phiên bản mới.",
    en: "The figures are the same as version {version}, already submitted, so no new version was stored. If you still need a new version, choose to submit it as a new version.",
  },
} as const satisfies Record<string, Entry>;

export type IssueCode = keyof typeof CATALOGUE;

/** The `{name}` placeholders of a text, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/**
 * The params a code's texts name, checked at compile time: `catalogueError(423, "PERIOD_LOCKED",
 * { period })` compiles, a missing or misspelt name does not.
 */
export type CatalogueParams<C extends IssueCode> = {
  [Name in Placeholders<(typeof CATALOGUE)[C]["vi"]> | Placeholders<(typeof CATALOGUE)[C]["en"]>]: string | number;
};

export function isIssueCode(code: unknown): code is IssueCode {
  return typeof code === "string" && Object.prototype.hasOwnProperty.call(CATALOGUE, code);
}

export function renderMessage(code: IssueCode, params: Params, lang: Language = "vi"): string {
  return interpolate(CATALOGUE[code][lang], params);
}
