export const root: string;
export const UNIT_FILES: string[];
export const MIGRATION: string;
export const BEGIN: string;
export const END: string;
export const EARLY: string;
export interface UnitFile {
  file: string;
  data: {
    title: string;
    note: string[];
    sources: string[];
    units: {
      code: string;
      name: string;
      kind: string;
      parent: string | null;
      coastal: boolean;
      validFrom: string | null;
      validTo: string | null;
    }[];
    successions: { predecessor: string; successor: string | null; kind: string; effective: string; note?: string }[];
  };
}
export function readUnitFiles(dir?: string): UnitFile[];
export function unitsSql(files: UnitFile[]): string;
export function generatedBlock(migration: string): string;
