// The Worker served like `wrangler dev` (same wrangler.toml, bundling, workerd, local D1 and R2)
// but through wrangler's startWorker API with the DevTools inspector off. Started by
// local-worker.mjs with `startLocalWorker({ inspector: false })`; settings come in the
// environment (KH157_CONFIG: the temp wrangler.toml with its .dev.vars beside it, KH157_PORT,
// KH157_HOST, KH157_PERSIST, KH157_LOG_LEVEL). Runs until SIGTERM or SIGINT.
import { unstable_startWorker } from "wrangler";

const env = process.env;

const worker = await unstable_startWorker({
  config: env.KH157_CONFIG,
  dev: {
    server: { hostname: env.KH157_HOST ?? "127.0.0.1", port: Number(env.KH157_PORT) },
    inspector: false,
    remote: false,
    persist: env.KH157_PERSIST,
    logLevel: env.KH157_LOG_LEVEL ?? "warn",
    watch: false,
    liveReload: false,
  },
});
await worker.ready;

let closing = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await worker.dispose().catch(() => {});
    process.exit(0);
  });
}
