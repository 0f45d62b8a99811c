import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { AppEnv } from "./env";
import { BOOKMARK_HEADER, sessionForReads, useRequestDb } from "./auth/middleware";
import { catalogueError, onError, onNotFound, tooLarge } from "./errors";
import { allowedOrigins, MAX_BODY_BYTES } from "./limits";
import { admin } from "./routes/admin";
import { audit } from "./routes/audit";
import { consolidated } from "./routes/consolidated";
import { docs } from "./routes/docs";
import { health } from "./routes/health";
import { locks } from "./routes/locks";
import { me } from "./routes/me";
import { rounds } from "./routes/rounds";
import { status } from "./routes/status";
import { submissions } from "./routes/submissions";
import { templateInfer } from "./routes/template-infer";
import { templates } from "./routes/templates";
import { units } from "./routes/units";
import { adminPages, adminTemplates, dashboard, district, notFoundPage, review, session, wantsPage } from "./pages";
import { staticFiles } from "./static";

const app = new Hono<AppEnv>();

// Each request's queries go through its own RequestDb: reads gathered into one round trip, the
// sign-in carried with them, a D1 session and its bookmark (decision 0023).
app.use("*", useRequestDb);

app.use(
  "/api/*",
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw tooLarge();
    },
  }),
);

// Browsers may call the API cross-origin only from the task pane's own origin(s).
app.use(
  "/api/*",
  cors({
    origin: (origin, c) => (allowedOrigins(c.env.ADDIN_ORIGINS).includes(origin) ? origin : null),
    allowMethods: ["GET", "POST", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "X-Client", "X-File-Name", BOOKMARK_HEADER],
    exposeHeaders: ["Idempotent-Replayed", "Location", "Retry-After", BOOKMARK_HEADER],
    maxAge: 600,
  }),
);

// A signed-in page may download through the API (GET only); writes always need the header.
app.use("/api/*", sessionForReads);

// Answers of the API carry report data (figures, downloads, history, audit): never kept by a
// browser or a shared cache. Errors included (onError runs inside this middleware).
app.use("/api/*", async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store");
});

// X-File-Name is percent-encoded UTF-8 (the task pane and curl send it so): one that does not
// decode, or holds a control character, is refused before anything reads the body.
app.use("/api/*", async (c, next) => {
  const name = c.req.header("X-File-Name");
  if (name !== undefined) {
    let decoded: string | null;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      decoded = null;
    }
    if (decoded === null || /[\u0000-\u001f\u007f]/.test(decoded)) {
      throw catalogueError(400, "INVALID_FILE_NAME");
    }
  }
  await next();
});

app.route("/api/health", health);
app.route("/api/templates/infer", templateInfer);
app.route("/api/templates", templates);
app.route("/api/units", units);
app.route("/api/me", me);
app.route("/api/submissions", submissions);
app.route("/api/consolidated", consolidated);
app.route("/api/status", status);
app.route("/api/rounds", rounds);
app.route("/api/locks", locks);
app.route("/api/admin", admin);
app.route("/api/audit", audit);
app.route("/api", docs);

// Server-rendered pages (decision 0009) and their one script and stylesheet.
app.route("/", session);
app.route("/district", district);
app.route("/review", review);
app.route("/dashboard", dashboard);
app.route("/admin/templates", adminTemplates);
app.route("/admin", adminPages);
app.route("/static", staticFiles);

app.onError(onError);
// An unknown address: a page for a browser (Accept: text/html), the JSON error for the API and its clients.
app.notFound((c) => (wantsPage(c) ? notFoundPage(c) : onNotFound(c)));

export default app;
