import type { Language } from "../domain";
import type { Principal } from "./auth/principal";

// Bindings declared in wrangler.toml, plus secrets from .dev.vars / `wrangler secret put`.
export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  ADMIN_TOKEN: string;
  /** Comma-separated origins allowed to call the API from a browser (the task pane). */
  ADDIN_ORIGINS?: string;
  FAILED_SIGNIN_LIMITER?: RateLimit;
  SUBMISSION_LIMITER?: RateLimit;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    principal: Principal;
    /** A token from the pages' sign-in cookie, when the request came from a page. */
    cookieToken?: string;
    /** The language a page is rendered in (?lang=, then the lang cookie, then Vietnamese). */
    lang?: Language;
  };
}
