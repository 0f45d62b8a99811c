// Descriptions for zod schemas in two languages: Vietnamese in `description` (what JSON Schema
// readers show), English beside it under EN_DESCRIPTION. The OpenAPI document keeps the one its
// reader asked for (document.ts, `localise`). Metadata only: a schema accepts exactly what it did.

/** The key of a schema's English description until the document is localised. */
export const EN_DESCRIPTION = "x-description-en";

/** Text in both languages the docs speak. */
export interface Words {
  vi: string;
  en: string;
}

/** `.meta(about(vi, en, ...examples))`: a field's description in both languages and its example values. */
export function about(vi: string, en: string, ...examples: unknown[]): Record<string, unknown> {
  return { description: vi, [EN_DESCRIPTION]: en, ...(examples.length ? { examples } : {}) };
}
