// Escaping for what we write: XML text and attributes, and protection against formula
// injection. A text cell starting with = + - @, a tab or a carriage return would be taken for
// a formula by Excel or LibreOffice when a CSV is opened or a cell is re-entered, so such text
// gets a leading apostrophe (') — the OWASP recommendation. The apostrophe is part of the text
// (people see "'=HYPERLINK(...)"); numbers are never touched, so -2 stays the number -2.

const FORMULA_START = /^[=+\-@\t\r]/;

export function protectFormulaText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function escapeXmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

export function escapeXmlAttr(text: string): string {
  return text.replace(/[&<>"\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}
