// The product's fixed words: roles, review statuses, consolidation bases and submission sources,
// each with its Vietnamese and English label. The Worker's schemas, the pages and the pane all
// read them here, so "submitted" reads the same everywhere. Report kinds are not here: each
// template declares its own (`template.kinds`).
import type { Language } from "../text/interpolate";

export const ROLES = ["submitter", "reviewer", "leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** A stored version's review state. */
export const STATUSES = ["submitted", "approved", "returned"] as const;
export type ReviewStatus = (typeof STATUSES)[number];

/** Which version of each unit's report a consolidation takes. */
export const BASES = ["latest", "approved"] as const;
export type Basis = (typeof BASES)[number];

/**
 * Whether an expected unit reported by its round's deadline, as DHIS2 counts timely submission:
 * submitted by the deadline, after it, not submitted before it, not submitted once it passed.
 */
export const TIMELINESS = ["on_time", "late", "not_due", "overdue"] as const;
export type Timeliness = (typeof TIMELINESS)[number];

/** How a version reached the server. */
export const SOURCES = ["upload", "addin", "api"] as const;
export type Source = (typeof SOURCES)[number];

type Labels<K extends string> = Record<K, Record<Language, string>>;

export const VOCABULARY: {
  role: Labels<Role>;
  /** "missing": an expected unit that has not submitted. */
  status: Labels<ReviewStatus | "missing">;
  basis: Labels<Basis>;
  source: Labels<Source>;
  timeliness: Labels<Timeliness>;
} = {
  role: {
    submitter: { vi: "Người nộp", en: "Submitter" },
    reviewer: { vi: "Người duyệt", en: "Reviewer" },
    leader: { vi: "Lãnh đạo", en: "Leadership" },
    admin: { vi: "Quản trị", en: "Administrator" },
  },
  status: {
    submitted: { vi: "Chờ duyệt", en: "Awaiting review" },
    approved: { vi: "Đã duyệt", en: "Approved" },
    returned: { vi: "Bị trả lại", en: "Returned" },
    missing: { vi: "Chưa nộp", en: "Not submitted" },
  },
  basis: {
    latest: { vi: "Bản mới nhất", en: "Latest versions" },
    approved: { vi: "Bản đã duyệt", en: "Approved versions" },
  },
  source: {
    upload: { vi: "Tải tệp lên", en: "File upload" },
    addin: { vi: "Excel (add-in)", en: "Excel add-in" },
    api: { vi: "Phần mềm khác", en: "Another program" },
  },
  timeliness: {
    on_time: { vi: "Đúng hạn", en: "On time" },
    late: { vi: "Trễ hạn", en: "Late" },
    not_due: { vi: "Chưa đến hạn", en: "Not yet due" },
    overdue: { vi: "Quá hạn", en: "Overdue" },
  },
};

export type WordGroup = keyof typeof VOCABULARY;

/** The label of a fixed word; an unknown id (from an older server, say) is shown as it is. */
export function word(group: WordGroup, id: string, lang: Language): string {
  const labels = (VOCABULARY[group] as Record<string, Record<Language, string>>)[id];
  return labels ? labels[lang] : id;
}
