// The one {placeholder} filler for every text table: the issue catalogue, the pages' words and
// the pane's words. A missing parameter prints as nothing rather than as "{name}".

export type Language = "vi" | "en";
export const LANGUAGES: readonly Language[] = ["vi", "en"];

export type Params = Record<string, string | number>;

export function interpolate(text: string, params: Params = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ""));
}

export function isLanguage(value: unknown): value is Language {
  return value === "vi" || value === "en";
}
