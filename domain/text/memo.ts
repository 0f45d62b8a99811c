// Text work for one read, done once per distinct string. A workbook may reference one long
// shared string from thousands of cells; the reader looks at each cell while finding the
// header and the rows, and folding (NFD, diacritics, case) or trimming the same 32,767
// characters thousands of times would cost seconds. One memo per read (never shared between
// requests): each distinct string is folded, keyed and checked for legacy encodings at most
// once, and every later look is a map lookup (V8 keeps a string's hash with the string).
// Trimming a short string costs less than looking it up, so only long ones are kept.
import { analyseLegacy, hasUnicodeVietnamese, type LegacyEncoding, legacyToUnicode } from "./legacy";
import { type HeaderWords, readHeaderWords } from "./header-words";
import { foldKey, sttKeyOfFolded } from "./normalize";

/** Strings up to this length are trimmed afresh (bounded work per cell); longer ones once. */
const TRIM_DIRECTLY = 256;

export class TextMemo {
  private readonly trimmed = new Map<string, string>();
  private readonly folded = new Map<string, string>();
  private readonly keyed = new Map<string, string>();
  private readonly legacyOf = new Map<string, { encoding: LegacyEncoding; unicode: string } | null>();
  private readonly wordsOf = new Map<string, HeaderWords>();
  private readonly asEncoding = new Map<string, string>();

  /** `text.trim()`. */
  trim(text: string): string {
    if (text.length <= TRIM_DIRECTLY) return text.trim();
    let out = this.trimmed.get(text);
    if (out === undefined) this.trimmed.set(text, (out = text.trim()));
    return out;
  }

  /** `foldKey(text)`. */
  fold(text: string): string {
    let out = this.folded.get(text);
    if (out === undefined) this.folded.set(text, (out = foldKey(text)));
    return out;
  }

  /** `sttKey(text)`. */
  stt(text: string): string {
    let out = this.keyed.get(text);
    if (out === undefined) this.keyed.set(text, (out = sttKeyOfFolded(this.fold(text))));
    return out;
  }

  private legacyText(text: string) {
    let out = this.legacyOf.get(text);
    if (out === undefined) this.legacyOf.set(text, (out = analyseLegacy(text)));
    return out;
  }

  /** `detectLegacyEncoding(text)`. */
  legacy(text: string): LegacyEncoding | null {
    return this.legacyText(text)?.encoding ?? null;
  }

  /** The text as the person sees it: legacy TCVN3/VNI text converted to Unicode, anything else as is. */
  readable(text: string): string {
    return this.legacyText(text)?.unicode ?? text;
  }

  /**
   * `readable(text)`, and on a sheet known to be typed in a legacy font (`encoding`), also text
   * the detector alone cannot tell from Unicode ("Néi dung" is TCVN3 for "Nội dung").
   */
  readableAs(text: string, encoding: LegacyEncoding | null | undefined): string {
    if (!encoding || this.legacyText(text)) return this.readable(text);
    if (!/[\u00a0-\u00ff]/.test(text)) return text;
    const key = `${encoding}\u0000${text}`;
    let out = this.asEncoding.get(key);
    if (out === undefined)
      this.asEncoding.set(key, (out = hasUnicodeVietnamese(text) ? text : legacyToUnicode(text, encoding)));
    return out;
  }

  /** `readHeaderWords(folded)`: what a folded header text says (header-words.ts). */
  headerWords(folded: string): HeaderWords {
    let out = this.wordsOf.get(folded);
    if (out === undefined) this.wordsOf.set(folded, (out = readHeaderWords(folded)));
    return out;
  }

  /** `foldKey(readable(text))`: headers and labels compared as the person reads them. */
  foldReadable(text: string): string {
    return this.fold(this.readable(text));
  }
}

/** Text shown inside a message: enough to find the cell, never the whole of a hostile string. */
export function excerpt(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
