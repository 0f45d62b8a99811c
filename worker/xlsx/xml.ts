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

/**
 * The attributes of the start tag being read, as positions in the text: nothing is copied or
 * decoded until a handler asks for a value, so a tag nobody reads (a styled empty cell, an
 * element the reader ignores) costs one pass over its characters and no allocation. One object
 * for the whole document, valid only during the `open` call it is passed to.
 */
export class Tag {
  /**
   * Five numbers per attribute: its local name's start and end, its raw value's start and end,
   * 1 if the value has an "&".
   */
  private readonly at: number[] = [];
  count = 0;

  constructor(readonly xml: string) {}

  /** The attribute with this local name, the last when a tag repeats it (as an object keeps it); -1 when absent. */
  index(name: string): number {
    const at = this.at;
    for (let k = this.count - 1; k >= 0; k--) {
      const from = at[5 * k];
      if (at[5 * k + 1] - from === name.length && this.xml.startsWith(name, from)) return k;
    }
    return -1;
  }

  /** Attribute k's value, entities decoded. */
  value(k: number): string {
    const raw = this.xml.slice(this.at[5 * k + 2], this.at[5 * k + 3]);
    return this.at[5 * k + 4] ? decodeEntities(raw) : raw;
  }

  get(name: string): string | undefined {
    const k = this.index(name);
    return k < 0 ? undefined : this.value(k);
  }

  /** Attribute k's value starts here in `xml` and is exactly that text (no entity): it can be read in place. */
  plainFrom(k: number): number {
    return this.at[5 * k + 4] ? -1 : this.at[5 * k + 2];
  }

  /** End of attribute k's raw value in `xml`. */
  to(k: number): number {
    return this.at[5 * k + 3];
  }

  /** Every attribute as an object, by local name (what parseXml hands out). */
  all(): Attributes {
    const attrs: Attributes = {};
    for (let k = 0; k < this.count; k++) attrs[this.xml.slice(this.at[5 * k], this.at[5 * k + 1])] = this.value(k);
    return attrs;
  }

  add(localFrom: number, localTo: number, from: number, to: number, entity: boolean): void {
    const k = 5 * this.count++;
    this.at[k] = localFrom;
    this.at[k + 1] = localTo;
    this.at[k + 2] = from;
    this.at[k + 3] = to;
    this.at[k + 4] = entity ? 1 : 0;
  }
}

/** What scanXml reports: parseXml's events, attributes read on demand, text only when wanted. */
export interface XmlScanner {
  open?(name: string, tag: Tag, selfClosing: boolean): void;
  close?(name: string): void;
  /** Character data between tags (entities decoded), including whitespace-only runs. */
  text?(text: string): void;
  /**
   * A SpreadsheetML shortcut for the cells Excel writes by the hundred thousand: an empty styled
   * one, `<c r="B7" s="3"/>`, and one holding a value, `<c r="B7" s="3" t="s"><v>12</v></c>`
   * (r of letters and digits, then s of digits and t of letters when present, the value without
   * "<" or "&"). Such a cell is well-formed by its shape alone, so it is matched character by
   * character and reported here at once (where its parts are in the text), instead of as five
   * events with their strings; any other form of cell takes the general path.
   */
  cell?(cell: CellSpan): void;
  /**
   * Whether `text` wants the next run. When it does not, the run is only checked (an unknown
   * entity is refused all the same) and never copied: whitespace between rows and cells is free.
   */
  wantText?(): boolean;
}

/** Every tag with its attributes as an object: for the small parts (relationships, workbook, styles). */
export function parseXml(xml: string, handler: XmlHandler): void {
  scanXml(xml, {
    open: handler.open && ((name, tag, selfClosing) => handler.open!(name, tag.all(), selfClosing)),
    close: handler.close?.bind(handler),
    text: handler.text?.bind(handler),
  });
}

/**
 * The tokenizer behind parseXml (the handler's methods are called without `this`). Every tag is
 * checked the same way whatever the handler reads;
 * the search for "&" and "<" inside attribute values and text is one cursor each moving forward
 * through the document (linear, however many tags there are).
 */
export function scanXml(xml: string, handler: XmlScanner): void {
  const n = xml.length;
  const stack: string[] = [];
  const tag = new Tag(xml);
  let amp = xml.indexOf("&");
  let lessThan = 0;
  /** Whether xml[from, to) holds an "&"; `from` never decreases between calls. */
  const hasAmp = (from: number, to: number) => {
    if (amp >= 0 && amp < from) amp = xml.indexOf("&", from);
    return amp >= 0 && amp < to;
  };
  const { open, close, text, wantText, cell } = handler;
  const span = new CellSpan();

  /** Reads a start tag from just after "<"; returns the index after its ">". */
  const openTag = (from: number): number => {
    let j = from;
    let colon = -1;
    for (let c = xml.charCodeAt(j); j < n && !nameEnds(c); c = xml.charCodeAt(++j))
      if (c === 0x3a && colon < 0) colon = j;
    if (j === from) throw corrupt("thẻ XML không hợp lệ");
    const name = xml.slice(from, j);
    const local = colon < 0 ? name : xml.slice(colon + 1, j);
    tag.count = 0;
    for (;;) {
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (j >= n) throw corrupt("XML bị cắt cụt");
      const c = xml.charCodeAt(j);
      if (c === 0x3e /* > */) {
        stack.push(name);
        open?.(local, tag, false);
        return j + 1;
      }
      if (c === 0x2f /* / */) {
        if (xml.charCodeAt(j + 1) !== 0x3e) throw corrupt("thẻ XML không hợp lệ");
        open?.(local, tag, true);
        close?.(local);
        return j + 2;
      }
      const start = j;
      let localFrom = j;
      for (let a = c; j < n && !nameEnds(a); a = xml.charCodeAt(++j))
        if (a === 0x3a && localFrom === start) localFrom = j + 1;
      const nameEnd = j;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (nameEnd === start || xml.charCodeAt(j) !== 0x3d /* = */) throw corrupt("thuộc tính XML không hợp lệ");
      j++;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      const quote = xml.charCodeAt(j);
      if (quote !== 0x22 && quote !== 0x27) throw corrupt("thuộc tính XML không hợp lệ");
      const end = xml.indexOf(quote === 0x22 ? '"' : "'", j + 1);
      if (end < 0) throw corrupt("XML bị cắt cụt");
      if (lessThan >= 0 && lessThan <= j) lessThan = xml.indexOf("<", j + 1);
      if (lessThan >= 0 && lessThan < end) throw corrupt("thuộc tính XML không hợp lệ");
      const entity = hasAmp(j + 1, end);
      if (entity) decodeEntities(xml.slice(j + 1, end)); // refused now, whether or not it is read
      tag.add(localFrom, nameEnd, j + 1, end, entity);
      j = end + 1;
    }
  };

  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    // Tags usually follow one another: no search (a built-in call) when the next one is here.
    const lt = xml.charCodeAt(i) === 0x3c ? i : xml.indexOf("<", i);
    const stop = lt < 0 ? n : lt;
    if (stop > i) {
      if (stack.length === 0) {
        if (xml.slice(i, stop).trim()) throw corrupt("văn bản nằm ngoài phần tử gốc XML");
      } else if (text) {
        if (!wantText || wantText()) text(decodeEntities(xml.slice(i, stop)));
        else if (hasAmp(i, stop)) decodeEntities(xml.slice(i, stop));
      }
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
        if (text && (!wantText || wantText())) text(xml.slice(lt + 9, end));
        i = end + 3;
      } else {
        throw forbidden(xml.startsWith("<!DOCTYPE", lt) ? "khai báo DOCTYPE" : 'khai báo "<!"');
      }
      continue;
    }
    if (next === 0x2f /* / */) {
      const end = xml.indexOf(">", lt + 2);
      if (end < 0) throw corrupt("XML bị cắt cụt");
      // The name as written between "</" and ">", spaces around it allowed: compared in place.
      let from = lt + 2;
      let to = end;
      while (from < to && isSpace(xml.charCodeAt(from))) from++;
      while (to > from && isSpace(xml.charCodeAt(to - 1))) to--;
      const name = stack.pop();
      if (name === undefined || to - from !== name.length || !xml.startsWith(name, from))
        throw corrupt("thẻ XML không khớp");
      close?.(localName(name));
      i = end + 1;
      continue;
    }
    if (cell && next === 0x63 /* c */) {
      const end = cellEnd(xml, lt, span);
      if (end > 0 && (span.value < 0 || !hasAmp(span.value, span.valueEnd))) {
        cell(span);
        i = end;
        continue;
      }
    }
    i = openTag(lt + 1);
  }
  if (stack.length) throw corrupt("XML bị cắt cụt");
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Where the parts of a cell matched by cellEnd are in the text (-1: absent). Reused for every cell. */
export class CellSpan {
  ref = 0;
  refEnd = 0;
  style = -1;
  styleEnd = -1;
  type = -1;
  typeEnd = -1;
  /** The raw text of <v> (no entity in it), or -1 for an empty cell. */
  value = -1;
  valueEnd = -1;
}

const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** ` name="` at j, for a one-letter name; returns the index after the quote, or -1. */
function attrStart(xml: string, j: number, name: number): number {
  return xml.charCodeAt(j) === 0x20 &&
    xml.charCodeAt(j + 1) === name &&
    xml.charCodeAt(j + 2) === 0x3d /* = */ &&
    xml.charCodeAt(j + 3) === 0x22 /* " */
    ? j + 4
    : -1;
}

/**
 * The index after a cell of the shapes `XmlScanner.cell` describes, starting at `lt`, its parts
 * noted in `span`; -1 for any other form. Character codes only: a built-in call per cell
 * (startsWith, slice) would cost more than the rest of the cell.
 */
function cellEnd(xml: string, lt: number, span: CellSpan): number {
  let j = attrStart(xml, lt + 2, 0x72 /* r */);
  if (j < 0) return -1;
  span.ref = j;
  while (isDigit(xml.charCodeAt(j)) || (xml.charCodeAt(j) >= 0x41 && xml.charCodeAt(j) <= 0x5a)) j++;
  if (xml.charCodeAt(j) !== 0x22) return -1;
  span.refEnd = j++;
  span.style = span.styleEnd = span.type = span.typeEnd = span.value = span.valueEnd = -1;
  let at = attrStart(xml, j, 0x73 /* s */);
  if (at > 0) {
    for (span.style = j = at; isDigit(xml.charCodeAt(j));) j++;
    if (xml.charCodeAt(j) !== 0x22) return -1;
    span.styleEnd = j++;
  }
  at = attrStart(xml, j, 0x74 /* t */);
  if (at > 0) {
    for (span.type = j = at; isLetter(xml.charCodeAt(j));) j++;
    if (xml.charCodeAt(j) !== 0x22) return -1;
    span.typeEnd = j++;
  }
  if (xml.charCodeAt(j) === 0x2f /* / */) return xml.charCodeAt(j + 1) === 0x3e /* > */ ? j + 2 : -1;
  // >, <v>, the value up to the next "<", then </v></c>.
  if (xml.charCodeAt(j) !== 0x3e || !xml.startsWith("<v>", j + 1)) return -1;
  span.value = j + 4;
  const end = xml.indexOf("<", j + 4);
  if (end < 0 || !xml.startsWith("</v></c>", end)) return -1;
  span.valueEnd = end;
  return end + 8;
}

const utf8 = new TextDecoder("utf-8");

/** A part's bytes as text. Parts must be UTF-8 (what Excel and LibreOffice write). */
export function partText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new XlsxError("XLSX_UNSUPPORTED", "Tệp dùng mã hóa UTF-16 cho XML, không được hỗ trợ.");
  }
  return utf8.decode(bytes);
}
