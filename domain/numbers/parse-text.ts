// Numbers that arrive as text ("1.209,915", "403,305", "1,209.915", "06"), read by vi-VN
// rules first and en rules where they cannot be mistaken. A string that reads two ways
// ("1.234") is reported, never guessed, unless the sheet itself gives the hint.
import { type Decimal, parseDecimal } from "../money/decimal";

export type NumberLocale = "vi" | "en";

export type TextNumber =
  | { kind: "number"; value: Decimal; locale?: NumberLocale }
  | { kind: "ambiguous"; vi: Decimal; en: Decimal }
  | { kind: "invalid" };

const SPACES = /[\s\u00a0\u202f\u2009]/g;
const GROUPED = /^\d{1,3}(\d{3})*$/;

function grouped(text: string, sep: string): string | null {
  const parts = text.split(sep);
  if (parts[0].length < 1 || parts[0].length > 3) return null;
  if (parts.slice(1).some((p) => p.length !== 3)) return null;
  const digits = parts.join("");
  return GROUPED.test(digits) ? digits : null;
}

function build(negative: boolean, int: string, frac: string): Decimal | null {
  if (!/^\d+$/.test(int) || !/^\d*$/.test(frac)) return null;
  return parseDecimal((negative ? "-" : "") + int + (frac ? "." + frac : ""));
}

function number(d: Decimal | null, locale?: NumberLocale): TextNumber {
  return d ? { kind: "number", value: d, locale } : { kind: "invalid" };
}

export function parseNumberText(raw: string, hint?: NumberLocale): TextNumber {
  let s = raw.normalize("NFC").replace(SPACES, "");
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (/^[-\u2212]/.test(s)) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith("+")) s = s.slice(1);
  if (s === "" || !/^[\d.,]+$/.test(s)) return { kind: "invalid" };

  const dot = s.lastIndexOf(".");
  const comma = s.lastIndexOf(",");
  if (dot < 0 && comma < 0) return number(build(negative, s, ""));

  if (dot >= 0 && comma >= 0) {
    const [decSep, groupSep, locale]: [string, string, NumberLocale] =
      comma > dot ? [",", ".", "vi"] : [".", ",", "en"];
    const at = s.lastIndexOf(decSep);
    if (s.indexOf(decSep) !== at) return { kind: "invalid" };
    const int = grouped(s.slice(0, at), groupSep);
    return number(int === null ? null : build(negative, int, s.slice(at + 1)), locale);
  }

  const sep = dot >= 0 ? "." : ",";
  const count = s.split(sep).length - 1;
  if (count > 1) {
    // Several separators of one kind can only be thousands groups.
    const int = grouped(s, sep);
    return number(int === null ? null : build(negative, int, ""), sep === "." ? "vi" : "en");
  }
  const [int, frac] = s.split(sep);
  if (sep === ",") {
    if (hint === "en" && grouped(s, ",") !== null) return number(build(negative, int + frac, ""), "en");
    return number(build(negative, int, frac), "vi");
  }
  // One dot: thousands (vi) only if it could be a group of three after 1-3 leading digits.
  const couldGroup = frac.length === 3 && int.length >= 1 && int.length <= 3 && !/^0/.test(int);
  if (!couldGroup) return number(build(negative, int, frac), "en");
  const vi = build(negative, int + frac, "");
  const en = build(negative, int, frac);
  if (!vi || !en) return { kind: "invalid" };
  if (hint === "vi") return { kind: "number", value: vi, locale: "vi" };
  if (hint === "en") return { kind: "number", value: en, locale: "en" };
  return { kind: "ambiguous", vi, en };
}
