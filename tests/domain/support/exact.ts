// Exact decimal arithmetic for the tests, with BigInt and nothing from domain/, so the
// expected figures never come from the code under test.

/** "1209.915" → 1209915000n at scale 6 (đồng per triệu đồng). Rejects anything not plain. */
export function toScaled(text: string, scale: number): bigint {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a plain decimal: ${text}`);
  const frac = m[3] ?? "";
  if (frac.length > scale) throw new Error(`more than ${scale} decimals: ${text}`);
  const n = BigInt(m[2] + frac.padEnd(scale, "0"));
  return m[1] ? -n : n;
}

/** 1209915000n at scale 6 → "1209.915" (no trailing zeros, no trailing dot). */
export function fromScaled(n: bigint, scale: number): string {
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, "");
  return (negative ? "-" : "") + int + (frac ? "." + frac : "");
}

export const DONG_SCALE = 6;

/** Money text in triệu đồng → integer đồng (as the domain keeps it), exactly. */
export function dongOf(text: string): number {
  const n = toScaled(text, DONG_SCALE);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`too large for the test: ${text}`);
  return Number(n);
}

export function canonicalMoney(text: string): string {
  return fromScaled(toScaled(text, DONG_SCALE), DONG_SCALE);
}

export function sumMoney(texts: string[]): string {
  return fromScaled(
    texts.reduce((s, t) => s + toScaled(t, DONG_SCALE), 0n),
    DONG_SCALE,
  );
}

/** vi-VN printed number ("1.209,915", "06") → its plain decimal text ("1209.915", "6"). */
export function viToPlain(text: string): string {
  const plain = text.replace(/\./g, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(plain)) throw new Error(`not a vi-VN number: ${text}`);
  return canonicalMoney(plain);
}

/** Plain decimal → en-US text with thousands commas ("1209.915" → "1,209.915"). */
export function plainToEn(text: string): string {
  const [int, frac] = text.split(".");
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? "." + frac : "");
}

/** Plain decimal → vi-VN text ("1209.915" → "1.209,915"). */
export function plainToVi(text: string): string {
  const [int, frac] = text.split(".");
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ".") + (frac ? "," + frac : "");
}

/** 0 → "A", 7 → "H", 26 → "AA". */
export function columnLetters(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function ref(sheet: string, row: number, col: number): string {
  return `${sheet}!${columnLetters(col)}${row + 1}`;
}
