/** Largest request body accepted: a filled workbook is tens of KiB; 5 MiB leaves room. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The task pane's origins from the ADDIN_ORIGINS variable (comma-separated). */
export function allowedOrigins(setting: string | undefined): string[] {
  return (setting ?? "").split(",").map((o) => o.trim()).filter(Boolean);
}
