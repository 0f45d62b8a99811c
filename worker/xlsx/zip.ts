// A zip reader that trusts nothing: the central directory is read by hand so every bound is
// checked before a byte is inflated, entries are found by exact name only (a name is never a
// path), and inflating stops at the declared size or the limit, whatever the headers say.
import { Inflate } from "fflate";
import { formatError, sniffBytes } from "./detect";
import { corrupt, XlsxError } from "./errors";
import type { XlsxLimits } from "./limits";

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  /** Entry names exactly as stored (never resolved as paths). */
  names: string[];
  /**
   * The bytes of one entry (inflated when compressed), or undefined when there is no entry of
   * that exact name. Every byte handed out, stored or inflated, counts against one budget for
   * the whole archive (`maxXmlBytes`), and an entry is handed out once: a part that would be
   * read twice is refused.
   */
  read(name: string): Uint8Array | undefined;
  /** The uncompressed size an entry declares (within the limits), or undefined when there is no such entry. */
  sizeOf(name: string): number | undefined;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/**
 * Compressed bytes per inflate step. Inflating stops at the first step past the budget, and
 * deflate expands at most ~1032×, so a step of `room` / 256 (room: what is left of the read's
 * XML budget) overshoots by at most 4× the room, and never more than 16 MiB (16 KiB × 1032:
 * about 50 ms of inflating zeros); small parts inflate in one step. Steps are not smaller: each
 * costs fflate a fresh output buffer of at least 160 KiB and two copies, and 2 KiB steps
 * (about 20 KB of sheet XML each) spent more time allocating than inflating (bench R rows: a
 * 6 MB sheet of figures inflated in 64 ms with 6 KiB steps, 35–43 ms with 16 KiB ones).
 */
function stepFor(room: number): number {
  return Math.min(16384, Math.max(2048, Math.ceil(room / 256)));
}

const utf8 = new TextDecoder("utf-8");

/** An entry name as shown in a message: it comes from the upload, so keep it short. */
function shown(name: string): string {
  return name.length > 60 ? `${name.slice(0, 60)}…` : name;
}

function findEnd(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= min; at--) {
    if (view.getUint32(at, true) === EOCD && at + 22 + view.getUint16(at + 20, true) === view.byteLength) return at;
  }
  throw corrupt("không tìm thấy mục lục của tệp nén");
}

/** `data` inflated, refused past `budget` bytes; steps sized from `room` (≥ budget: the read's XML budget left). */
function inflateBounded(data: Uint8Array, budget: number, room: number, onLimit: () => XlsxError): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflate = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > budget) throw onLimit();
    chunks.push(chunk);
    done ||= final;
  });
  try {
    for (let at = 0; at < data.length && !done;) {
      const end = Math.min(at + stepFor(room - total), data.length);
      inflate.push(data.subarray(at, end), end === data.length);
      at = end;
    }
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw corrupt("dữ liệu nén không hợp lệ");
  }
  if (!done) throw corrupt("dữ liệu nén bị cắt cụt");
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function openZip(bytes: Uint8Array, limits: XlsxLimits): ZipArchive {
  if (bytes.length > limits.maxUploadBytes) {
    throw new XlsxError("XLSX_TOO_LARGE", `Tệp quá lớn (tối đa ${limits.maxUploadBytes} byte).`, limits.maxUploadBytes);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22 || view.getUint16(0, true) !== 0x4b50) {
    // Not a zip package: say what it is (.xls, CSV, PDF, an HTML table, a password-protected file…).
    const format = sniffBytes(bytes);
    throw formatError(format === "xlsx" || format === "ods" || format === "fods" ? "unknown" : format);
  }
  const end = findEnd(view);
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff)
    throw new XlsxError("XLSX_UNSUPPORTED", "Tệp nén dạng ZIP64 không được hỗ trợ.");
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 8, true) !== count)
    throw corrupt("tệp nén nhiều phần");
  if (count > limits.maxEntries) {
    throw new XlsxError(
      "XLSX_TOO_MANY_ENTRIES",
      `Tệp nén có quá nhiều thành phần (${count}, tối đa ${limits.maxEntries}).`,
      limits.maxEntries,
    );
  }
  if (dirOffset + dirSize > end) throw corrupt("mục lục nằm ngoài tệp");

  const entries = new Map<string, Entry>();
  let declared = 0;
  let at = dirOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) throw corrupt("mục lục không hợp lệ");
    const flags = view.getUint16(at + 8, true);
    const entry: Entry = {
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: "",
    };
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > end) throw corrupt("mục lục không hợp lệ");
    entry.name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (flags & 1)
      throw new XlsxError("XLSX_UNSUPPORTED", "Tệp có thành phần được mã hóa; hãy bỏ mật khẩu rồi lưu lại.");
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff)
      throw new XlsxError("XLSX_UNSUPPORTED", "Tệp nén dạng ZIP64 không được hỗ trợ.");
    if (entry.size > limits.maxPartBytes) throw inflateLimit(limits.maxPartBytes, entry.name);
    declared += entry.size;
    if (declared > limits.maxTotalBytes) throw inflateLimit(limits.maxTotalBytes);
    if (entries.has(entry.name)) throw corrupt(`thành phần "${shown(entry.name)}" lặp lại`);
    entries.set(entry.name, entry);
    at = next;
  }

  let handed = 0;
  const done = new Set<string>();
  return {
    names: [...entries.keys()],
    sizeOf: (name) => entries.get(name)?.size,
    read(name) {
      const entry = entries.get(name);
      if (!entry) return undefined;
      if (done.has(name)) throw corrupt(`thành phần "${shown(name)}" được đọc nhiều lần`);
      done.add(name);
      // Stored or deflated, what the XML reader gets is counted; a part declaring more than
      // what is left is refused before a byte of it is copied or inflated.
      if (entry.size > limits.maxXmlBytes - handed) throw xmlLimit(limits.maxXmlBytes);
      const local = entry.localOffset;
      if (local + 30 > dirOffset || view.getUint32(local, true) !== LOCAL) throw corrupt(`thành phần "${shown(name)}"`);
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const stop = start + entry.compressedSize;
      if (stop > dirOffset) throw corrupt(`thành phần "${shown(name)}" vượt ra ngoài tệp`);
      const data = bytes.subarray(start, stop);
      let out: Uint8Array;
      if (entry.method === 0) {
        if (entry.compressedSize !== entry.size) throw corrupt(`thành phần "${shown(name)}"`);
        out = data;
      } else if (entry.method === 8) {
        // The declared size already passed the limits; a part may not grow past it either.
        out = inflateBounded(data, entry.size, limits.maxXmlBytes - handed, () => inflateLimit(entry.size, name));
        if (out.length !== entry.size) throw corrupt(`kích thước thành phần "${shown(name)}" không khớp`);
      } else {
        throw new XlsxError(
          "XLSX_UNSUPPORTED",
          `Thành phần "${shown(name)}" dùng kiểu nén không được hỗ trợ (${entry.method}).`,
        );
      }
      handed += out.length;
      return out;
    },
  };
}

/** The parts read together would give the XML reader more than one read may parse. */
function xmlLimit(limit: number): XlsxError {
  return new XlsxError(
    "XLSX_INFLATE_LIMIT",
    `Nội dung bảng tính quá lớn: các phần XML cần đọc vượt quá ${limit} byte khi giải nén. ` +
      "Hãy xóa các sheet, dòng, cột hoặc định dạng thừa rồi lưu lại.",
    limit,
  );
}

function inflateLimit(limit: number, name?: string): XlsxError {
  const what = name ? `Thành phần "${shown(name)}"` : "Nội dung tệp";
  return new XlsxError("XLSX_INFLATE_LIMIT", `${what} khi giải nén vượt quá giới hạn ${limit} byte.`, limit);
}
