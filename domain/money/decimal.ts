// Exact decimals as digit strings, so no binary float ever decides a đồng.

export interface Decimal {
  negative: boolean;
  /** Integer digits without leading zeros ("0" for zero). */
  int: string;
  /** Fraction digits without trailing zeros. */
  frac: string;
}

const PLAIN = /^([+-])?(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

function make(negative: boolean, int: string, frac: string): Decimal {
  const i = int.replace(/^0+/, "") || "0";
  const f = frac.replace(/0+$/, "");
  return { negative: negative && (i !== "0" || f !== ""), int: i, frac: f };
}

/** Reads "1209.915", "-0.5", "1e3", "2.5E-2" exactly; anything else is null. */
export function parseDecimal(text: string): Decimal | null {
  const m = PLAIN.exec(text.trim());
  if (!m || (m[2] === undefined && !m[3])) return null;
  let int = m[2] ?? "";
  let frac = m[3] ?? "";
  const exp = m[4] ? Number(m[4]) : 0;
  if (exp > 0) {
    const moved = frac.padEnd(exp, "0");
    int += moved.slice(0, exp);
    frac = moved.slice(exp);
  } else if (exp < 0) {
    const moved = int.padStart(-exp, "0");
    frac = moved.slice(moved.length + exp) + frac;
    int = moved.slice(0, moved.length + exp);
  }
  return make(m[1] === "-", int, frac);
}

/** The shortest decimal that round-trips the float: what a person typed into the cell. */
export function decimalFromNumber(value: number): Decimal | null {
  if (!Number.isFinite(value)) return null;
  return parseDecimal(String(value));
}

export function decimalToString(d: Decimal): string {
  return (d.negative ? "-" : "") + d.int + (d.frac ? "." + d.frac : "");
}

export function isZero(d: Decimal): boolean {
  return d.int === "0" && d.frac === "";
}
