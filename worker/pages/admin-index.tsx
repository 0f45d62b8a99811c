// The administrator's pages under /admin (issue 17, point 3): the index linking each task, and the
// task pages mounted below it. Every page is for administrators only (guard.tsx: signedIn("admin")).
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { adminPage, ADMIN_TASKS, sharedWords, wordsOf } from "./admin-shared";
import { adminAudit } from "./admin-audit";
import { adminRounds } from "./admin-rounds";
import { adminTemplateList } from "./admin-template-list";
import { adminTokens } from "./admin-tokens";
import { adminUnits } from "./admin-units";
import { pageError, signedIn } from "./guard";

const WORDS = {
  vi: {
    title: "Quản trị",
    intro: "Các việc của quản trị viên. Mọi thay đổi ở đây đều được ghi vào nhật ký.",
    units:
      "Cây đơn vị theo ngày; thêm, đổi tên, giải thể, hợp nhất, chia tách, đổi cấp trên có ngày hiệu lực; nhập danh mục từ CSV.",
    tokens: "Cấp mã truy cập (hiện một lần), xem lần dùng gần nhất và hạn dùng, thu hồi mã.",
    templates: "Các mẫu biểu và phiên bản, tải lên mẫu biểu mới, xem bản in, lập mẫu biểu từ bảng in.",
    rounds: "Hạn nộp và đơn vị phải nộp theo mẫu biểu, loại báo cáo và kỳ.",
    audit: "Nhật ký mọi thao tác ghi, lọc theo người, thao tác, đơn vị, ngày; tải CSV.",
  },
  en: {
    title: "Administration",
    intro: "The administrator's tasks. Every change made here is kept in the audit log.",
    units:
      "The tree of units on a day; add, rename, close, merge, split, re-parent with an effective date; import a CSV list.",
    tokens: "Issue access tokens (shown once), see their last use and expiry, revoke them.",
    templates: "Templates and their versions, upload a new one, preview as printed, make one from printed tables.",
    rounds: "Deadlines and expected units per template, report kind and period.",
    audit: "The log of every write, filtered by who, action, unit and days; CSV download.",
  },
};
const words = wordsOf<keyof (typeof WORDS)["vi"]>(WORDS);

export const adminPages = new Hono<AppEnv>();
adminPages.onError(pageError);

adminPages.get("/", ...signedIn("admin"), (c) => {
  const w = words(c);
  const s = sharedWords(c);
  return adminPage(c, { title: w("title"), current: "index" }, () => (
    <>
      <p class="lead">{w("intro")}</p>
      <ul class="tasks">
        {ADMIN_TASKS.filter((n) => n.task !== "index").map((n) => (
          <li class="card">
            <h2>
              <a href={n.href}>{s(n.task)}</a>
            </h2>
            <p>{w(n.task as Exclude<typeof n.task, "index">)}</p>
          </li>
        ))}
      </ul>
    </>
  ));
});

adminPages.route("/units", adminUnits);
adminPages.route("/tokens", adminTokens);
adminPages.route("/templates", adminTemplateList);
adminPages.route("/rounds", adminRounds);
adminPages.route("/audit", adminAudit);
