// Plan 157's template with a note column ("Ghi chú", field "note") added at the right of one
// appendix (issue 16). Shared by the domain, Worker and security tests of notes.
import { getTemplate, type Template } from "../../domain";

/** The appendix that gets the note column; the others print none. */
export const WITH_NOTES = "PL01";
export const WITHOUT_NOTES = "PL02";
export const NOTE_HEADER = "Ghi chú";

export function notesTemplate(id = "kh-157-notes"): Template {
  const t = structuredClone(getTemplate("kh-157-2023")!) as Template;
  t.id = id;
  const a = t.appendices.find((x) => x.id === WITH_NOTES)!;
  a.columns = [...a.columns, { header: NOTE_HEADER, field: "note" }];
  if (a.columnWidths) a.columnWidths = [...a.columnWidths, 24];
  return t;
}
