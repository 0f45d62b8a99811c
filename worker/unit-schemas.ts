// Request shapes of the units-over-time routes (issue 17): the dated transitions, the CSV import's
// query and the late-report exception. A day is "YYYY-MM-DD" in Vietnam; a transition's `date` is
// the first day of the new state (the unit's last day in its old state is the day before).
import * as z from "zod";
import { about } from "./openapi/meta";

const Code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/);
const Day = z.iso.date().refine((d) => d >= "2000-01-01" && d <= "9999-12-31", "2000-01-01 … 9999-12-31");
const DATE = about(
  "Ngày hiệu lực (YYYY-MM-DD): ngày đầu tiên của trạng thái mới.",
  "Effective date (YYYY-MM-DD): the first day of the new state.",
  "2025-07-01",
);
const NOTE = about("Ghi chú, căn cứ (số văn bản).", "A note, the legal basis.", "Nghị quyết 202/2025/QH15");
const Note = z.string().max(1000).optional().meta(NOTE);

const NewUnit = z.strictObject({
  code: Code.meta(about("Mã đơn vị.", "Unit code.", "92")),
  name: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta(
      about(
        "Tên: chỉ ghi khi tạo đơn vị mới (bỏ trống để dùng đơn vị đã có).",
        "Name: only for a new unit (leave out to use an existing one).",
        "Thành phố Cần Thơ",
      ),
    ),
  kind: z
    .string()
    .min(1)
    .max(50)
    .optional()
    .meta(about("Cấp.", "Level.", "xã")),
  parent: Code.nullable()
    .optional()
    .meta(about("Cấp trên của đơn vị mới (mặc định: cấp trên của đơn vị cũ).", "A new unit's parent.", "92")),
  coastal: z.boolean().optional(),
});

export const TransitionBody = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("rename"),
    unit: Code.meta(about("Đơn vị.", "The unit.", "951")),
    name: z
      .string()
      .min(1)
      .max(200)
      .meta(about("Tên mới.", "The new name.", "Huyện Trần Đề")),
    date: Day.meta(DATE),
    note: Note,
  }),
  z.strictObject({ kind: z.literal("close"), unit: Code, date: Day.meta(DATE), note: Note }),
  z.strictObject({
    kind: z.literal("reparent"),
    unit: Code,
    parent: Code.nullable().meta(about("Cấp trên mới (null: không có).", "The new parent (null: none).", "92")),
    date: Day.meta(DATE),
    note: Note,
  }),
  z.strictObject({
    kind: z.literal("merge"),
    units: z
      .array(Code)
      .min(1)
      .max(100)
      .meta(about("Các đơn vị được hợp nhất.", "The units merged.", ["94", "93"])),
    into: NewUnit,
    date: Day.meta(DATE),
    note: Note,
  }),
  z.strictObject({
    kind: z.literal("split"),
    unit: Code,
    into: z.array(NewUnit).min(2).max(100),
    date: Day.meta(DATE),
    note: Note,
  }),
]);

export const UnitsQuery = z.object({
  all: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .meta(
      about(
        "1: mọi đơn vị đã từng có (tên và cấp trên mới nhất, kèm validFrom/validTo), để hiện tên trên báo cáo của bất kỳ ngày nào; không dùng cùng asOf.",
        "1: every unit ever recorded (newest name and parent, with validFrom/validTo), to name units on reports of any day; not with asOf.",
        "1",
      ),
    ),
  asOf: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional()
    .meta(
      about(
        "Ngày (YYYY-MM-DD, giờ Việt Nam) hay thời điểm; mặc định hôm nay.",
        "A day (YYYY-MM-DD, Vietnam time) or an instant; today when absent.",
        "2025-07-01",
      ),
    ),
});

export const ImportQuery = z.object({
  dryRun: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .meta(about("1: chỉ cho biết sẽ thay đổi gì, không lưu.", "1: answer what would change, store nothing.", "1")),
  date: Day.optional().meta(
    about(
      "Ngày hiệu lực của các thay đổi (mặc định hôm nay); đơn vị mới có hiệu lực từ ngày này khi có tham số.",
      "The changes' effective day (today when absent); new units are in force from it when given.",
      "2025-07-01",
    ),
  ),
});

export const LateReportBody = z.strictObject({
  template: Code.meta(about("Mẫu biểu.", "Template.", "kh-157-2023")),
  kind: Code.meta(about("Loại báo cáo.", "Report kind.", "execution")),
  until: Day.meta(about("Được nộp đến hết ngày này.", "Allowed until this day, included.", "2026-12-31")),
  reason: z
    .string()
    .min(1)
    .max(1000)
    .meta(about("Lý do (được ghi vào nhật ký).", "Why (kept in the audit log).", "Báo cáo chốt kết quả 2023–2025")),
});
