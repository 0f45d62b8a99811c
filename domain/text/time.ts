// Dates and times as people in Vietnam read them: day first, in Vietnam time (UTC+7 all year,
// no daylight saving). The pages, the pane and every file use these, never an ISO string.

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const two = (n: number) => String(n).padStart(2, "0");

/** "2025-11-26T06:20:00Z" → "26/11/2025 13:20"; "" for nothing, the input itself if it is no time. */
export function formatVietnamTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + VIETNAM_OFFSET_MS);
  const day = `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return `${day} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** "2025-11-26" → "26/11/2025"; anything else is returned as it is. */
export function formatVietnamDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** "26/11/2025" (or 26-11-2025, 26.11.2025, 1/9/2023) → "2025-11-26"; null when it is no calendar day. */
export function parseVietnamDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${two(mo)}-${two(d)}`;
}
