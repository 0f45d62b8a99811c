// Money is an exact integer number of đồng inside the domain; decimal strings in the
// template's money unit (triệu đồng) at the edges.
import { type Decimal, decimalToString, parseDecimal } from "./decimal";
import { DomainError } from "../rules/domain-error";

export interface MoneyUnit {
  /** đồng per money unit: 1 000 000 for triệu đồng. */
  dongPerUnit: number;
  /** Decimals allowed in the money unit (3 for triệu đồng, i.e. whole nghìn đồng). */
  decimals: number;
}

function scaleDigits(unit: MoneyUnit): number {
  return Math.round(Math.log10(unit.dongPerUnit));
}

/** Integer đồng for a decimal in the money unit, or null when it does not fit a safe integer. */
export function decimalToDong(d: Decimal, unit: MoneyUnit): number | null {
  const digits = scaleDigits(unit);
  if (d.frac.length > digits) return null;
  const text = d.int + d.frac.padEnd(digits, "0");
  if (text.replace(/^0+/, "").length > 15) return null;
  const dong = Number(text);
  return d.negative ? -dong : dong;
}

export function dongToDecimalString(dong: number, unit: MoneyUnit): string {
  const digits = scaleDigits(unit);
  const negative = dong < 0;
  const abs = String(Math.abs(dong)).padStart(digits + 1, "0");
  const int = abs.slice(0, abs.length - digits);
  const frac = abs.slice(abs.length - digits).replace(/0+$/, "");
  return decimalToString({ negative, int, frac });
}

/** Parses a canonical money string ("1209.915") into đồng; throws on anything else. */
export function moneyFromString(text: string, unit: MoneyUnit): number {
  const d = parseDecimal(text);
  const dong = d && d.frac.length <= unit.decimals ? decimalToDong(d, unit) : null;
  if (dong === null) throw new DomainError("MONEY_FORMAT", `not a money amount: ${text}`);
  return dong;
}

/** Checked addition: exact integers stay exact or the sum refuses to happen. */
export function addExact(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new DomainError("OVERFLOW", "sum exceeds exact integer range");
  return sum;
}
