// Spreadsheet date serials: what Excel and LibreOffice show for a number formatted as a date,
// a time or a percent. In the 1900 date system serial 1 is 1 January 1900 and, as in Lotus 1-2-3,
// serial 60 is the 29 February 1900 that never was (so serial 61 is 1 March 1900, and every
// later serial counts days from 30 December 1899); in the 1904 system serial 0 is 1 January 1904.
import { groupVi } from "../numbers/format";
import type { NumberFormatKind } from "./model";

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 31 December 9999, the last day either program shows. */
const MAX_SERIAL = 2_958_465;

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The serial of a calendar day and time of day (seconds), in the workbook's date system. */
export function serialFromDate(year: number, month: number, day: number, seconds: number, date1904 = false): number {
  const days = Math.round(
    (date1904 ? Date.UTC(year, month - 1, day) - EPOCH_1904 : Date.UTC(year, month - 1, day) - EPOCH_1900) / DAY_MS,
  );
  // Before 1 March 1900 the 1900 system is one day behind the calendar (its 29 February 1900).
  const whole = !date1904 && days < 61 ? days - 1 : days;
  return whole + seconds / 86_400;
}

/** "dd/mm/yyyy" of a serial's day; null where Excel shows "#####" (negative, past year 9999). */
function dayText(whole: number, date1904: boolean): string | null {
  if (whole < 0 || whole > MAX_SERIAL) return null;
  if (!date1904 && whole === 0) return "00/01/1900";
  if (!date1904 && whole === 60) return "29/02/1900";
  const ms = date1904 ? EPOCH_1904 + whole * DAY_MS : EPOCH_1900 + (whole < 60 ? whole + 1 : whole) * DAY_MS;
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/**
 * What a number cell shows, the Vietnamese way: "06/07/2023" for a date, "12:30" or
 * "12:30:15" for a time, "06/07/2023 12:30" for both, "15%" or "4.511.300%" for a percent;
 * "#####" where the number is no date at all (negative, or past 31/12/9999).
 */
export function displayedAs(value: number, kind: NumberFormatKind, date1904 = false): string {
  if (kind === "percent") {
    const pct = Math.round(value * 10_000) / 100;
    const text = String(Math.abs(pct));
    return /e/i.test(text) ? `${pct}%` : `${pct < 0 ? "-" : ""}${groupVi(text)}%`;
  }
  let whole = Math.floor(value);
  let seconds = Math.round((value - whole) * 86_400);
  if (seconds === 86_400) {
    whole += 1;
    seconds = 0;
  }
  const day = dayText(whole, date1904);
  if (day === null) return "#####";
  const hms = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}`;
  const time = seconds % 60 ? `${hms}:${pad(seconds % 60)}` : hms;
  if (kind === "date") return day;
  if (kind === "time") return time;
  return `${day} ${time}`;
}
