// Text work for one read, done once per distinct string. A workbook may reference one long
// shared string from thousands of cells; the reader looks at each cell while finding the
// header and the rows, and folding (NFD, diacritics, case) or trimming the same 32,767
// characters thousands of times would cost seconds. One memo per read (never shared between
// requests): each distinct string is folded, keyed and checked for legacy encodings at most
// once, and every later look is a map lookup (V8 keeps a string's hash with the string).
// Trimming a short string costs less than looking it up, so only long ones are kept.
import { detectLegacyEncoding, type LegacyEncoding } from "./legacy";
import { foldKey, sttKeyOfFolded } from "./normalize";

/** Strings up to this length are trimmed afresh (bounded work per cell); longer ones once. */
const TRIM_DIRECTLY = 256;

export class TextMemo {
  private readonly trimmed = new Map<string, string>();
  private readonly folded = new Map<string, string>();
  private readonly keyed = new Map<string, string>();
  private readonly legacyOf = new Map<string, LegacyEncoding | null>();

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

  /** `detectLegacyEncoding(text)`. */
  legacy(text: string): LegacyEncoding | null {
    let out = this.legacyOf.get(text);
    if (out === undefined) this.legacyOf.set(text, (out = detectLegacyEncoding(text)));
    return out;
  }
}

/** Text shown inside a message: enough to find the cell, never the whole of a hostile string. */
export function excerpt(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
