// The iframe mode's page: mounts one widget with the options in its query
// and, when the embedding page names its origin (`parent-origin`), mirrors
// the widget's events to it with postMessage and takes its commands. The
// origin is checked both ways: events go to that origin only (never '*'),
// and messages from any other origin (or window) are ignored.
import './fujin.js';

const EVENTS = [
  'fujin-ready', 'fujin-error', 'fujin-select', 'fujin-deal-open',
  'fujin-order-created', 'fujin-handoff', 'fujin-order-status',
];

function originOf(text) {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text ? text : null;
  } catch {
    return null;
  }
}

const params = new URLSearchParams(location.search);
const parentOrigin = originOf(params.get('parent-origin') || '');
if (params.has('parent-origin') && !parentOrigin) {
  console.warn('fujin: parent-origin must be an origin such as https://shop.example; events are not sent');
}
params.delete('parent-origin');
const options = Object.fromEntries(params);
const widget = await window.Fujin.mount(document.getElementById('fujin-frame'), options);

if (parentOrigin && window.parent !== window) {
  for (const name of EVENTS) {
    document.addEventListener(name, (event) => {
      window.parent.postMessage({ type: 'fujin', event: name, detail: event.detail }, parentOrigin);
    });
  }
  // Commands: { type: 'fujin', command: 'setCenter', lat, lon, zoom } and
  // 'search' (lat, lon), 'openDeal' (id), 'setFeed' (url). Values are
  // checked again in the widget, as untrusted.
  window.addEventListener('message', (event) => {
    if (event.origin !== parentOrigin || event.source !== window.parent) return;
    const m = event.data;
    if (!m || m.type !== 'fujin' || typeof m.command !== 'string') return;
    const number = (v) => (typeof v === 'number' ? v : Number.NaN);
    switch (m.command) {
      case 'setCenter': widget.setCenter(number(m.lat), number(m.lon), typeof m.zoom === 'number' ? m.zoom : undefined); break;
      case 'search': widget.search(number(m.lat), number(m.lon)); break;
      case 'openDeal': if (typeof m.id === 'string') widget.openDeal(m.id); break;
      case 'setFeed': if (typeof m.url === 'string') widget.setFeed(m.url); break;
      default: console.warn(`fujin: unknown command ${String(m.command).slice(0, 32)}`);
    }
  });
}
