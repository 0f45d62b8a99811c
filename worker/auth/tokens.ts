// Access tokens are random, shown once, stored only as SHA-256 hashes, compared in
// constant time.

const encoder = new TextEncoder();

export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? encoder.encode(data) : new Uint8Array(data);
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** 32 random bytes, base64url, with a readable prefix so a leaked token is recognisable. */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const b64 = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
  return `kh157_${b64}`;
}

/** Equal-length hex digests compared without an early exit. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export const TOKEN_SHAPE = /^[A-Za-z0-9_\-.]{16,200}$/;

/** A page session lasts this long after sign-in (decision 0009). */
export const SESSION_HOURS = 12;

/** A session id: 32 random bytes, base64url, with its own prefix (it is not a token). */
export function newSessionId(): string {
  return newToken().replace(/^kh157_/, "kh157s_");
}

export const SESSION_SHAPE = /^kh157s_[A-Za-z0-9_-]{43}$/;
