// Small DOM helpers: the pane is plain HTML with ids, no framework.
// No `extends HTMLElement` bound: the repository type-checks with the Workers types too, whose
// HTMLRewriter `Element` merges into the DOM's and makes <select> look unlike an HTMLElement.
export function byId<T = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el as unknown as T;
}

export function show(el: { hidden: boolean }, visible: boolean): void {
  el.hidden = !visible;
}

export function clear(el: { firstChild: ChildNode | null; removeChild(child: ChildNode): unknown }): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string } = {},
  children: Node[] = [],
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.text !== undefined) el.textContent = props.text;
  for (const c of children) el.appendChild(c);
  return el;
}
