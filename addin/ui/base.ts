// The version a submission starts from: the one recorded in the workbook when it matches the
// unit and kind, otherwise the report's latest version on the server (0 when it has none).
import type { BaseVersion } from "../excel";
import type { Pane } from "./pane";

export async function latestVersion(pane: Pane, unit: string, kind: string): Promise<number | null> {
  if (!pane.client) return null;
  try {
    const list = await pane.client.snapshots({ template: pane.template.id, unit, kind, limit: 1 });
    return list[0]?.version ?? 0;
  } catch {
    return null; // a role that cannot list: no base recorded
  }
}

export async function baseFor(pane: Pane, recorded: BaseVersion | null, unit: string, kind: string): Promise<number> {
  if (recorded && recorded.template === pane.template.id && recorded.unit === unit && recorded.kind === kind)
    return recorded.version;
  return (await latestVersion(pane, unit, kind)) ?? 0;
}
