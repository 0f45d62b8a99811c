// Examples of the units-over-time routes (issue 17): requests and answers their schemas accept.
import { catalogueError, errorAnswer } from "../errors";
import type { Example } from "./registry";

const MERGE_NOTE = "Nghị quyết 202/2025/QH15";

export const UNIT_EXAMPLES = {
  transitions: [
    {
      name: "merge",
      title: { vi: "Hợp nhất Sóc Trăng và Hậu Giang vào Cần Thơ", en: "Sóc Trăng and Hậu Giang merged into Cần Thơ" },
      body: { kind: "merge", units: ["94", "93"], into: { code: "92" }, date: "2025-07-01", note: MERGE_NOTE },
      status: 201,
      answer: {
        kind: "merge",
        date: "2025-07-01",
        successions: [
          { predecessor: "94", successor: "92", kind: "merge", effective: "2025-07-01" },
          { predecessor: "93", successor: "92", kind: "merge", effective: "2025-07-01" },
        ],
        created: [],
      },
    },
    {
      name: "reparent",
      title: { vi: "Đổi cấp trên từ một ngày", en: "A new parent from a day" },
      body: { kind: "reparent", unit: "SVHTTDL-CT", parent: "92", date: "2026-01-01" },
      status: 201,
      answer: {
        kind: "reparent",
        date: "2026-01-01",
        successions: [
          { predecessor: "SVHTTDL-CT", successor: "SVHTTDL-CT", kind: "reparent", effective: "2026-01-01" },
        ],
        created: [],
      },
    },
    {
      name: "closed-already",
      title: { vi: "Đơn vị đã hết hiệu lực", en: "The unit is no longer in force" },
      body: { kind: "close", unit: "951", date: "2026-01-01" },
      status: 422,
      answer: errorAnswer(
        catalogueError(422, "UNIT_NOT_IN_FORCE", { unit: "951", date: "01/01/2026", life: "… – 30/06/2025" }),
      ),
    },
  ],
  import: [
    {
      name: "dry-run",
      title: {
        vi: "Xem trước khi nhập hai xã (body: Mã;Tên;Cấp;Mã cấp trên / 31999;Xã Thử Một;Xã;92 / 31998;Xã Thử Hai;Xã;92)",
        en: "Preview of importing two communes (body: Mã;Tên;Cấp;Mã cấp trên / 31999;Xã Thử Một;Xã;92 / 31998;Xã Thử Hai;Xã;92)",
      },
      query: { dryRun: "1", date: "2025-07-01" },
      status: 200,
      answer: {
        date: "2025-07-01",
        dryRun: true,
        added: [
          { code: "31999", name: "Xã Thử Một", level: "xã", parent: "92" },
          { code: "31998", name: "Xã Thử Hai", level: "xã", parent: "92" },
        ],
        renamed: [],
        reparented: [],
        relevelled: [],
        unchanged: [],
      },
    },
    {
      name: "malformed",
      title: {
        vi: "Tệp sai: thiếu tên ở dòng 3 (body: code,name,level,parent code / 31999,Xã Thử Một,xã,92 / 31998,,xã,92)",
        en: "A malformed file: no name on line 3 (body: code,name,level,parent code / 31999,Xã Thử Một,xã,92 / 31998,,xã,92)",
      },
      query: { dryRun: "1" },
      status: 422,
      answer: errorAnswer(
        catalogueError(
          422,
          "UNITS_CSV_MALFORMED",
          {
            line: 3,
            column: "Tên",
            problem: "tên trống hoặc dài quá 200 ký tự",
            problemEn: "the name is empty or over 200 characters",
          },
          { line: 3, column: "Tên" },
        ),
      ),
    },
  ],
  lateReports: [
    {
      name: "closing-report",
      title: { vi: "Cho Huyện Trần Đề nộp báo cáo chốt", en: "Let Huyện Trần Đề send its closing report" },
      path: { code: "951" },
      body: {
        template: "kh-157-2023",
        kind: "execution",
        until: "2026-12-31",
        reason: "Báo cáo chốt kết quả thực hiện 2023–2025",
      },
      status: 201,
      answer: {
        id: "7d0c2b8e-4a35-4f7e-9a51-3c2f3a1f6b10",
        unit: "951",
        template: "kh-157-2023",
        kind: "execution",
        until: "2026-12-31",
        reason: "Báo cáo chốt kết quả thực hiện 2023–2025",
        createdAt: "2026-11-30T02:00:00.000Z",
        createdBy: "admin-env",
      },
    },
  ],
} satisfies Record<string, [Example, ...Example[]]>;
