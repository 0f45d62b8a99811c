import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it, vi } from "vitest";
import type { AppEnv } from "../../worker/env";
import { ApiError, onError, onNotFound } from "../../worker/errors";
import { MAX_BODY_BYTES } from "../../worker/limits";

// A throwaway app with the Worker's own handlers, to reach failures no real route produces yet.
const app = new Hono<AppEnv>()
  .get("/boom", () => {
    throw new Error("secret detail at worker/x.ts:1");
  })
  .get("/api-error", () => {
    throw new ApiError(409, "STALE_VERSION", "Phiên bản đã cũ");
  })
  .get("/too-large", () => {
    throw new HTTPException(413);
  })
  .onError(onError)
  .notFound(onNotFound);

describe("error responses", () => {
  it("an unexpected error is logged and answered as a 500 without stack or detail", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await app.request("/boom");
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      errors: [{ code: "INTERNAL", message: "Lỗi máy chủ, vui lòng thử lại sau", params: {} }],
    });
    expect(text).not.toMatch(/secret|worker\/x\.ts|at /);
  });

  it("an ApiError keeps its status, code and message", async () => {
    const res = await app.request("/api-error");
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ errors: [{ code: "STALE_VERSION", message: "Phiên bản đã cũ" }] });
  });

  it("an HTTPException from middleware gets a stable code", async () => {
    const res = await app.request("/too-large");
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      errors: [
        {
          code: "PAYLOAD_TOO_LARGE",
          message: "Dữ liệu gửi lên vượt quá 4 MiB.",
          params: { limit: "4 MiB" },
          limit: MAX_BODY_BYTES,
        },
      ],
    });
  });
});

describe("the Worker entry module", () => {
  it("exports only the default handler (workerd refuses other exports at start-up)", async () => {
    const mod = await import("../../worker/index");
    expect(Object.keys(mod)).toEqual(["default"]);
  });
});
