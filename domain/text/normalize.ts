// Labels and headers are compared by a folded key: Unicode NFC first (so decomposed text
// from other programs matches), then case, diacritics, punctuation and spacing folded
// away, so "Giai đoạn 2021 - 2025" and "Giai đoạn 2021-2025" are the same header.

export function nfc(text: string): string {
  return text.normalize("NFC");
}

export function foldKey(text: string): string {
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
  const key = foldKey(text).replace(/ /g, ".");
  return key.replace(/(^|\.)0+(?=\d)/g, "$1").replace(/\.$/, "");
}
