// What a header cell says, in words that do not depend on how it was typed. Vietnamese
// budget tables write the same column many ways: "Ngân sách Trung ương", "Ngân sách TW",
// "NSTW", "Nguồn NSTW"; "Năm 2023", "2023", "Năm2023"; "Kinh phí (triệu đồng)", "Kinh phí
// (tr.đồng)", or "Kinh phí" under a line "ĐVT: Triệu đồng". This file knows the language
// (abbreviations, money units, years), never a plan: which words mean which measure or period
// comes from the template (grid/header.ts).

/** A header text read for its meaning. */
export interface HeaderWords {
  /** Canonical words: abbreviations spelled one way ("ns tw", "sl", "gd", "stt", "dvt"), money units taken out. */
  words: string[];
  /** Money unit stated, in đồng per unit (1, 1 000, 1 000 000, 1 000 000 000). */
  unit?: number;
  /** The unit as written ("triệu đồng"), for messages. */
  unitText?: string;
  /** Years standing alone ("Năm 2023", "2023"). */
  years: number[];
  /** A span of years ("2021-2025", "2021 đến 2025"). */
  range?: [number, number];
  /** Words of a total: "tổng số", "tổng cộng", "cả giai đoạn", "giai đoạn" without a year. */
  total: boolean;
}

type Rule = { from: string[]; to: string[] } | { from: string[]; unit: number; text: string; after?: Set<string> };

const UNIT_CONTEXT = new Set(["kp", "dvt", "von", "tien", "nguon"]);

/** Longest first where one rule is the start of another. */
const RULES: Rule[] = [
  { from: ["ngan", "sach", "nha", "nuoc"], to: ["ns", "nn"] },
  { from: ["ngan", "sach"], to: ["ns"] },
  { from: ["trung", "uong"], to: ["tw"] },
  { from: ["dia", "phuong"], to: ["dp"] },
  { from: ["nstw"], to: ["ns", "tw"] },
  { from: ["nsdp"], to: ["ns", "dp"] },
  { from: ["nsnn"], to: ["ns", "nn"] },
  { from: ["so", "luong"], to: ["sl"] },
  { from: ["ca", "giai", "doan"], to: ["tong", "gd"] },
  { from: ["giai", "doan"], to: ["gd"] },
  { from: ["so", "thu", "tu"], to: ["stt"] },
  { from: ["so", "tt"], to: ["stt"] },
  { from: ["don", "vi", "tinh"], to: ["dvt"] },
  { from: ["don", "vi"], to: ["dvt"] },
  { from: ["dv", "tinh"], to: ["dvt"] },
  { from: ["kinh", "phi"], to: ["kp"] },
  { from: ["tong", "so"], to: ["tong"] },
  { from: ["tong", "cong"], to: ["tong"] },
  { from: ["trieu", "dong"], unit: 1e6, text: "triệu đồng" },
  { from: ["trieu", "vn", "dong"], unit: 1e6, text: "triệu đồng" },
  { from: ["trieu", "vnd"], unit: 1e6, text: "triệu đồng" },
  { from: ["tr", "dong"], unit: 1e6, text: "triệu đồng" },
  { from: ["tr", "d"], unit: 1e6, text: "triệu đồng" },
  { from: ["trd"], unit: 1e6, text: "triệu đồng" },
  { from: ["trieu"], unit: 1e6, text: "triệu đồng" },
  { from: ["nghin", "dong"], unit: 1e3, text: "nghìn đồng" },
  { from: ["ngan", "dong"], unit: 1e3, text: "nghìn đồng" },
  { from: ["ng", "dong"], unit: 1e3, text: "nghìn đồng" },
  { from: ["1", "000", "dong"], unit: 1e3, text: "nghìn đồng" },
  { from: ["1000", "dong"], unit: 1e3, text: "nghìn đồng" },
  { from: ["ty", "dong"], unit: 1e9, text: "tỷ đồng" },
  { from: ["ti", "dong"], unit: 1e9, text: "tỷ đồng" },
  { from: ["vn", "dong"], unit: 1, text: "đồng" },
  { from: ["vnd"], unit: 1, text: "đồng" },
  // "đồng" alone is money only where a unit is expected ("(đồng)", "ĐVT: đồng", "Kinh phí (đồng)"),
  // never in "cộng đồng" or "đồng bào".
  { from: ["dong"], unit: 1, text: "đồng", after: UNIT_CONTEXT },
];

const YEAR = /^(19|20|21)\d\d$/;
const LETTER_DIGIT = /([a-z])(?=\d)|(\d)(?=[a-z])/g;

function matches(tokens: string[], at: number, from: string[]): boolean {
  for (let k = 0; k < from.length; k++) if (tokens[at + k] !== from[k]) return false;
  return true;
}

/**
 * `folded` is a foldKey (lower-case ASCII words separated by one space). Bounded: one pass
 * over the words with a fixed rule list.
 */
export function readHeaderWords(folded: string): HeaderWords {
  const tokens = folded.replace(LETTER_DIGIT, "$1$2 ").split(" ").filter(Boolean);
  const words: string[] = [];
  let unit: number | undefined;
  let unitText: string | undefined;
  for (let i = 0; i < tokens.length;) {
    const rule = RULES.find(
      (r) =>
        matches(tokens, i, r.from) &&
        (!("after" in r) || !r.after || words.length === 0 || r.after.has(words[words.length - 1])),
    );
    if (!rule) {
      words.push(tokens[i]);
      i++;
      continue;
    }
    if ("unit" in rule) {
      unit ??= rule.unit;
      unitText ??= rule.text;
    } else {
      words.push(...rule.to);
    }
    i += rule.from.length;
  }
  // "TT" alone is the STT column.
  if (words.length === 1 && words[0] === "tt") words[0] = "stt";

  const years: number[] = [];
  let range: [number, number] | undefined;
  for (let i = 0; i < words.length; i++) {
    if (!YEAR.test(words[i])) continue;
    const a = Number(words[i]);
    const j = words[i + 1] === "den" || words[i + 1] === "toi" ? i + 2 : i + 1;
    const b = YEAR.test(words[j] ?? "") ? Number(words[j]) : NaN;
    if (b > a) {
      range ??= [a, b];
      i = j;
    } else {
      years.push(a);
    }
  }
  const total = words.includes("tong") || (words.includes("gd") && years.length === 0);
  return { words, unit, unitText, years, range, total };
}

/**
 * The tokens that can make `readHeaderWords` yield one of `words`: the words themselves and the
 * first token of every rule that spells one. A text none of whose tokens is in this set cannot
 * mean, say, "Tổng cộng": a reader skips the full reading for thousands of row labels.
 */
export function spellingTokens(words: Iterable<string>): ReadonlySet<string> {
  const wanted = new Set(words);
  const out = new Set(wanted);
  for (const r of RULES) if ("to" in r && r.to.some((w) => wanted.has(w))) out.add(r.from[0]);
  return out;
}

/** Whether any token of `folded` (split as readHeaderWords splits it) is in `tokens`. */
export function hasAnyToken(folded: string, tokens: ReadonlySet<string>): boolean {
  for (const token of folded.replace(LETTER_DIGIT, "$1$2 ").split(" ")) if (tokens.has(token)) return true;
  return false;
}

/** Whether `phrase` (canonical words) occurs in `words` as whole consecutive words. */
export function hasPhrase(words: string[], phrase: string[]): boolean {
  if (!phrase.length) return false;
  for (let i = 0; i + phrase.length <= words.length; i++) if (matches(words, i, phrase)) return true;
  return false;
}

/**
 * A line stating the money unit above a table: "ĐVT: Triệu đồng", "Đơn vị tính: triệu đồng",
 * "(Đơn vị: nghìn đồng)", or the unit alone "(triệu đồng)". Null for anything else.
 */
export function unitLine(folded: string): { unit: number; text: string } | null {
  if (!folded || folded.length > 60) return null;
  const read = readHeaderWords(folded);
  if (read.unit === undefined) return null;
  const rest = read.words.filter((w) => w !== "dvt");
  return rest.length === 0 ? { unit: read.unit, text: read.unitText! } : null;
}
