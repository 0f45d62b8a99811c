// Entry point of the task pane: finds Excel (or the test workbook), wires the sections and
// the language switch. The only file that touches Office.onReady (through host.ts).
import "./polyfills"; // first: the built-ins IE11 and EdgeHTML lack (decision 0010)
import { initBuild } from "./build";
import { initCheck } from "./check";
import { initConnect, SERVER_KEY } from "./connect";
import { byId, show } from "./dom";
import { initHistory } from "./history";
import { findHost } from "./host";
import { isMessageKey, t } from "./i18n";
import type { Pane } from "./pane";
import { openStore } from "./storage";
import { initSubmit } from "./submit";
import { startingTemplate } from "./template-source";
import { initTotals } from "./totals";

const LANG_KEY = "kh157.lang";

function applyLanguage(pane: Pane): void {
  document.documentElement.lang = pane.lang;
  for (const el of document.querySelectorAll<HTMLElement>("[data-i18n]")) {
    const key = el.dataset.i18n!;
    if (isMessageKey(key)) el.textContent = t(pane.lang, key);
  }
  document.title = t(pane.lang, "title");
  for (const rerender of pane.rerender) rerender();
}

async function start(): Promise<void> {
  const found = await findHost();
  const store = openStore(); // after Office.onReady (in findHost): the partition key is known only then
  const saved = await store.get(LANG_KEY);
  // Until a connection brings the server's template: the one saved from that server, or the built-in one.
  const choice = await startingTemplate(store, await store.get(SERVER_KEY));
  const pane: Pane = {
    template: choice.template,
    templateChoice: choice,
    host: found.host,
    store,
    lang: saved === "en" ? "en" : "vi",
    client: null,
    me: null,
    server: "",
    unitNames: {},
    issues: [],
    rerender: [],
  };
  const noHost = byId("not-in-excel");
  if (found.reason) noHost.dataset.i18n = found.reason;
  show(noHost, !pane.host);
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-needs-excel]")) b.disabled = !pane.host;

  initBuild(pane);
  initCheck(pane);
  initSubmit(pane);
  initTotals(pane);
  initHistory(pane);
  await initConnect(pane);

  byId("lang").addEventListener("click", () => {
    pane.lang = pane.lang === "vi" ? "en" : "vi";
    void store.set(LANG_KEY, pane.lang);
    applyLanguage(pane);
  });
  applyLanguage(pane);
  document.body.dataset.ready = "true";
}

start().catch((err: unknown) => {
  byId("status").textContent = `Lỗi khởi động / start-up error: ${err instanceof Error ? err.message : String(err)}`;
});
