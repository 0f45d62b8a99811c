// Text typed in the legacy TCVN3 (ABC) or VNI encodings shows up in Unicode files as
// Latin-1 look-alikes ("Tæng céng", "Toång coäng"). We detect it to tell the user why a
// label does not match, rather than guess a conversion.

export type LegacyEncoding = "TCVN3" | "VNI";

const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/;
const TCVN3_MARKS = /[\u00a1-\u00a7\u00a9-\u00ae\u00b5-\u00be\u00c6\u00e6\u00f8]/;
const VNI_MARKS = /[aeiouyAEIOUY][\u00f8\u00f9\u00fb\u00f5\u00ef\u00e4\u00e5\u00eb\u00f6\u00e1\u00e0\u00e2\u00e3]|[\u00d1\u00f1](?=[aeiouAEIOU])/;

export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  if (UNICODE_VIETNAMESE.test(text.normalize("NFC"))) return null;
  if (TCVN3_MARKS.test(text)) return "TCVN3";
  if (VNI_MARKS.test(text)) return "VNI";
  return null;
}
