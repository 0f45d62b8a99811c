// "PL01!H8" and "'PL01 (cũ)'!H8" ↔ sheet + address, the form issues carry their cells in.

export interface CellRef {
  sheet: string;
  address: string;
}

export function parseCellRef(ref: string): CellRef | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!']+))!\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  return { sheet, address: `${m[3].toUpperCase()}${m[4]}` };
}

export function cellRef(sheet: string, address: string): string {
  const quoted = /^[A-Za-z0-9_]+$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${address}`;
}

/** A sheet name not yet taken (Excel compares names case-insensitively; at most 31 characters). */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const clean = wanted.replace(/[:\\/?*[\]]/g, "-").slice(0, 31);
  if (!used.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const name = clean.slice(0, 31 - suffix.length) + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}
