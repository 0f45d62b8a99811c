// Hand-made .xlsx packages for the reader's edge cases and hostile files: the minimal parts
// of a workbook, any of which a test replaces, zipped with fflate.
import { zipSync, type Zippable } from "fflate";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export function sheetXml(rows: string, extra = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData>${extra}</worksheet>`;
}

export function minimalParts(
  sheets: Record<string, string> = { Sheet1: sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row>`) },
  sst?: string,
): Record<string, string | Uint8Array> {
  const names = Object.keys(sheets);
  const parts: Record<string, string | Uint8Array> = {
    "[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    "_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${names.map((n, k) => `<sheet name="${n}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join("")}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels":
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      names
        .map((_, k) => `<Relationship Id="rId${k + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`)
        .join("") +
      (sst ? `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : "") +
      `</Relationships>`,
  };
  names.forEach((n, k) => (parts[`xl/worksheets/sheet${k + 1}.xml`] = sheets[n]));
  if (sst) parts["xl/sharedStrings.xml"] = sst;
  return parts;
}

export function zipParts(parts: Record<string, string | Uint8Array>, level: 0 | 6 | 9 = 6): Uint8Array {
  const files: Zippable = {};
  const enc = new TextEncoder();
  for (const [name, body] of Object.entries(parts)) files[name] = typeof body === "string" ? enc.encode(body) : body;
  return zipSync(files, { level });
}

/** Overwrites the uncompressed size an entry declares, in its local header and the central directory. */
export function lieAboutSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const want = new TextEncoder().encode(name);
  const matches = (at: number) => want.every((b, k) => out[at + k] === b);
  for (let at = 0; at + 46 < out.length; at++) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50 && view.getUint16(at + 26, true) === want.length && matches(at + 30))
      view.setUint32(at + 22, size, true);
    if (sig === 0x02014b50 && view.getUint16(at + 28, true) === want.length && matches(at + 46))
      view.setUint32(at + 24, size, true);
  }
  return out;
}
