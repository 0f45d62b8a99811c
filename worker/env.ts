import type { Language } from "../domain";
import type { Principal } from "./auth/principal";

// Bindings declared in wrangler.toml, plus secrets from .dev.vars / `wrangler secret put`.
export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  ADMIN_TOKEN: string;
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
