// The stream names of an OLE2 compound file ([MS-CFB]): the container of Excel 97–2003
// workbooks ("Workbook", or "Book" for Excel 5/95), Word 97–2003 documents ("WordDocument") and
// password-protected Office Open XML files ("EncryptionInfo", "EncryptedPackage"). Only to say
// what an upload is: the directory chain is followed through the FAT sectors the header lists,
// and every step is bounded by the file's own size, so a looping or lying file ends quickly.

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
/** Directory entries read at most: real files have a handful. */
const MAX_ENTRIES = 4096;

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, k) => bytes[k] === b);
}

/** The names of the directory entries (storages and streams), or [] when the directory cannot be read. */
export function compoundFileNames(bytes: Uint8Array): string[] {
  if (!isCompoundFile(bytes) || bytes.length < 512) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return [];
  const size = 1 << shift;
  const sectors = Math.floor((bytes.length - size) / size) + (bytes.length % size ? 1 : 0);
  const offset = (sector: number) => (sector + 1) * size;
  const perFat = size / 4;
  // The header lists the first 109 FAT sectors: 7 MB of 512-byte sectors, more than an upload.
  const fatSectors: number[] = [];
  const fatCount = Math.min(view.getUint32(0x2c, true), 109);
  for (let k = 0; k < fatCount; k++) fatSectors.push(view.getUint32(0x4c + 4 * k, true));
  const next = (sector: number): number => {
    const fat = fatSectors[Math.floor(sector / perFat)];
    if (fat === undefined || fat >= sectors) return END_OF_CHAIN;
    const at = offset(fat) + 4 * (sector % perFat);
    return at + 4 <= bytes.length ? view.getUint32(at, true) : END_OF_CHAIN;
  };
  const names: string[] = [];
  const seen = new Set<number>();
  for (
    let sector = view.getUint32(0x30, true);
    sector < sectors && !seen.has(sector) && names.length < MAX_ENTRIES;
    sector = next(sector)
  ) {
    seen.add(sector);
    for (let at = offset(sector); at + 128 <= Math.min(offset(sector) + size, bytes.length); at += 128) {
      const length = view.getUint16(at + 0x40, true);
      const type = bytes[at + 0x42];
      if (type === 0 || length < 2 || length > 64) continue;
      let name = "";
      for (let k = 0; k < length - 2; k += 2) name += String.fromCharCode(view.getUint16(at + k, true));
      names.push(name);
    }
  }
  return names;
}
