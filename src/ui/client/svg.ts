/**
 * A tiny SVG element builder, as dom.ts is for HTML: user data goes in only as text nodes.
 */

const NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes and children; strings become text nodes. */
export function svg(tag: string, attrs: Record<string, string | number> = {}, ...children: Array<Node | string | null | undefined>): SVGElement {
  const node = document.createElementNS(NS, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

/** A `<title>` child: the hover text of an SVG shape. */
export function tip(text: string): SVGElement {
  return svg('title', {}, text);
}

/** Cuts text to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
