/**
 * A tiny element builder. User data (operator names, error messages, source names) only ever
 * goes in through `textContent`, never as HTML, so a hostile line of input cannot script the page.
 */

type Child = Node | string | number | null | undefined | false;

/** Creates an element with classes, attributes and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; attrs?: Record<string, string>; title?: string } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.title) node.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return node;
}

/** Finds an element the page skeleton is known to have. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page has no #${id}`);
  return node as T;
}

/** Replaces all children of `parent`. */
export function fill(parent: Element, ...children: Node[]): void {
  parent.replaceChildren(...children);
}
