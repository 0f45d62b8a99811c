// A minimal XML tokenizer for the parts of a workbook. XML's dangerous features are refused,
// not configured away: any DOCTYPE or other "<!" declaration, and any entity but the five
// predefined ones and numeric character references. Prefixes are dropped from element and
// attribute names ("x:c" → "c", "r:id" → "id"): SpreadsheetML never needs two namespaces with
// the same local name in the places we read.
import { corrupt, XlsxError } from "./errors";

export type Attributes = Record<string, string>;

export interface XmlHandler {
  open?(name: string, attrs: Attributes, selfClosing: boolean): void;
  close?(name: string): void;
  /** Character data between tags (entities decoded), including whitespace-only runs. */
  text?(text: string): void;
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function forbidden(what: string): XlsxError {
  return new XlsxError("XLSX_DTD_FORBIDDEN", `Tệp chứa ${what}; khai báo DTD và thực thể XML không được chấp nhận.`);
}

export function decodeEntities(raw: string): string {
  let amp = raw.indexOf("&");
  if (amp < 0) return raw;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(";", amp);
    if (semi < 0 || semi - amp > 12) throw corrupt("ký tự & không hợp lệ trong XML");
    const name = raw.slice(amp + 1, semi);
    let char: string;
    if (name.charCodeAt(0) === 0x23 /* # */) {
      const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      const digits = name[1] === "x" ? /^#x[0-9a-fA-F]+$/ : /^#[0-9]+$/;
      if (!digits.test(name) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        throw corrupt("tham chiếu ký tự không hợp lệ trong XML");
      }
      char = String.fromCodePoint(code);
    } else {
      const known = PREDEFINED[name];
      if (known === undefined) throw forbidden(`thực thể "&${name.slice(0, 20)};"`);
      char = known;
    }
    out += raw.slice(from, amp) + char;
    from = semi + 1;
    amp = raw.indexOf("&", from);
  }
  return out + raw.slice(from);
}

function localName(qname: string): string {
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** Ends an element or attribute name: whitespace, "/", ">" or "=". */
const nameEnds = (c: number) => isSpace(c) || c === 0x2f || c === 0x3e || c === 0x3d;

export function parseXml(xml: string, handler: XmlHandler): void {
  const n = xml.length;
  const stack: string[] = [];
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    const stop = lt < 0 ? n : lt;
    if (stop > i) {
      if (stack.length === 0 && xml.slice(i, stop).trim()) throw corrupt("văn bản nằm ngoài phần tử gốc XML");
      if (handler.text && stack.length) handler.text(decodeEntities(xml.slice(i, stop)));
    }
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      const end = xml.indexOf("?>", lt + 2);
      if (end < 0) throw corrupt("XML bị cắt cụt");
      i = end + 2;
      continue;
    }
    if (next === 0x21 /* ! */) {
      if (xml.startsWith("<!--", lt)) {
        const end = xml.indexOf("-->", lt + 4);
        if (end < 0) throw corrupt("XML bị cắt cụt");
        i = end + 3;
      } else if (xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end < 0 || !stack.length) throw corrupt("XML bị cắt cụt");
        handler.text?.(xml.slice(lt + 9, end));
        i = end + 3;
      } else {
        throw forbidden(xml.startsWith("<!DOCTYPE", lt) ? "khai báo DOCTYPE" : 'khai báo "<!"');
      }
      continue;
    }
    if (next === 0x2f /* / */) {
      const end = xml.indexOf(">", lt + 2);
      if (end < 0) throw corrupt("XML bị cắt cụt");
      const name = xml.slice(lt + 2, end).trim();
      if (stack.pop() !== name) throw corrupt("thẻ XML không khớp");
      handler.close?.(localName(name));
      i = end + 1;
      continue;
    }
    i = openTag(xml, lt + 1, stack, handler);
  }
  if (stack.length) throw corrupt("XML bị cắt cụt");
}

/** Reads a start tag from just after "<"; returns the index after its ">". */
function openTag(xml: string, from: number, stack: string[], handler: XmlHandler): number {
  const n = xml.length;
  let j = from;
  while (j < n && !nameEnds(xml.charCodeAt(j))) j++;
  const name = xml.slice(from, j);
  if (!name) throw corrupt("thẻ XML không hợp lệ");
  const attrs: Attributes = {};
  for (;;) {
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    if (j >= n) throw corrupt("XML bị cắt cụt");
    const c = xml.charCodeAt(j);
    if (c === 0x3e /* > */) {
      stack.push(name);
      handler.open?.(localName(name), attrs, false);
      return j + 1;
    }
    if (c === 0x2f /* / */) {
      if (xml.charCodeAt(j + 1) !== 0x3e) throw corrupt("thẻ XML không hợp lệ");
      handler.open?.(localName(name), attrs, true);
      handler.close?.(localName(name));
      return j + 2;
    }
    const start = j;
    while (j < n && !nameEnds(xml.charCodeAt(j))) j++;
    const attr = xml.slice(start, j);
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    if (!attr || xml[j] !== "=") throw corrupt("thuộc tính XML không hợp lệ");
    j++;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    const quote = xml[j];
    if (quote !== '"' && quote !== "'") throw corrupt("thuộc tính XML không hợp lệ");
    const end = xml.indexOf(quote, j + 1);
    if (end < 0) throw corrupt("XML bị cắt cụt");
    const value = xml.slice(j + 1, end);
    if (value.includes("<")) throw corrupt("thuộc tính XML không hợp lệ");
    attrs[localName(attr)] = decodeEntities(value);
    j = end + 1;
  }
}

const utf8 = new TextDecoder("utf-8");

/** A part's bytes as text. Parts must be UTF-8 (what Excel and LibreOffice write). */
export function partText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new XlsxError("XLSX_UNSUPPORTED", "Tệp dùng mã hóa UTF-16 cho XML, không được hỗ trợ.");
  }
  return utf8.decode(bytes);
}
