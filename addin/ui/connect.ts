// Kết nối: server address and token (remembered per user), and who they belong to.
import { createClient } from "../api";
import { byId, clear, element } from "./dom";
import { action, type Pane, status, tr } from "./pane";

const SERVER_KEY = "kh157.server";
const TOKEN_KEY = "kh157.token";

function renderWho(pane: Pane): void {
  const who = byId("who");
  if (!pane.me) {
    who.textContent = tr(pane, "notConnected");
    return;
  }
  const { role, unit, unitName } = pane.me;
  const unitText = unit ? ` · ${unitName ?? unit} (${unit})` : "";
  who.textContent = tr(pane, "connected", { role: tr(pane, `role_${role}`), unit: unitText });
}

function renderKinds(pane: Pane): void {
  const select = byId<HTMLSelectElement>("kind");
  const current = select.value || pane.template.kinds[0]?.id;
  clear(select);
  for (const k of pane.template.kinds) {
    const label = k.id === "plan" || k.id === "execution" ? tr(pane, `kind_${k.id}`) : k.label;
    const option = element("option", { text: label });
    option.value = k.id;
    select.appendChild(option);
  }
  select.value = current;
}

export async function connect(pane: Pane, server: string, token: string): Promise<void> {
  const client = createClient({ baseUrl: server, token });
  status(tr(pane, "connecting"));
  const me = await client.me();
  pane.client = client;
  pane.me = me;
  pane.server = server;
  await pane.store.set(SERVER_KEY, server);
  await pane.store.set(TOKEN_KEY, token);
  try {
    pane.unitNames = Object.fromEntries((await client.units()).map((u) => [u.code, u.name]));
  } catch {
    pane.unitNames = {}; // names are a nicety; codes still work
  }
  renderWho(pane);
  status(byId("who").textContent ?? "");
  document.body.dataset.role = me.role;
}

export async function initConnect(pane: Pane): Promise<void> {
  const serverInput = byId<HTMLInputElement>("server");
  const tokenInput = byId<HTMLInputElement>("token");
  const form = byId<HTMLFormElement>("connect-form");
  const button = byId<HTMLButtonElement>("connect-button");
  renderKinds(pane);
  pane.onLang.push(() => {
    renderWho(pane);
    renderKinds(pane);
  });

  const origin = /^https?:/.test(location.protocol) ? location.origin : "";
  serverInput.value = (await pane.store.get(SERVER_KEY)) ?? origin;
  tokenInput.value = (await pane.store.get(TOKEN_KEY)) ?? "";

  form.addEventListener("submit", (e) => e.preventDefault());
  action(pane, button, () => connect(pane, serverInput.value.trim(), tokenInput.value.trim()), byId("who"));
  if (serverInput.value && tokenInput.value) {
    connect(pane, serverInput.value, tokenInput.value).catch(() => status(tr(pane, "notConnected")));
  }
}
