/** Largest request body accepted: a filled workbook is tens of KiB; 5 MiB leaves room. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Largest JSON body (submissions, tokens, locks…). A whole plan-157 submission is about 3 KiB
 * and a five-year form with hundreds of items under 100 KiB, while parsing an object costs per
 * key: a 5 MiB body of 500,000 empty keys took half a second of CPU before anything was checked.
 */
export const MAX_JSON_BYTES = 256 * 1024;

/** The task pane's origins from the ADDIN_ORIGINS variable (comma-separated). */
export function allowedOrigins(setting: string | undefined): string[] {
  return (setting ?? "").split(",").map((o) => o.trim()).filter(Boolean);
}
