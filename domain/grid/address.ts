/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnName(col: number): string {
  let name = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

export function columnIndex(name: string): number {
  let n = 0;
  for (const ch of name.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** (6, 7) → "H7". */
export function a1(row: number, col: number): string {
  return columnName(col) + String(row + 1);
}

export function sheetCell(sheet: string, row: number, col: number): string {
  return `${sheet}!${a1(row, col)}`;
}

export function parseA1(ref: string): { row: number; col: number } | null {
  const m = /^([A-Za-z]{1,3})(\d{1,7})$/.exec(ref);
  return m ? { row: Number(m[2]) - 1, col: columnIndex(m[1]) } : null;
}
