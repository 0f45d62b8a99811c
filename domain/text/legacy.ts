// Text typed in the legacy TCVN3 (ABC, fonts .VnTime…) or VNI (VNI-Times…) encodings shows
// up in Unicode files as Latin-1 look-alikes ("Tæng céng", "Toång coäng"): the font drew the
// bytes as Vietnamese letters, so the person sees the right text. We detect it to say why a
// header or label does not match, and convert it back to Unicode so the table can still be
// read. TCVN3 gives every letter one byte (a small code-page table); VNI writes a base letter
// followed by a mark character, so it is converted letter by letter, as far as it goes.

export type LegacyEncoding = "TCVN3" | "VNI";

const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/;
const TCVN3_MARKS = /[\u00a1-\u00a7\u00a9-\u00ae\u00b5-\u00be\u00c6\u00e6\u00f8]/;
// A vowel and a VNI mark; "a" and a breve mark (never a Vietnamese letter pair); Đ/đ before a vowel.
const VNI_MARKS =
  /[aeiouyAEIOUY][\u00f8\u00f9\u00fb\u00f5\u00ef\u00e4\u00e5\u00eb\u00f6\u00e1\u00e0\u00e2\u00e3]|[aA][\u00ea\u00e9\u00e8\u00fa\u00fc\u00ca\u00c9\u00c8\u00da\u00dc\u00cb]|[\u00d1\u00f1](?=[aeiouAEIOU])/;
/** Latin-1 letters and signs that are no Vietnamese letter, inside a word: typed in a legacy font. */
const NOT_VIETNAMESE_LATIN1 =
  "[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de-\u00df\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]";
const IN_WORD = new RegExp(
  `[A-Za-z\\u00c0-\\u00ff]${NOT_VIETNAMESE_LATIN1}|${NOT_VIETNAMESE_LATIN1}[A-Za-z\\u00c0-\\u00ff]`,
);
/** Vietnamese letters (NFC): the Latin-1 ones, Ă Đ Ĩ Ũ Ơ Ư and the Latin Extended Additional block. */
const VIETNAMESE_LETTER =
  /[\u00c0-\u00c3\u00c8-\u00ca\u00cc\u00cd\u00d2-\u00d5\u00d9\u00da\u00dd\u00e0-\u00e3\u00e8-\u00ea\u00ec\u00ed\u00f2-\u00f5\u00f9\u00fa\u00fd\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/;
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

export interface LegacyText {
  encoding: LegacyEncoding;
  /** The text converted to Unicode (NFC), as the person saw it in the legacy font. */
  unicode: string;
}

/**
 * How unlike Vietnamese a converted text is: characters left that are no Vietnamese letter
 * (marks without a base, Latin-1 signs), and words with more than one tone mark (reading
 * VNI as TCVN3 gives "dửụừng").
 */
function oddness(text: string): number {
  let odd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || c === 0xa0 || (c >= 0x2000 && c <= 0x206f)) continue;
    if (!VIETNAMESE_LETTER.test(text[i])) odd++;
  }
  for (const word of text.normalize("NFD").split(/[\s,.;:()/-]+/)) {
    const tones = word.match(TONE_MARKS);
    if (tones && tones.length > 1) odd++;
  }
  return odd;
}

/** Legacy text and its Unicode reading, or null for Unicode (or plain ASCII) text. */
export function analyseLegacy(text: string): LegacyText | null {
  const nfc = text.normalize("NFC");
  if (UNICODE_VIETNAMESE.test(nfc)) return null;
  const tcvnMarks = TCVN3_MARKS.test(text);
  const vniMarks = VNI_MARKS.test(text);
  if (!tcvnMarks && !vniMarks && !IN_WORD.test(text)) return null;
  const asTcvn3 = legacyToUnicode(text, "TCVN3");
  const asVni = legacyToUnicode(text, "VNI");
  const [t, v] = [oddness(asTcvn3), oddness(asVni)];
  const encoding: LegacyEncoding = t < v ? "TCVN3" : v < t ? "VNI" : tcvnMarks || !vniMarks ? "TCVN3" : "VNI";
  const unicode = encoding === "TCVN3" ? asTcvn3 : asVni;
  // Nothing to convert ("Giáo viên" has a VNI-looking pair but is plain Unicode).
  return unicode === nfc ? null : { encoding, unicode };
}

/** Text holding a letter only Unicode has (ă đ ơ ư ạ ả ấ …): never legacy-encoded. */
export function hasUnicodeVietnamese(text: string): boolean {
  return UNICODE_VIETNAMESE.test(text.normalize("NFC"));
}

export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  return analyseLegacy(text)?.encoding ?? null;
}

/**
 * TCVN3 (TCVN 5712:1993, the ABC code page): byte → letter, for the bytes 0xA1–0xFE that
 * carry Vietnamese letters. Capitals with a tone mark have no code of their own (the .VnTimeH
 * fonts draw the small letters' codes as capitals), so only Ă Â Ê Ô Ơ Ư Đ are here in capitals.
 */
const TCVN3_LETTERS: [number, string][] = [
  [0xa1, "Ă"],
  [0xa2, "Â"],
  [0xa3, "Ê"],
  [0xa4, "Ô"],
  [0xa5, "Ơ"],
  [0xa6, "Ư"],
  [0xa7, "Đ"],
  [0xa8, "ă"],
  [0xa9, "â"],
  [0xaa, "ê"],
  [0xab, "ô"],
  [0xac, "ơ"],
  [0xad, "ư"],
  [0xae, "đ"],
  [0xb5, "à"],
  [0xb6, "ả"],
  [0xb7, "ã"],
  [0xb8, "á"],
  [0xb9, "ạ"],
  [0xbb, "ằ"],
  [0xbc, "ẳ"],
  [0xbd, "ẵ"],
  [0xbe, "ắ"],
  [0xc6, "ặ"],
  [0xc7, "ầ"],
  [0xc8, "ẩ"],
  [0xc9, "ẫ"],
  [0xca, "ấ"],
  [0xcb, "ậ"],
  [0xcc, "è"],
  [0xce, "ẻ"],
  [0xcf, "ẽ"],
  [0xd0, "é"],
  [0xd1, "ẹ"],
  [0xd2, "ề"],
  [0xd3, "ể"],
  [0xd4, "ễ"],
  [0xd5, "ế"],
  [0xd6, "ệ"],
  [0xd7, "ì"],
  [0xd8, "ỉ"],
  [0xdc, "ĩ"],
  [0xdd, "í"],
  [0xde, "ị"],
  [0xdf, "ò"],
  [0xe1, "ỏ"],
  [0xe2, "õ"],
  [0xe3, "ó"],
  [0xe4, "ọ"],
  [0xe5, "ồ"],
  [0xe6, "ổ"],
  [0xe7, "ỗ"],
  [0xe8, "ố"],
  [0xe9, "ộ"],
  [0xea, "ờ"],
  [0xeb, "ở"],
  [0xec, "ỡ"],
  [0xed, "ớ"],
  [0xee, "ợ"],
  [0xef, "ù"],
  [0xf1, "ủ"],
  [0xf2, "ũ"],
  [0xf3, "ú"],
  [0xf4, "ụ"],
  [0xf5, "ừ"],
  [0xf6, "ử"],
  [0xf7, "ữ"],
  [0xf8, "ứ"],
  [0xf9, "ự"],
  [0xfa, "ỳ"],
  [0xfb, "ỷ"],
  [0xfc, "ỹ"],
  [0xfd, "ý"],
  [0xfe, "ỵ"],
];

let tcvn3Table: Map<string, string> | null = null;

function tcvn3(): Map<string, string> {
  return (tcvn3Table ??= new Map(TCVN3_LETTERS.map(([code, letter]) => [String.fromCharCode(code), letter])));
}

function fromTcvn3(text: string): string {
  const table = tcvn3();
  let out = "";
  for (let i = 0; i < text.length; i++) out += table.get(text[i]) ?? text[i];
  return out;
}

// VNI Windows: ơ ư đ are letters of their own (ô ö ñ), and so are the i's with a tone
// (ì í æ ó ò) and ỵ (î); every other tone and shape is a mark after its base vowel.
const VNI_LETTERS: Record<string, string> = {
  "\u00f4": "ơ",
  "\u00d4": "Ơ",
  "\u00f6": "ư",
  "\u00d6": "Ư",
  "\u00f1": "đ",
  "\u00d1": "Đ",
  "\u00ec": "ì",
  "\u00cc": "Ì",
  "\u00ed": "í",
  "\u00cd": "Í",
  "\u00e6": "ỉ",
  "\u00c6": "Ỉ",
  "\u00f3": "ĩ",
  "\u00d3": "Ĩ",
  "\u00f2": "ị",
  "\u00d2": "Ị",
  "\u00ee": "ỵ",
  "\u00ce": "Ỵ",
};

const GRAVE = "\u0300";
const ACUTE = "\u0301";
const HOOK = "\u0309";
const TILDE = "\u0303";
const DOT = "\u0323";
const CIRCUMFLEX = "\u0302";
const BREVE = "\u0306";

/** Mark characters (small and capital forms) → combining marks: shape first, then tone. */
const VNI_MARKS_TO: Record<string, string> = {};
for (const [small, marks] of [
  ["\u00f9", ACUTE],
  ["\u00f8", GRAVE],
  ["\u00fb", HOOK],
  ["\u00f5", TILDE],
  ["\u00ef", DOT],
  ["\u00e2", CIRCUMFLEX],
  ["\u00e1", CIRCUMFLEX + ACUTE],
  ["\u00e0", CIRCUMFLEX + GRAVE],
  ["\u00e5", CIRCUMFLEX + HOOK],
  ["\u00e3", CIRCUMFLEX + TILDE],
  ["\u00e4", CIRCUMFLEX + DOT],
  ["\u00ea", BREVE],
  ["\u00e9", BREVE + ACUTE],
  ["\u00e8", BREVE + GRAVE],
  ["\u00fa", BREVE + HOOK],
  ["\u00fc", BREVE + TILDE],
  ["\u00eb", BREVE + DOT],
] as const) {
  VNI_MARKS_TO[small] = marks;
  VNI_MARKS_TO[String.fromCharCode(small.charCodeAt(0) - 0x20)] = marks;
}

const TONES = new Set([GRAVE, ACUTE, HOOK, TILDE, DOT]);

function fromVni(text: string): string {
  let out = "";
  // The base the next mark may apply to: a plain vowel, or ơ / ư (tones only).
  let base: "vowel" | "horn" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const marks = VNI_MARKS_TO[c];
    if (marks && base && (base === "vowel" || TONES.has(marks))) {
      out += marks;
      base = null;
      continue;
    }
    const letter = VNI_LETTERS[c];
    if (letter) {
      out += letter;
      base = letter === "ơ" || letter === "Ơ" || letter === "ư" || letter === "Ư" ? "horn" : null;
      continue;
    }
    out += c;
    base = /[aeouyAEOUY]/.test(c) ? "vowel" : null;
  }
  return out.normalize("NFC");
}

/** Legacy text (as detected) back in Unicode, NFC. */
export function legacyToUnicode(text: string, encoding: LegacyEncoding): string {
  return encoding === "TCVN3" ? fromTcvn3(text).normalize("NFC") : fromVni(text);
}
