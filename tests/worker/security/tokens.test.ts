import { describe, expect, it } from "vitest";
import { constantTimeEqual, newToken, sha256Hex, TOKEN_SHAPE } from "../../../worker/auth/tokens";

describe("token primitives", () => {
  it("new tokens are random, well-formed and 256-bit", () => {
    const tokens = new Set(Array.from({ length: 200 }, newToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) {
      expect(t).toMatch(TOKEN_SHAPE);
      expect(t.replace(/^kh157_/, "")).toHaveLength(43);
    }
  });

  it("constant-time comparison is exact: equal, one character off, and different lengths", async () => {
    const a = await sha256Hex("kh157_a");
    const b = await sha256Hex("kh157_b");
    expect(constantTimeEqual(a, a)).toBe(true);
    expect(constantTimeEqual(a, b)).toBe(false);
    expect(constantTimeEqual(a, a.slice(0, -1) + (a.endsWith("0") ? "1" : "0"))).toBe(false);
    expect(constantTimeEqual(a, a.slice(1))).toBe(false);
  });
});
