// Runs in Node before the workerd tests: LibreOffice re-saves a plan-157 workbook so the
// upload tests can send a file written by another program through the real HTTP route.
import type { TestProject } from "vitest/node";
import { getTemplate, planFigures, printAppendix } from "../../domain";
import { writeXlsx } from "../../worker/xlsx";
import { libreOfficeAvailable, workDir, xlsxToXlsx } from "../xlsx/support/soffice";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base64 of a LibreOffice-written .xlsx holding the plan's figures, or "" without LibreOffice. */
    libreOfficeWorkbook: string;
  }
}

export default function setup(project: TestProject) {
  if (!libreOfficeAvailable()) return project.provide("libreOfficeWorkbook", "");
  const template = getTemplate("kh-157-2023")!;
  const ours = writeXlsx(
    template.appendices.map((a) => printAppendix(template, a, { figures: planFigures(template), formulas: true })),
  );
  const theirs = xlsxToXlsx(workDir("worker-upload"), "ke-hoach.xlsx", ours);
  project.provide("libreOfficeWorkbook", Buffer.from(theirs).toString("base64"));
}
