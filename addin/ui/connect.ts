// Kết nối: server address and token (remembered per user), who they belong to, and the
// template the server validates against (from then on the pane's template).
import { kindLabel, word } from "../../domain";
import { createClient } from "../api";
import { byId, clear, element } from "./dom";
import type { MessageKey } from "./i18n";
import { action, type Pane, status, tr, useTemplate } from "./pane";
import { serverTemplate, templateText } from "./template-source";

export const SERVER_KEY = "kh157.server";
const TOKEN_KEY = "kh157.token";

/** Plain http is allowed only to this computer (local development: npm start, wrangler dev). */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Why the pane refuses to send the token to `address`, or null when it may: https, or http to
 * this computer only (the token travels in every request, and plain http shows it to the
 * network). The address is the server's root, so credentials, a query or a fragment are refused.
 */
export function serverAddressProblem(address: string): MessageKey | null {
  const text = address.trim();
  if (!text) return "serverEmpty";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "serverInvalid"; // "ngansach.example", "abc": no scheme, not an address
  }
  if (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname)) return null;
  if (url.protocol !== "https:") return "serverNotHttps"; // http to another computer, ftp:, "localhost:8787"
  if (!url.hostname || url.username || url.password || url.search || url.hash) return "serverInvalid";
  return null;
}

/** Bumped by every connect and by "forget", so an answer arriving late cannot reconnect the pane. */
let attempt = 0;

function renderWho(pane: Pane): void {
  const who = byId("who");
  if (!pane.me) {
    who.textContent = tr(pane, "notConnected");
    return;
  }
  const { role, unit, unitName } = pane.me;
  const unitText = unit ? ` · ${unitName ?? unit} (${unit})` : "";
  // The shared vocabulary's word, lower-cased inside the sentence ("Đã kết nối: người nộp · …").
  who.textContent = tr(pane, "connected", { role: word("role", role, pane.lang).toLowerCase(), unit: unitText });
}

/** The report kinds the template declares, in its own words; the choice is kept where it still exists. */
function renderKinds(pane: Pane): void {
  const select = byId<HTMLSelectElement>("kind");
  const kinds = pane.template.kinds;
  const current = kinds.some((k) => k.id === select.value) ? select.value : (kinds[0]?.id ?? "");
  clear(select);
  for (const k of kinds) {
    const option = element("option", { text: kindLabel(pane.template, k.id, pane.lang) });
    option.value = k.id;
    select.appendChild(option);
  }
  select.value = current;
}

/** Which template the pane uses, flagged when it is not the server's although connected. */
function renderTemplate(pane: Pane): void {
  const info = byId("template-info");
  info.textContent = templateText(pane.templateChoice, pane.lang);
  info.className = pane.templateChoice.problem ? "note warning" : "note";
  info.dataset.source = pane.templateChoice.source;
  info.dataset.version = String(pane.template.version);
}

/** Connects with `server` and `token`; callers check the address first (serverAddressProblem). */
export async function connect(pane: Pane, server: string, token: string): Promise<void> {
  const problem = serverAddressProblem(server);
  if (problem) throw new Error(tr(pane, problem)); // never send the token over plain http
  const mine = ++attempt;
  const client = createClient({ baseUrl: server, token });
  status(tr(pane, "connecting"));
  const me = await client.me();
  if (mine !== attempt) return; // forgotten (or reconnected) meanwhile
  pane.client = client;
  pane.me = me;
  pane.server = server;
  await pane.store.set(SERVER_KEY, server);
  await pane.store.set(TOKEN_KEY, token);
  const [units, template] = await Promise.all([
    client.units().catch(() => []), // names are a nicety; codes still work
    serverTemplate(client, pane.templateChoice, pane.store, server),
  ]);
  if (mine !== attempt) return;
  pane.unitNames = Object.fromEntries(units.map((u) => [u.code, u.name]));
  useTemplate(pane, template); // re-renders the kinds, the build hint and the template line
  renderWho(pane);
  const who = byId("who").textContent ?? "";
  status(template.problem ? `${who} ${byId("template-info").textContent ?? ""}` : who);
  document.body.dataset.role = me.role;
}

/** "Quên mã truy cập": the token leaves this computer's storage and the pane disconnects. */
export async function forgetToken(pane: Pane): Promise<void> {
  attempt++;
  await pane.store.remove(TOKEN_KEY); // the server address is kept: it is no secret
  byId<HTMLInputElement>("token").value = "";
  pane.client = null;
  pane.me = null;
  pane.unitNames = {};
  delete document.body.dataset.role;
  renderWho(pane);
  status(tr(pane, "tokenForgotten"));
}

/** Shows why the address is refused, next to the connection and in the status line. */
function showAddressProblem(pane: Pane, input: HTMLInputElement, problem: MessageKey, focus: boolean): void {
  const text = tr(pane, problem);
  byId("who").textContent = text;
  status(text);
  input.setAttribute("aria-invalid", "true");
  if (focus) input.focus();
}

export async function initConnect(pane: Pane): Promise<void> {
  const serverInput = byId<HTMLInputElement>("server");
  const tokenInput = byId<HTMLInputElement>("token");
  const form = byId<HTMLFormElement>("connect-form");
  const button = byId<HTMLButtonElement>("connect-button");
  const forget = byId<HTMLButtonElement>("forget-button");
  renderKinds(pane);
  renderTemplate(pane);
  pane.rerender.push(() => {
    renderWho(pane);
    renderKinds(pane);
    renderTemplate(pane);
  });

  const origin = /^https?:/.test(location.protocol) ? location.origin : "";
  serverInput.value = (await pane.store.get(SERVER_KEY)) ?? origin;
  tokenInput.value = (await pane.store.get(TOKEN_KEY)) ?? "";

  form.addEventListener("submit", (e) => e.preventDefault());
  serverInput.addEventListener("input", () => serverInput.removeAttribute("aria-invalid"));
  action(
    pane,
    button,
    async () => {
      const server = serverInput.value.trim();
      const problem = serverAddressProblem(server);
      if (problem) return showAddressProblem(pane, serverInput, problem, true);
      serverInput.removeAttribute("aria-invalid");
      await connect(pane, server, tokenInput.value.trim());
    },
    byId("who"),
  );
  action(pane, forget, () => forgetToken(pane));
  if (serverInput.value && tokenInput.value) {
    // A remembered address from an earlier version may be plain http: say so, send nothing.
    const problem = serverAddressProblem(serverInput.value);
    if (problem) showAddressProblem(pane, serverInput, problem, false);
    else connect(pane, serverInput.value, tokenInput.value).catch(() => status(tr(pane, "notConnected")));
  }
}
