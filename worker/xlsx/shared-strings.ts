// xl/sharedStrings.xml → the string table. Rich text runs are concatenated; phonetic guides
// (<rPh>) are not part of the text.
import type { XlsxLimits } from "./limits";
import { checkLength, unescapeOoxml } from "./text";
import { scanXml } from "./xml";

export function parseSharedStrings(xml: string, limits: XlsxLimits): string[] {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  // Names only (no attribute is read), and only the text inside <t> is copied.
  scanXml(xml, {
    wantText: () => inText,
    open(name) {
      if (name === "si") current = "";
      else if (name === "rPh") phonetic++;
      else if (name === "t" && current !== null && !phonetic) inText = true;
    },
    text(t) {
      if (inText) current = checkLength(current + t, limits);
    },
    close(name) {
      if (name === "t") inText = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si" && current !== null) {
        strings.push(unescapeOoxml(current));
        current = null;
      }
    },
  });
  return strings;
}
