// Fujin's loader: one module script a host page includes. It loads the
// WebAssembly next to itself (resolved from this script's own URL, so it
// works from any path or CDN), defines <fujin-deals>, and gives
// window.Fujin its API: Fujin.mount(element, options) and Fujin.ready.
// Everything from attributes and options is checked again in Rust, as
// untrusted input: this file only passes text along.
import init, { mount as mountNow } from './fujin-web.js';

/** Resolves once the WebAssembly is loaded. */
export const ready = init({ module_or_path: new URL('fujin-web_bg.wasm', import.meta.url) });

/** Mounts a widget into `element` (in its shadow root) with `options`. */
export async function mount(element, options = {}) {
  await ready;
  return mountNow(element, options);
}

/** Every widget's events: `handler(detail, event)`. */
export function on(name, handler) {
  document.addEventListener(name, (event) => handler(event.detail, event));
}

// The attributes of <fujin-deals>; see docs/embedding.md.
const ATTRIBUTES = [
  'feed', 'lang', 'center', 'zoom', 'radius', 'category', 'sort', 'q', 'tiles', 'tiles-crs',
  'ref', 'locate', 'url-state', 'url-key', 'return-url', 'linked-feeds',
];

function optionsOf(element) {
  const options = {};
  for (const name of ATTRIBUTES) {
    if (element.hasAttribute(name)) options[name] = element.getAttribute(name);
  }
  return options;
}

class FujinDeals extends HTMLElement {
  static get observedAttributes() { return ATTRIBUTES; }

  #widget = null;
  #generation = 0;

  connectedCallback() { this.#start(); }

  disconnectedCallback() { this.#stop(); }

  attributeChangedCallback(name, before, after) {
    if (!this.#widget || before === after) return;
    // The view's own settings change in place; the rest remount.
    if (!this.#widget.setOption(name, after ?? '')) this.#start();
  }

  #stop() {
    this.#generation += 1;
    if (this.#widget) {
      this.#widget.destroy();
      this.#widget = null;
    }
  }

  async #start() {
    this.#stop();
    const generation = this.#generation;
    await ready;
    // Removed (or restarted) while the WebAssembly was loading.
    if (generation !== this.#generation || !this.isConnected) return;
    this.#widget = mountNow(this, optionsOf(this));
  }
}

// window.Fujin: the same API for pages without a bundler. A page that set
// up the stub before this script ran (see docs/embedding.md) had its
// Fujin.on calls queued in Fujin.q: they are registered now.
const stub = window.Fujin || {};
const queued = Array.isArray(stub.q) ? stub.q : [];
window.Fujin = Object.assign(stub, {
  ready,
  on,
  q: [],
  mount,
});
for (const [name, handler] of queued) on(name, handler);

if (!customElements.get('fujin-deals')) customElements.define('fujin-deals', FujinDeals);
