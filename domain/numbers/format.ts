// vi-VN display: "." groups thousands, "," marks decimals (1.209,915).
import { dongToDecimalString, type MoneyUnit } from "../money/money";

export function groupVi(decimal: string): string {
  const negative = decimal.startsWith("-");
  const [int, frac] = (negative ? decimal.slice(1) : decimal).split(".");
  const groups = int.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return (negative ? "-" : "") + groups + (frac ? "," + frac : "");
}

export function formatMoneyVi(dong: number, unit: MoneyUnit): string {
  return groupVi(dongToDecimalString(dong, unit));
}

export function formatCountVi(count: number): string {
  return groupVi(String(count));
}
