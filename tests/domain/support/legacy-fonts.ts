// Unicode text → what a cell holds when the person typed it in a legacy Vietnamese font, for
// the tests: TCVN3 (ABC: .VnTime) writes each letter as one Latin-1 byte, VNI (VNI-Times)
// writes a base letter and then a mark. Written out here from the code pages, independently of
// domain/text/legacy.ts, so the reader is checked against the encodings, not against itself.

/** TCVN3 small letters by code (the capitals with a tone mark use the same codes). */
const TCVN3: Record<string, number> = {
  ă: 0xa8,
  â: 0xa9,
  ê: 0xaa,
  ô: 0xab,
  ơ: 0xac,
  ư: 0xad,
  đ: 0xae,
  Ă: 0xa1,
  Â: 0xa2,
  Ê: 0xa3,
  Ô: 0xa4,
  Ơ: 0xa5,
  Ư: 0xa6,
  Đ: 0xa7,
  à: 0xb5,
  ả: 0xb6,
  ã: 0xb7,
  á: 0xb8,
  ạ: 0xb9,
  ằ: 0xbb,
  ẳ: 0xbc,
  ẵ: 0xbd,
  ắ: 0xbe,
  ặ: 0xc6,
  ầ: 0xc7,
  ẩ: 0xc8,
  ẫ: 0xc9,
  ấ: 0xca,
  ậ: 0xcb,
  è: 0xcc,
  ẻ: 0xce,
  ẽ: 0xcf,
  é: 0xd0,
  ẹ: 0xd1,
  ề: 0xd2,
  ể: 0xd3,
  ễ: 0xd4,
  ế: 0xd5,
  ệ: 0xd6,
  ì: 0xd7,
  ỉ: 0xd8,
  ĩ: 0xdc,
  í: 0xdd,
  ị: 0xde,
  ò: 0xdf,
  ỏ: 0xe1,
  õ: 0xe2,
  ó: 0xe3,
  ọ: 0xe4,
  ồ: 0xe5,
  ổ: 0xe6,
  ỗ: 0xe7,
  ố: 0xe8,
  ộ: 0xe9,
  ờ: 0xea,
  ở: 0xeb,
  ỡ: 0xec,
  ớ: 0xed,
  ợ: 0xee,
  ù: 0xef,
  ủ: 0xf1,
  ũ: 0xf2,
  ú: 0xf3,
  ụ: 0xf4,
  ừ: 0xf5,
  ử: 0xf6,
  ữ: 0xf7,
  ứ: 0xf8,
  ự: 0xf9,
  ỳ: 0xfa,
  ỷ: 0xfb,
  ỹ: 0xfc,
  ý: 0xfd,
  ỵ: 0xfe,
};

/** As typed with a .VnTime font: "Tổng cộng" → "Tæng céng". */
export function toTcvn3(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const code = TCVN3[ch] ?? TCVN3[ch.toLowerCase()];
    out += code === undefined ? ch : String.fromCharCode(code);
  }
  return out;
}

const VNI_TONE: Record<string, string> = { "\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï" };
const VNI_CIRCUMFLEX: Record<string, string> = {
  "": "â",
  "\u0301": "á",
  "\u0300": "à",
  "\u0309": "å",
  "\u0303": "ã",
  "\u0323": "ä",
};
const VNI_BREVE: Record<string, string> = {
  "": "ê",
  "\u0301": "é",
  "\u0300": "è",
  "\u0309": "ú",
  "\u0303": "ü",
  "\u0323": "ë",
};
const VNI_I: Record<string, string> = { "\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò" };

const upper = (s: string) => s.toUpperCase();

/** As typed with a VNI-Times font: "Tổng cộng" → "Toång coäng". */
export function toVni(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const parts = ch.normalize("NFD");
    const base = parts[0];
    const marks = parts.slice(1);
    const capital = base !== base.toLowerCase();
    const cap = (s: string) => (capital ? upper(s) : s);
    if (ch === "đ" || ch === "Đ") {
      out += cap("ñ");
      continue;
    }
    if (!marks) {
      out += ch;
      continue;
    }
    const tone = [...marks].find((m) => m in VNI_TONE) ?? "";
    if (marks.includes("\u031b")) {
      out += (base.toLowerCase() === "o" ? cap("ô") : cap("ö")) + (tone ? cap(VNI_TONE[tone]) : "");
    } else if (base.toLowerCase() === "i" && tone) {
      out += cap(VNI_I[tone]);
    } else if (base.toLowerCase() === "y" && tone === "\u0323") {
      out += cap("î");
    } else if (marks.includes("\u0302")) {
      out += base + cap(VNI_CIRCUMFLEX[tone]);
    } else if (marks.includes("\u0306")) {
      out += base + cap(VNI_BREVE[tone]);
    } else {
      out += base + cap(VNI_TONE[tone]);
    }
  }
  return out;
}
