// Number text by locale rules, and money kept exact in đồng; sums checked against BigInt.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addExact,
  decimalToString,
  DomainError,
  dongToDecimalString,
  formatMoneyVi,
  moneyFromString,
  type NumberLocale,
  parseDecimal,
  parseNumberText,
} from "../../domain";
import { fromScaled, toScaled } from "./support/exact";

const UNIT = { dongPerUnit: 1_000_000, decimals: 3 };

type Want = { number: string; locale?: NumberLocale } | { ambiguous: [vi: string, en: string] } | "invalid";

const table: [string, NumberLocale | undefined, Want][] = [
  // vi-VN: "." groups thousands, "," marks decimals
  ["1.209,915", undefined, { number: "1209.915", locale: "vi" }],
  ["403,305", undefined, { number: "403.305", locale: "vi" }],
  ["2.600,4", undefined, { number: "2600.4", locale: "vi" }],
  ["1.234.567", undefined, { number: "1234567", locale: "vi" }],
  ["1.234.567,5", undefined, { number: "1234567.5", locale: "vi" }],
  ["06", undefined, { number: "6" }],
  ["0", undefined, { number: "0" }],
  ["480", undefined, { number: "480" }],
  // en: "," groups thousands, "." marks decimals
  ["1,209.915", undefined, { number: "1209.915", locale: "en" }],
  ["1,234,567", undefined, { number: "1234567", locale: "en" }],
  ["866.8", undefined, { number: "866.8", locale: "en" }],
  ["0.500", undefined, { number: "0.5", locale: "en" }],
  ["1234.567", undefined, { number: "1234.567", locale: "en" }],
  // ambiguous: one dot before exactly three digits
  ["1.234", undefined, { ambiguous: ["1234", "1.234"] }],
  ["403.305", undefined, { ambiguous: ["403305", "403.305"] }],
  ["1.234", "vi", { number: "1234", locale: "vi" }],
  ["1.234", "en", { number: "1.234", locale: "en" }],
  ["1,234", undefined, { number: "1.234", locale: "vi" }],
  ["1,234", "en", { number: "1234", locale: "en" }],
  // negative, parentheses, signs
  ["-5", undefined, { number: "-5" }],
  ["\u22127", undefined, { number: "-7" }],
  ["(1.234,5)", undefined, { number: "-1234.5", locale: "vi" }],
  ["(12,15)", undefined, { number: "-12.15", locale: "vi" }],
  ["- 3", undefined, { number: "-3" }],
  ["+3", undefined, { number: "3" }],
  // spaces as thousands separators, NBSP, narrow NBSP, padding
  ["1 209,915", undefined, { number: "1209.915", locale: "vi" }],
  ["1\u00a0209,915", undefined, { number: "1209.915", locale: "vi" }],
  ["1\u202f209\u202f000", undefined, { number: "1209000" }],
  ["  160  ", undefined, { number: "160" }],
  // not numbers
  ["", undefined, "invalid"],
  ["   ", undefined, "invalid"],
  ["abc", undefined, "invalid"],
  ["12a", undefined, "invalid"],
  ["1.2.3", undefined, "invalid"],
  ["1,2,3", undefined, "invalid"],
  ["1.234,5,6", undefined, "invalid"],
  ["12,34.5", undefined, "invalid"],
  ["1..2", undefined, "invalid"],
  [",", undefined, "invalid"],
  ["--5", undefined, "invalid"],
  ["1e3", undefined, "invalid"],
  ["NaN", undefined, "invalid"],
  ["Infinity", undefined, "invalid"],
];

describe("parseNumberText", () => {
  it.each(table)("%j (hint %s)", (text, hint, want) => {
    const got = parseNumberText(text, hint);
    if (want === "invalid") return expect(got.kind).toBe("invalid");
    if ("ambiguous" in want) {
      expect(got.kind).toBe("ambiguous");
      if (got.kind !== "ambiguous") return;
      expect([decimalToString(got.vi), decimalToString(got.en)]).toEqual(want.ambiguous);
      return;
    }
    expect(got.kind).toBe("number");
    if (got.kind !== "number") return;
    expect(decimalToString(got.value)).toBe(want.number);
    if (want.locale) expect(got.locale).toBe(want.locale);
  });

  it("reads decomposed and composed text alike", () => {
    expect(parseNumberText("1.209,915".normalize("NFD"))).toEqual(parseNumberText("1.209,915"));
  });

  it("vi-VN text of any amount reads back to the same decimal (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 3 }), (n, decimals) => {
        const plain = fromScaled(n, decimals);
        const [int, frac] = plain.split(".");
        const vi = int.replace(/\B(?=(\d{3})+(?!\d))/g, ".") + (frac ? "," + frac : "");
        const got = parseNumberText(vi, "vi");
        expect(got.kind).toBe("number");
        if (got.kind === "number") expect(decimalToString(got.value)).toBe(plain);
      }),
    );
  });
});

describe("parseDecimal (exact, canonical JSON money)", () => {
  it.each([
    ["1209.915", "1209.915"],
    ["0001209.91500", "1209.915"],
    ["-0.5", "-0.5"],
    ["-0", "0"],
    ["1e3", "1000"],
    ["2.5E-2", "0.025"],
    [".5", "0.5"],
    ["5.", "5"],
  ])("%s → %s", (text, want) => {
    expect(decimalToString(parseDecimal(text)!)).toBe(want);
  });

  it.each(["", ".", "1,5", "1.209,915", "abc", "1.2.3", "NaN", "Infinity", "0x10"])("%j is not a decimal", (text) => {
    expect(parseDecimal(text)).toBeNull();
  });
});

describe("money in exact đồng", () => {
  it.each([
    ["1209.915", 1_209_915_000],
    ["403.305", 403_305_000],
    ["0.001", 1_000],
    ["4536.45", 4_536_450_000],
    ["1000000", 1_000_000_000_000],
  ])("%s triệu đồng = %i đồng and back", (text, dong) => {
    expect(moneyFromString(text, UNIT)).toBe(dong);
    expect(dongToDecimalString(dong, UNIT)).toBe(text);
  });

  it("refuses more than 3 decimals and non-canonical text with a coded error", () => {
    for (const bad of ["403.3051", "403,305", "1.209,915", "", "x"]) {
      expect(() => moneyFromString(bad, UNIT)).toThrow(DomainError);
    }
    expect(() => moneyFromString("403.3051", UNIT)).toThrow(expect.objectContaining({ code: "MONEY_FORMAT" }));
  });

  it("formats vi-VN as the seed prints it", () => {
    expect(formatMoneyVi(1_209_915_000, UNIT)).toBe("1.209,915");
    expect(formatMoneyVi(2_600_400_000, UNIT)).toBe("2.600,4");
    expect(formatMoneyVi(480_000_000, UNIT)).toBe("480");
  });

  // Up to 999 999 999,999 triệu đồng (< 10^15 đồng, the domain's exact range), 0–3 decimals.
  const moneyText = fc.bigInt({ min: 0n, max: 10n ** 12n - 1n }).map((n) => fromScaled(n, 3));
  // Up to the template's own maximum of 1 000 000 triệu đồng.
  const planSized = fc.bigInt({ min: 0n, max: 10n ** 9n }).map((n) => fromScaled(n, 3));

  it("decimal string → đồng → decimal string is the identity on canonical text (property)", () => {
    fc.assert(
      fc.property(moneyText, (text) => {
        expect(dongToDecimalString(moneyFromString(text, UNIT), UNIT)).toBe(text);
      }),
    );
  });

  it("đồng → decimal string → đồng is the identity on whole nghìn đồng (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (k) => {
        const dong = k * 1000;
        expect(moneyFromString(dongToDecimalString(dong, UNIT), UNIT)).toBe(dong);
      }),
    );
  });

  it("sums of money strings through the domain equal BigInt sums (property)", () => {
    fc.assert(
      fc.property(fc.array(planSized, { maxLength: 200 }), (texts) => {
        const dong = texts.reduce((s, t) => addExact(s, moneyFromString(t, UNIT)), 0);
        const exact = texts.reduce((s, t) => s + toScaled(t, 6), 0n);
        expect(dongToDecimalString(dong, UNIT)).toBe(fromScaled(exact, 6));
      }),
    );
  });

  it("large sums are exact or refused, never rounded (property)", () => {
    fc.assert(
      fc.property(fc.array(moneyText, { maxLength: 30 }), (texts) => {
        const exact = texts.reduce((s, t) => s + toScaled(t, 6), 0n);
        const sum = () => texts.reduce((s, t) => addExact(s, moneyFromString(t, UNIT)), 0);
        if (exact > BigInt(Number.MAX_SAFE_INTEGER)) expect(sum).toThrow(DomainError);
        else expect(dongToDecimalString(sum(), UNIT)).toBe(fromScaled(exact, 6));
      }),
    );
  });

  it("0.1 + 0.2 style sums stay exact", () => {
    const sum = ["0.1", "0.2"].reduce((s, t) => addExact(s, moneyFromString(t, UNIT)), 0);
    expect(dongToDecimalString(sum, UNIT)).toBe("0.3");
    const plan = ["403.305", "36.905", "866.8"].reduce((s, t) => addExact(s, moneyFromString(t, UNIT)), 0);
    expect(dongToDecimalString(plan, UNIT)).toBe("1307.01");
  });
});

describe("addExact", () => {
  const safe = fc.integer({ min: -(2 ** 50), max: 2 ** 50 });

  it("is commutative (property)", () => {
    fc.assert(fc.property(safe, safe, (a, b) => addExact(a, b) === addExact(b, a)));
  });

  it("is associative (property)", () => {
    fc.assert(fc.property(safe, safe, safe, (a, b, c) => addExact(addExact(a, b), c) === addExact(a, addExact(b, c))));
  });

  it("has 0 as identity and agrees with BigInt (property)", () => {
    fc.assert(
      fc.property(safe, safe, (a, b) => {
        expect(addExact(a, 0)).toBe(a);
        expect(BigInt(addExact(a, b))).toBe(BigInt(a) + BigInt(b));
      }),
    );
  });

  it("refuses sums beyond the exact integer range instead of rounding", () => {
    expect(() => addExact(Number.MAX_SAFE_INTEGER, 1)).toThrow(DomainError);
    expect(() => addExact(-Number.MAX_SAFE_INTEGER, -2)).toThrow(DomainError);
    expect(addExact(Number.MAX_SAFE_INTEGER - 1, 1)).toBe(Number.MAX_SAFE_INTEGER);
  });
});
