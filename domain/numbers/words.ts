// Numbers in words, Vietnamese and English, for messages that must say which of two readings
// was taken: "1,597" is "một phẩy năm chín bảy" the Vietnamese way and "one thousand five
// hundred ninety-seven" the English way. Whole numbers up to 999 999 999 999 999, decimals
// read digit by digit as people say them ("một phẩy năm chín bảy", "one point five nine seven").

const VI_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
const VI_GROUPS = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ"];

/** Three digits in Vietnamese; `full` for a group after a higher one ("không trăm linh năm"). */
function viHundreds(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(VI_DIGITS[h], "trăm");
  if (t === 0) {
    if (u > 0 && (h > 0 || full)) out.push("linh");
  } else if (t === 1) {
    out.push("mười");
  } else {
    out.push(VI_DIGITS[t], "mươi");
  }
  if (u > 0) {
    if (u === 1 && t >= 2) out.push("mốt");
    else if (u === 5 && t >= 1) out.push("lăm");
    else out.push(VI_DIGITS[u]);
  }
  return out.join(" ");
}

function groupsOf(digits: string): number[] {
  const groups: number[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(Number(digits.slice(Math.max(0, end - 3), end)));
  return groups;
}

function wholeDigits(int: string): string | null {
  const digits = int.replace(/^0+(?=\d)/, "");
  return /^\d{1,15}$/.test(digits) ? digits : null;
}

/** "1597" → "một nghìn năm trăm chín mươi bảy". */
export function viIntegerWords(int: string): string {
  const digits = wholeDigits(int);
  if (digits === null) return int;
  if (Number(digits) === 0) return VI_DIGITS[0];
  const groups = groupsOf(digits);
  const out: string[] = [];
  groups.forEach((g, k) => {
    if (g === 0) return;
    const scale = VI_GROUPS[groups.length - 1 - k];
    out.push(viHundreds(g, k > 0));
    if (scale) out.push(scale);
  });
  return out.join(" ");
}

const EN_ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const EN_GROUPS = ["", "thousand", "million", "billion", "trillion"];

function enHundreds(n: number): string {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h > 0) out.push(EN_ONES[h], "hundred");
  if (rest >= 20) out.push(EN_TENS[Math.floor(rest / 10)] + (rest % 10 ? `-${EN_ONES[rest % 10]}` : ""));
  else if (rest > 0) out.push(EN_ONES[rest]);
  return out.join(" ");
}

/** "1597" → "one thousand five hundred ninety-seven". */
export function enIntegerWords(int: string): string {
  const digits = wholeDigits(int);
  if (digits === null) return int;
  if (Number(digits) === 0) return EN_ONES[0];
  const groups = groupsOf(digits);
  const out: string[] = [];
  groups.forEach((g, k) => {
    if (g === 0) return;
    const scale = EN_GROUPS[groups.length - 1 - k];
    out.push(enHundreds(g));
    if (scale) out.push(scale);
  });
  return out.join(" ");
}

/** A plain decimal ("1.597") in Vietnamese words: "một phẩy năm chín bảy". */
export function viDecimalWords(plain: string): string {
  const [int, frac] = plain.replace(/^-/, "").split(".");
  const head = (plain.startsWith("-") ? "âm " : "") + viIntegerWords(int);
  return frac
    ? `${head} phẩy ${frac
        .split("")
        .map((d) => VI_DIGITS[Number(d)])
        .join(" ")}`
    : head;
}

/** A plain decimal ("1.597") in English words: "one point five nine seven". */
export function enDecimalWords(plain: string): string {
  const [int, frac] = plain.replace(/^-/, "").split(".");
  const head = (plain.startsWith("-") ? "minus " : "") + enIntegerWords(int);
  return frac
    ? `${head} point ${frac
        .split("")
        .map((d) => EN_ONES[Number(d)])
        .join(" ")}`
    : head;
}
