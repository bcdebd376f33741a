// The few DOM helpers the lite pane draws with: what React does for the full pane, in the part IE11 supports.

type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;
export type Child = Node | string | null | undefined | false;

/** h('button', { class: 'btn', 'data-testid': 'x', onclick: f, disabled: true }, 'text') */
export function h(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElement {
  const el = document.createElement(tag);
  for (const name of Object.keys(attrs)) {
    const v = attrs[name];
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(name.slice(2), v);
    else if (name === 'checked' || name === 'disabled' || name === 'value' || name === 'selected') (el as unknown as Record<string, unknown>)[name] = v;
    else el.setAttribute(name, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el: HTMLElement, children: (Child | Child[])[]): void {
  for (const c of children) {
    if (Array.isArray(c)) append(el, c);
    else if (c !== null && c !== undefined && c !== false) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/**
 * A part of the pane that is drawn again only when what it shows changed (its key), so that a state
 * change elsewhere does not steal focus from a button or close an open list. Focus on an element with a
 * data-testid survives a redraw of its part.
 */
export class Part {
  private key: string | null = null;
  constructor(readonly el: HTMLElement) {}

  draw(key: string, build: () => Child | Child[]): void {
    if (key === this.key) return;
    this.key = key;
    const active = document.activeElement as HTMLElement | null;
    const focused = active && this.el.contains(active) ? active.getAttribute('data-testid') : null;
    while (this.el.firstChild) this.el.removeChild(this.el.firstChild);
    append(this.el, [build()]);
    if (focused) {
      const again = this.el.querySelector(`[data-testid="${focused}"]`) as HTMLElement | null;
      if (again) again.focus();
    }
  }
}
