// Whether a PNG shows something: decodes the image data (zlib) and checks that its pixels are
// not all one colour. Enough to catch a blank or failed screenshot without an image library.
import { inflateSync } from "node:zlib";

export function isNonBlankPng(png: Buffer): boolean {
  if (png.length < 100 || png.readUInt32BE(0) !== 0x89504e47) return false;
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const bitDepth = png[24];
  const colourType = png[25];
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colourType as 0 | 2 | 4 | 6];
  if (!channels || bitDepth !== 8) return false;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("ascii", at + 4, at + 8);
    if (type === "IDAT") idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) return false;
  // Rows are filtered; "Sub"/"Up" filters turn a flat image into zeros, so count rows and
  // columns whose filtered bytes are not all zero, and the distinct first-pixel values.
  let busyRows = 0;
  for (let y = 0; y < height; y++) {
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    if (row.some((b, i) => i >= channels && b !== 0 && b !== row[i % channels])) busyRows++;
  }
  return width > 50 && height > 50 && busyRows > height / 20;
}
