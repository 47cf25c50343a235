// The parent side of the iframe mode: names its own origin to the frame,
// hears the widget's events and sends it commands, checking the sender.
const frameOrigin = location.origin; // the frame is served next to this page
const params = new URLSearchParams(location.search);
const parentOrigin = params.get('claim-origin') || location.origin; // the e2e check claims another
const locate = params.get('locate') === 'auto' ? 'auto' : 'off';
const frame = document.createElement('iframe');
frame.src = `embed.html?feed=demo-feed.json&lang=en&locate=${locate}&parent-origin=${encodeURIComponent(parentOrigin)}`;
frame.allow = 'geolocation';
frame.title = 'Deals nearby';
frame.className = 'deals-frame';
document.getElementById('frame-slot').append(frame);

window.heardMessages = [];
window.addEventListener('message', (event) => {
  if (event.origin !== frameOrigin || event.source !== frame.contentWindow) return;
  if (!event.data || event.data.type !== 'fujin') return;
  window.heardMessages.push(event.data);
  document.querySelector('#heard output').textContent = window.heardMessages.map((m) => m.event).join(', ');
});

// What the end-to-end check calls to steer the frame.
window.sendToFrame = (message) => frame.contentWindow.postMessage({ type: 'fujin', ...message }, frameOrigin);
