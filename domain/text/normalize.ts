// Labels and headers are compared by a folded key: Unicode NFC first (so decomposed text
// from other programs matches), then case, diacritics, punctuation and spacing folded
// away, so "Giai đoạn 2021 - 2025" and "Giai đoạn 2021-2025" are the same header.

export function nfc(text: string): string {
  return text.normalize("NFC");
}

/** Anything outside ASCII (which NFD, the diacritics and "đ" cannot touch). */
const NOT_ASCII = /[^\u0000-\u007f]/;

export function foldKey(text: string): string {
  // ASCII (an STT, a number, most of a header): the same key without decomposing.
  if (!NOT_ASCII.test(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** "1." / "01" / "1" → "1"; used to match a printed STT with an item id. */
export function sttKey(text: string): string {
  return sttKeyOfFolded(foldKey(text));
}

/** sttKey from a string's foldKey (when the folded key is at hand already). */
export function sttKeyOfFolded(folded: string): string {
  const key = folded.replace(/ /g, ".");
  return key.replace(/(^|\.)0+(?=\d)/g, "$1").replace(/\.$/, "");
}
