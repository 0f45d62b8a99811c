/** Largest request body accepted: a filled workbook is tens of KiB; 5 MiB leaves room. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
