// Raw cell values → exact integers (a count, or đồng), with the value rules: not a number,
// negative, fraction where a whole number is required, too many decimals, too large,
// number typed as text, ambiguous text.
import { type Decimal, decimalFromNumber, decimalToString, parseDecimal } from "../money/decimal";
import { decimalToDong } from "../money/money";
import { groupVi } from "../numbers/format";
import { type NumberLocale, parseNumberText } from "../numbers/parse-text";
import { enDecimalWords, enIntegerWords, viDecimalWords, viIntegerWords } from "../numbers/words";
import type { Measure, Template } from "../template/model";
import type { Entry } from "../submission/model";
import { type Issue, issue } from "./issue";

export interface ValueResult {
  value?: number;
  issues: Issue[];
}

/** Excel keeps 15 significant digits; anything past that is float noise from formulas. */
function fromCellNumber(value: number): Decimal | null {
  return decimalFromNumber(Number(value.toPrecision(15)));
}

function locate(e: Entry) {
  return { appendix: e.appendix, item: e.item, measure: e.measure, period: e.period, cell: e.cell };
}

/**
 * One comma and three digits after one to three digits ("1,597", "403,305"): a decimal comma
 * the Vietnamese way (1,597), or a thousands separator the English way (1597).
 */
const COMMA_GROUP = /^[1-9]\d{0,2},\d{3}$/;

/**
 * The locale a sheet's unambiguous text numbers agree on, to read its ambiguous ones.
 * `firm` is false when the only sign of vi-VN is a comma that could also group thousands
 * ("1,597"): such a cell is then read the Vietnamese way and its warning says both readings.
 */
export interface LocaleHint {
  locale: NumberLocale;
  firm: boolean;
}

export function localeHint(entries: Entry[]): LocaleHint | undefined {
  const seen = new Set<NumberLocale>();
  let firmVi = false;
  for (const e of entries) {
    if (typeof e.raw !== "string" || e.source !== "grid") continue;
    const read = parseNumberText(e.raw);
    if (read.kind === "number" && read.locale) {
      seen.add(read.locale);
      if (read.locale === "vi" && !COMMA_GROUP.test(e.raw.replace(/[\s\u00a0\u202f\u2009]/g, ""))) firmVi = true;
    }
  }
  if (seen.size !== 1) return undefined;
  const locale = [...seen][0];
  return { locale, firm: locale === "en" || firmVi };
}

function readDecimal(e: Entry, given: LocaleHint | NumberLocale | undefined, issues: Issue[]): Decimal | null {
  const hint = typeof given === "string" ? given : given?.locale;
  const firm = typeof given === "string" || !!given?.firm;
  const raw = e.raw;
  if (typeof raw === "number") return fromCellNumber(raw);
  if (typeof raw !== "string") return null;
  // JSON carries canonical decimals ("1209.915"); locale text and exponents are for people's cells.
  if (e.source === "json") return /^-?\d{1,20}(\.\d{1,20})?$/.test(raw.trim()) ? parseDecimal(raw) : null;
  const read = parseNumberText(raw, hint);
  if (read.kind === "ambiguous") {
    issues.push(
      issue("AMBIGUOUS_NUMBER", locate(e), {
        value: raw,
        vi: groupVi(decimalToString(read.vi)),
        en: groupVi(decimalToString(read.en)),
      }),
    );
    return null;
  }
  if (read.kind !== "number") return null;
  const compact = raw.replace(/[\s\u00a0\u202f\u2009]/g, "");
  if (read.locale === "vi" && !firm && COMMA_GROUP.test(compact)) {
    // Read the Vietnamese way, and say the other reading in both languages.
    const plain = decimalToString(read.value);
    const other = compact.replace(",", "");
    issues.push(
      issue("NUMBER_COMMA_DECIMAL", locate(e), {
        value: raw,
        read: groupVi(plain),
        readEn: plain,
        readWords: viDecimalWords(plain),
        readWordsEn: enDecimalWords(plain),
        altWords: viIntegerWords(other),
        altWordsEn: enIntegerWords(other),
        altTyped: other,
      }),
    );
    return read.value;
  }
  if (!/^\d+$/.test(raw.trim())) {
    issues.push(issue("NUMBER_AS_TEXT", locate(e), { value: raw, read: groupVi(decimalToString(read.value)) }));
  }
  return read.value;
}

export function readValue(
  template: Template,
  measure: Measure,
  e: Entry,
  hint?: LocaleHint | NumberLocale,
): ValueResult {
  const issues: Issue[] = [];
  const shown = typeof e.raw === "string" ? e.raw : (JSON.stringify(e.raw) ?? String(e.raw));
  const d = readDecimal(e, hint, issues);
  if (!d) {
    if (!issues.some((i) => i.code === "AMBIGUOUS_NUMBER"))
      issues.push(issue("NOT_A_NUMBER", locate(e), { value: shown }));
    return { issues };
  }
  const value = groupVi(decimalToString(d));
  if (d.negative) return { issues: [...issues, issue("NEGATIVE", locate(e), { value })] };
  if (measure.kind === "count") {
    if (d.frac) return { issues: [...issues, issue("NOT_INTEGER", locate(e), { value })] };
    const n = d.int.length > 15 ? Infinity : Number(d.int);
    if (n > template.quantityMax)
      return {
        issues: [...issues, issue("TOO_LARGE", locate(e), { value, max: groupVi(String(template.quantityMax)) })],
      };
    return { value: n, issues };
  }
  const { money } = template;
  if (d.frac.length > money.decimals) {
    return {
      issues: [...issues, issue("TOO_MANY_DECIMALS", locate(e), { value, unit: money.unit, decimals: money.decimals })],
    };
  }
  const dong = decimalToDong(d, money);
  const max = decimalToDong(parseDecimal(money.max)!, money)!;
  if (dong === null || dong > max)
    return { issues: [...issues, issue("TOO_LARGE", locate(e), { value, max: groupVi(money.max) })] };
  return { value: dong, issues };
}
