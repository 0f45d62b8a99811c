// The body the pane submits and its Idempotency-Key. The key is derived from the exact bytes
// sent, so retrying the same content (after a dropped connection) reuses it and the server
// answers with the first snapshot, while any change of figures, notes or base gets a new key.
import { canonicalJson, canonicalNotes, type Figures, type NoteTree, type Template, toFigureTree } from "../../domain";
import { sha256OfText } from "./sha256";

export { sha256OfText } from "./sha256";

export interface PreparedSubmission {
  body: string;
  idempotencyKey: string;
}

export async function prepareSubmission(
  template: Template,
  figures: Figures,
  to: { unit: string; kind: string; baseVersion: number },
  notes?: NoteTree,
): Promise<PreparedSubmission> {
  // The notes typed in the sheets' note column; left out when there are none (the body is then what it always was).
  const kept = canonicalNotes(template, notes);
  const body = canonicalJson({
    template: template.id,
    unit: to.unit,
    kind: to.kind,
    baseVersion: to.baseVersion,
    appendices: toFigureTree(template, figures),
    ...(kept ? { notes: kept } : {}),
  });
  return { body, idempotencyKey: `addin-${(await sha256OfText(body)).slice(0, 48)}` };
}
