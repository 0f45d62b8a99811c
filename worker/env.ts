import type { Language } from "../domain";
import type { Principal, SigningIn } from "./auth/principal";

// Bindings declared in wrangler.toml, plus secrets from .dev.vars / `wrangler secret put`.
export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  ADMIN_TOKEN: string;
  /** Comma-separated origins allowed to call the API from a browser (the task pane). */
  ADDIN_ORIGINS?: string;
  FAILED_SIGNIN_LIMITER?: RateLimit;
  SUBMISSION_LIMITER?: RateLimit;
  /**
   * "true" where Cloudflare's edge sets CF-Connecting-IP (and overwrites a client's copy): the
   * deployed Worker (wrangler.toml [vars]). `npm start` and the local test Worker set "false"
   * (.dev.vars): locally any client can send the header, so every request is one address.
   */
  TRUST_CF_CONNECTING_IP?: string;
  /** Storage quota per unit and template (worker/quota.ts); defaults there, overridable here. */
  UNIT_SNAPSHOT_QUOTA?: string;
  UNIT_UPLOAD_QUOTA?: string;
  /** Tests only: the Worker's clock (worker/clock.ts). Never set by wrangler (it is a function). */
  TEST_CLOCK?: () => Date;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    principal: Principal;
    /** The principal while its sign-in waits for the request's first reads (decision 0023). */
    signingIn?: SigningIn;
    /** The session id from the pages' sign-in cookie, when the request came from a page. */
    cookieSession?: string;
    /** The language a page is rendered in (?lang=, then the lang cookie, then Vietnamese). */
    lang?: Language;
  };
}
