// A minimal OLE2 compound file ([MS-CFB], version 3, 512-byte sectors) holding the given
// streams, for the files no installed program writes: a password-protected .xlsx is such a
// container with an "EncryptionInfo" and an "EncryptedPackage" stream (what Excel writes; the
// LibreOffice here refuses to write one headless). Web APIs only, so the workerd tests can
// build one too. Every stream lives in regular sectors (real files keep streams under 4 KiB in
// the mini stream): readers that only list the directory, as ours does, see no difference.

const SECTOR = 512;
const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;

export function compoundFile(streams: Record<string, Uint8Array>): Uint8Array<ArrayBuffer> {
  const names = Object.keys(streams);
  if (names.length > 3) throw new Error("compoundFile: at most 3 streams (one directory sector)");
  const dataSectors = names.map((n) => Math.max(1, Math.ceil(streams[n].length / SECTOR)));
  const total = 2 + dataSectors.reduce((a, b) => a + b, 0); // FAT, directory, data
  if (total > SECTOR / 4) throw new Error("compoundFile: streams too large for one FAT sector");
  const out = new Uint8Array(SECTOR * (1 + total));
  const view = new DataView(out.buffer);
  // Header.
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  view.setUint16(0x18, 0x3e, true); // minor version
  view.setUint16(0x1a, 3, true); // major version
  view.setUint16(0x1c, 0xfffe, true); // byte order
  view.setUint16(0x1e, 9, true); // sector shift: 512
  view.setUint16(0x20, 6, true); // mini sector shift: 64
  view.setUint32(0x2c, 1, true); // FAT sectors
  view.setUint32(0x30, 1, true); // first directory sector
  view.setUint32(0x38, 4096, true); // mini stream cutoff
  view.setUint32(0x3c, END_OF_CHAIN, true); // first mini FAT sector
  view.setUint32(0x44, END_OF_CHAIN, true); // first DIFAT sector
  for (let k = 0; k < 109; k++) view.setUint32(0x4c + 4 * k, k === 0 ? 0 : FREE, true);
  const sector = (n: number) => SECTOR * (n + 1);
  // FAT.
  const fat = (n: number, next: number) => view.setUint32(sector(0) + 4 * n, next, true);
  for (let n = 0; n < SECTOR / 4; n++) fat(n, FREE);
  fat(0, FAT_SECTOR);
  fat(1, END_OF_CHAIN);
  // Directory: the root, then each stream, each the right sibling of the one before.
  const entry = (
    index: number,
    name: string,
    type: number,
    child: number,
    right: number,
    start: number,
    size: number,
  ) => {
    const at = sector(1) + 128 * index;
    for (let k = 0; k < name.length; k++) view.setUint16(at + 2 * k, name.charCodeAt(k), true);
    view.setUint16(at + 0x40, 2 * (name.length + 1), true);
    out[at + 0x42] = type;
    out[at + 0x43] = 1; // black
    view.setUint32(at + 0x44, FREE, true); // left sibling
    view.setUint32(at + 0x48, right, true);
    view.setUint32(at + 0x4c, child, true);
    view.setUint32(at + 0x74, start, true);
    view.setUint32(at + 0x78, size, true);
  };
  entry(0, "Root Entry", 5, names.length ? 1 : FREE, FREE, END_OF_CHAIN, 0);
  let next = 2;
  names.forEach((name, k) => {
    const bytes = streams[name];
    const first = next;
    out.set(bytes, sector(first));
    for (let s = 0; s < dataSectors[k]; s++) fat(first + s, s === dataSectors[k] - 1 ? END_OF_CHAIN : first + s + 1);
    next += dataSectors[k];
    entry(k + 1, name, 2, FREE, k + 1 < names.length ? k + 2 : FREE, first, bytes.length);
  });
  for (let k = names.length + 1; k < 4; k++) {
    const at = sector(1) + 128 * k;
    view.setUint32(at + 0x44, FREE, true);
    view.setUint32(at + 0x48, FREE, true);
    view.setUint32(at + 0x4c, FREE, true);
  }
  return out;
}

/**
 * A password-protected .xlsx as Excel writes it: the package encrypted inside a compound file,
 * beside the description of how ("EncryptionInfo", agile encryption: version 4.4, then XML).
 */
export function encryptedWorkbook(): Uint8Array<ArrayBuffer> {
  const info = new TextEncoder().encode(
    '\u0004\u0000\u0004\u0000\u0040\u0000\u0000\u0000<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" ' +
      'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>',
  );
  const pkg = new Uint8Array(8 + 4096);
  new DataView(pkg.buffer).setUint32(0, 9000, true); // the plain package's size, then ciphertext
  for (let k = 8; k < pkg.length; k++) pkg[k] = (k * 131 + 7) & 0xff;
  return compoundFile({ EncryptionInfo: info, EncryptedPackage: pkg });
}
