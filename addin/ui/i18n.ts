// The pane's own words, Vietnamese first. Not here: issue messages (the domain catalogue, through
// issueText: the same text the Worker sends), the words for roles, review statuses and bases (the
// domain VOCABULARY, shared with the pages), and report kinds, periods and money units (the
// template's own labels). The {placeholder} filler is the domain's interpolate.
import { interpolate, type Language, type Params } from "../../domain";

const vi = {
  title: "Ngân sách KH 157",
  switchLang: "English",
  notInExcel: "Hãy mở khung này trong Excel (Trang đầu → Ngân sách KH 157) để tạo và kiểm tra các sheet.",
  officeMissing:
    'Không tải được thư viện Office.js nên khung này chưa làm việc được với Excel. Hãy kiểm tra kết nối mạng (mạng cơ quan có thể chặn máy chủ của Microsoft) rồi mở lại khung; nếu vẫn không được, nhờ quản trị bật chế độ dùng bản Office.js đi kèm máy chủ (README, "Office.js").',
  unsupported:
    "Phiên bản Excel này quá cũ: cần Excel 2016 trở lên (Excel 2016, 2019, 2021, 2024, Microsoft 365, Excel cho Mac hoặc Excel trên web).",
  cellEditing: "Excel đang ở chế độ nhập ô: hãy nhấn Enter (hoặc Esc) để kết thúc ô đang gõ rồi bấm lại.",
  // Kết nối
  connectTitle: "Kết nối",
  serverLabel: "Địa chỉ máy chủ",
  tokenLabel: "Mã truy cập",
  kindLabel: "Loại báo cáo",
  connect: "Kết nối",
  connecting: "Đang kết nối…",
  connected: "Đã kết nối: {role}{unit}.",
  notConnected: "Chưa kết nối.",
  needConnect: "Hãy kết nối với máy chủ trước.",
  savedLocally: "Địa chỉ và mã truy cập được nhớ cho lần sau trên máy này.",
  serverEmpty: "Hãy nhập địa chỉ máy chủ, bắt đầu bằng https:// (ví dụ https://may-chu-cua-ban.example).",
  serverInvalid:
    "Địa chỉ máy chủ không đúng dạng. Hãy gõ đầy đủ, bắt đầu bằng https:// (ví dụ https://may-chu-cua-ban.example), không chứa tên đăng nhập, dấu ? hay dấu #.",
  serverNotHttps:
    "Địa chỉ máy chủ phải bắt đầu bằng https:// (ví dụ https://may-chu-cua-ban.example) để mã truy cập được mã hóa trên đường truyền. Riêng khi chạy thử máy chủ ngay trên máy này thì được dùng http://localhost.",
  forgetToken: "Quên mã truy cập",
  template_server: "Mẫu biểu {number}, phiên bản {version}, lấy từ máy chủ.",
  template_saved: "Mẫu biểu {number}, phiên bản {version}, lấy từ máy chủ ở lần kết nối trước (chưa kết nối lại).",
  template_builtIn:
    "Mẫu biểu {number}, phiên bản {version}, có sẵn trong add-in (chưa kết nối; khi kết nối, add-in dùng mẫu biểu của máy chủ).",
  template_offline:
    "Không tải được mẫu biểu của máy chủ ({detail}); tạm dùng mẫu biểu {which}, phiên bản {version}. Khi mạng ổn định, hãy bấm Kết nối lại trước khi nộp.",
  template_invalid:
    "Mẫu biểu máy chủ gửi về không dùng được trong add-in này ({detail}); tạm dùng mẫu biểu có sẵn trong add-in, phiên bản {version}. Kết quả kiểm tra trên máy này có thể khác máy chủ: hãy báo quản trị hệ thống.",
  template_which_builtIn: "có sẵn trong add-in",
  template_which_saved: "lấy từ máy chủ ở lần kết nối trước",
  tokenForgotten: "Đã xóa mã truy cập khỏi máy này và ngắt kết nối. Địa chỉ máy chủ vẫn được giữ.",
  // Tạo mẫu
  buildTitle: "Tạo mẫu",
  buildHint: "Tạo các sheet {sheets} đúng như phụ lục của kế hoạch.",
  build: "Tạo các sheet",
  building: "Đang tạo các sheet…",
  built: "Đã tạo các sheet {sheets}.",
  renamed: " Sheet cũ được giữ lại với tên mới: {names}.",
  // Kiểm tra
  checkTitle: "Kiểm tra",
  check: "Kiểm tra số liệu",
  checking: "Đang đọc và kiểm tra các sheet…",
  checkClean: "Không có lỗi.",
  checkSummary: "{errors} lỗi, {warnings} cảnh báo. Bấm vào một dòng để đến ô đó.",
  warningsOnly: "Không có lỗi; {warnings} cảnh báo.",
  severity_error: "Lỗi",
  severity_warning: "Cảnh báo",
  noCell: "(không gắn với ô nào)",
  marksFailed: "(Không tô được các ô: {message}. Danh sách trên vẫn đúng.)",
  // Nộp
  submitTitle: "Nộp",
  submit: "Nộp báo cáo",
  step1: "Bước 1/3: đang đọc và kiểm tra các sheet…",
  step2: "Bước 2/3: đang gửi lên máy chủ…",
  step3: "Bước 3/3: đang ghi nhận phiên bản vào sổ…",
  fixFirst: "Còn {errors} lỗi. Hãy sửa các ô được tô đỏ rồi nộp lại; chưa có gì được gửi đi.",
  receipt: "Đã nộp phiên bản {version} lúc {time}. Mã kiểm tra: {sha}…",
  checkCode: "mã kiểm tra {code}…",
  replayed: " (máy chủ đã nhận nội dung này từ trước và trả lại biên nhận cũ)",
  receiptWarnings: " Có {warnings} cảnh báo.",
  serverRejected: "Máy chủ từ chối: {errors} lỗi (đã tô trên các ô). Sửa rồi nộp lại.",
  stale:
    "Trong lúc bạn sửa, đơn vị đã có phiên bản {current} (bạn sửa từ phiên bản {base}). Chưa có gì được gửi và số liệu trên sheet vẫn giữ nguyên. Xem mục Lịch sử để đối chiếu, hoặc nộp đè nếu chắc chắn số của bạn là đúng.",
  overwrite: "Nộp đè lên phiên bản {current}",
  newVersion: "Nộp thành phiên bản mới",
  locked: "{message} Chưa có gì được gửi và số liệu trên sheet vẫn giữ nguyên; hãy liên hệ người duyệt để mở khóa.",
  network:
    "Không kết nối được máy chủ ({detail}). Số liệu trên sheet vẫn giữ nguyên. Kiểm tra mạng rồi bấm Nộp lại: nộp lại cùng nội dung sẽ không tạo bản trùng.",
  unauthorized: "Mã truy cập không hợp lệ hoặc đã bị thu hồi; hãy kết nối lại.",
  serverError: "Máy chủ báo lỗi: {message}",
  needSubmitter: "Chỉ mã truy cập của người nộp (gắn với một đơn vị) mới nộp được báo cáo.",
  // Tổng hợp
  totalsTitle: "Lấy số tổng hợp",
  basisLabel: "Cơ sở",
  asOfLabel: "Tính đến hết ngày (ngày/tháng/năm; để trống: hiện tại)",
  asOfInvalid: '"{text}" không phải ngày dạng ngày/tháng/năm (ví dụ 30/11/2026); hãy sửa ô Tính đến.',
  pullTotals: "Lấy số vào sheet mới",
  pulling: "Đang lấy số tổng hợp…",
  pulled: 'Đã ghi số tổng hợp của {units} đơn vị vào sheet "{sheet}".',
  needLeader: "Cần mã truy cập của lãnh đạo hoặc người duyệt để xem số tổng hợp.",
  // Lịch sử
  historyTitle: "Lịch sử",
  loadHistory: "Tải danh sách phiên bản",
  loadingHistory: "Đang tải lịch sử…",
  noHistory: "Chưa có phiên bản nào.",
  version: "Phiên bản {version}",
  comment: "Ý kiến: {comment}",
  openInSheet: "Mở vào sheet",
  opening: "Đang mở phiên bản {version}…",
  opened: "Đã mở phiên bản {version} vào các sheet {sheets}; lần nộp tới sẽ tính từ phiên bản này.",
  subtitle: "Đơn vị: {unit} — phiên bản {version}",
  excelFailed: "Excel báo lỗi: {message}",
  moreErrors: "… và {n} lỗi khác",
  moreWarnings: "… và {n} cảnh báo khác",
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  title: "KH 157 budget",
  switchLang: "Tiếng Việt",
  notInExcel: "Open this pane in Excel (Home → KH 157 budget) to build and check the sheets.",
  officeMissing:
    'Office.js could not be loaded, so this pane cannot work with Excel yet. Check the network (an office network may block Microsoft\'s servers) and reopen the pane; if it still fails, ask the administrator to serve the packaged Office.js (README, "Office.js").',
  unsupported:
    "This Excel is too old: Excel 2016 or later is needed (2016, 2019, 2021, 2024, Microsoft 365, Excel for Mac or Excel on the web).",
  cellEditing:
    "Excel is in cell-edit mode: press Enter (or Esc) to finish the cell you are typing in, then click again.",
  connectTitle: "Connection",
  serverLabel: "Server address",
  tokenLabel: "Access token",
  kindLabel: "Report kind",
  connect: "Connect",
  connecting: "Connecting…",
  connected: "Connected: {role}{unit}.",
  notConnected: "Not connected.",
  needConnect: "Connect to the server first.",
  savedLocally: "The address and token are remembered on this computer.",
  serverEmpty: "Type the server address, starting with https:// (for example https://may-chu-cua-ban.example).",
  serverInvalid:
    "The server address is not a valid address. Type it in full, starting with https:// (for example https://may-chu-cua-ban.example), without a user name, ? or #.",
  serverNotHttps:
    "The server address must start with https:// (for example https://may-chu-cua-ban.example) so the access token is encrypted on the way. Only when trying the server on this computer may you use http://localhost.",
  forgetToken: "Forget the token",
  template_server: "Template {number}, version {version}, from the server.",
  template_saved: "Template {number}, version {version}, from the server at the last connection (not connected yet).",
  template_builtIn:
    "Template {number}, version {version}, built into the add-in (not connected; once connected, the add-in uses the server's template).",
  template_offline:
    "The server's template could not be loaded ({detail}); using the template {which}, version {version}, for now. When the network is back, click Connect again before submitting.",
  template_invalid:
    "The template the server sent cannot be used by this add-in ({detail}); using the one built into the add-in, version {version}, for now. Checks here may differ from the server's: tell the system administrator.",
  template_which_builtIn: "built into the add-in",
  template_which_saved: "saved from the server at the last connection",
  tokenForgotten:
    "The access token was removed from this computer and the pane is disconnected. The server address is kept.",
  buildTitle: "Build the template",
  buildHint: "Creates sheets {sheets} exactly as the plan prints them.",
  build: "Create the sheets",
  building: "Creating the sheets…",
  built: "Sheets {sheets} created.",
  renamed: " Earlier sheets were kept under new names: {names}.",
  checkTitle: "Check",
  check: "Check the figures",
  checking: "Reading and checking the sheets…",
  checkClean: "No errors.",
  checkSummary: "{errors} errors, {warnings} warnings. Click a line to go to its cell.",
  warningsOnly: "No errors; {warnings} warnings.",
  severity_error: "Error",
  severity_warning: "Warning",
  noCell: "(not tied to a cell)",
  marksFailed: "(The cells could not be marked: {message}. The list above is still right.)",
  submitTitle: "Submit",
  submit: "Submit the report",
  step1: "Step 1/3: reading and checking the sheets…",
  step2: "Step 2/3: sending to the server…",
  step3: "Step 3/3: recording the version in the workbook…",
  fixFirst: "{errors} errors remain. Fix the cells marked red and submit again; nothing was sent.",
  receipt: "Version {version} submitted at {time}. Check code: {sha}…",
  checkCode: "check code {code}…",
  replayed: " (the server already had this content and returned the first receipt)",
  receiptWarnings: " {warnings} warnings.",
  serverRejected: "The server refused it: {errors} errors (marked on the cells). Fix them and submit again.",
  stale:
    "While you were editing, the unit's report reached version {current} (you edited version {base}). Nothing was sent and the sheet is unchanged. Compare in History, or overwrite if you are sure your figures are right.",
  overwrite: "Overwrite version {current}",
  newVersion: "Submit as a new version",
  locked: "{message} Nothing was sent and the sheet is unchanged; ask a reviewer to unlock the year.",
  network:
    "Could not reach the server ({detail}). The sheet is unchanged. Check the network and submit again: resubmitting the same content never creates a duplicate.",
  unauthorized: "The access token is invalid or revoked; connect again.",
  serverError: "The server reported: {message}",
  needSubmitter: "Only a submitter token (bound to one unit) can submit reports.",
  totalsTitle: "Consolidated totals",
  basisLabel: "Basis",
  asOfLabel: "As of the end of (day/month/year; empty: now)",
  asOfInvalid: '"{text}" is not a date as day/month/year (e.g. 30/11/2026); correct the As of field.',
  pullTotals: "Write totals to a new sheet",
  pulling: "Fetching consolidated totals…",
  pulled: 'Totals of {units} units written to sheet "{sheet}".',
  needLeader: "A leader or reviewer token is needed to read consolidated totals.",
  historyTitle: "History",
  loadHistory: "Load the versions",
  loadingHistory: "Loading history…",
  noHistory: "No versions yet.",
  version: "Version {version}",
  comment: "Comment: {comment}",
  openInSheet: "Open in sheets",
  opening: "Opening version {version}…",
  opened: "Version {version} opened in sheets {sheets}; the next submission builds on it.",
  subtitle: "Unit: {unit} — version {version}",
  excelFailed: "Excel reported an error: {message}",
  moreErrors: "… and {n} more errors",
  moreWarnings: "… and {n} more warnings",
};

const DICT: Record<Language, Record<MessageKey, string>> = { vi, en };

export function t(lang: Language, key: MessageKey, params: Params = {}): string {
  return interpolate(DICT[lang][key], params);
}

export function isMessageKey(key: string): key is MessageKey {
  return key in vi;
}
