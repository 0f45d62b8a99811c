// Dates and times as files write them → the serial number a spreadsheet keeps: ISO 8601 dates
// (SpreadsheetML `t="d"` cells, OpenDocument's office:date-value) and ISO 8601 durations
// (office:time-value, "PT12H30M00S").
import { serialFromDate } from "../../domain/grid/dates";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const ISO_TIME = /^(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/;
const DURATION = /^(-?)P(?:(\d{1,9})D)?(?:T(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9}(?:\.\d+)?)S)?)?$/;

/**
 * "2023-07-06" or "2023-07-06T12:30:00" → the serial in the given date system (a time of day
 * alone, "12:30:00", is a fraction of a day); null when the text is no such date.
 */
export function isoToSerial(text: string, date1904 = false): number | null {
  const m = ISO_DATE.exec(text);
  if (m) {
    const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
    const month = Number(mo);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return serialFromDate(Number(y), month, day, Number(h) * 3600 + Number(mi) * 60 + Number(s), date1904);
  }
  const t = ISO_TIME.exec(text);
  if (t) return (Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3] ?? 0)) / 86_400;
  return null;
}

/** "PT12H30M00S" (or "P1DT2H") → days, as a time cell's serial; null when it is no duration. */
export function durationToDays(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === "P" || /T$/.test(text.trim())) return null;
  const [, sign, d = "0", h = "0", mi = "0", s = "0"] = m;
  const days = Number(d) + (Number(h) * 3600 + Number(mi) * 60 + Number(s)) / 86_400;
  return sign ? -days : days;
}
