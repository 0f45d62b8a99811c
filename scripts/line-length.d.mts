export const MAX_LINE: number;
export function longLinesIn(file: string, text: string): string[];
export function longLines(files?: string[]): string[];
