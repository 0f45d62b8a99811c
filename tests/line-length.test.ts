// The line-length check of `npm run format:check` (scripts/line-length.mjs): code and comments
// are wrapped at 120 characters; only a literal Prettier cannot break may run past it.
import { describe, expect, it } from "vitest";
import { longLinesIn, MAX_LINE } from "../scripts/line-length.mjs";

const long = (n: number) => "x".repeat(n);

describe("line length", () => {
  it("refuses a long comment and a long line of code", () => {
    expect(longLinesIn("a.ts", `// ${long(MAX_LINE)}\n`)).toEqual([expect.stringMatching(/^a\.ts:1: 123 characters/)]);
    const code = `const a = [${Array.from({ length: 40 }, (_, k) => k + 100).join(", ")}];\n`;
    expect(longLinesIn("b.ts", `const ok = 1;\n${code}`)).toEqual([expect.stringMatching(/^b\.ts:2: /)]);
  });

  it("lets a long message, regular expression or template text run past", () => {
    expect(longLinesIn("c.ts", `const vi = "${long(MAX_LINE)}";\n`)).toEqual([]);
    expect(longLinesIn("d.ts", `const re = /${long(MAX_LINE)}/;\n`)).toEqual([]);
    expect(longLinesIn("e.ts", `const css = \`\na { ${long(MAX_LINE)} }\n\`;\n`)).toEqual([]);
    expect(longLinesIn("f.tsx", `const p = <p>${long(MAX_LINE)}</p>;\n`)).toEqual([]);
  });
});
