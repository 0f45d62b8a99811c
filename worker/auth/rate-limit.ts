// Abuse limits on top of the Workers rate-limiting bindings: failed sign-ins per client address,
// submissions per token. A deployment without the bindings simply runs unlimited.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";

/**
 * Cloudflare sets CF-Connecting-IP on every request it forwards (and clients cannot forge it
 * there); without it (local runs, tests) there is no address to count against.
 */
export function clientAddress(c: Context<AppEnv>): string | null {
  return c.req.header("CF-Connecting-IP") ?? null;
}

/** Counts one failed sign-in; true when this address has had too many. */
export async function tooManyFailedSignIns(c: Context<AppEnv>): Promise<boolean> {
  const limiter = c.env.FAILED_SIGNIN_LIMITER;
  const address = clientAddress(c);
  if (!limiter || !address) return false;
  const { success } = await limiter.limit({ key: `signin:${address}` });
  return !success;
}

export async function limitSubmissions(c: Context<AppEnv>, tokenId: string): Promise<void> {
  const limiter = c.env.SUBMISSION_LIMITER;
  if (!limiter) return;
  const { success } = await limiter.limit({ key: `submit:${tokenId}` });
  if (!success) {
    c.header("Retry-After", "60");
    throw new ApiError(429, "RATE_LIMITED", "Mã truy cập này đã nộp quá nhiều lần trong một phút; hãy đợi một phút rồi nộp lại.");
  }
}

export const TOO_MANY_SIGN_INS = "Quá nhiều lần đăng nhập sai từ địa chỉ này; hãy đợi một phút rồi thử lại.";
