// The stub: Fujin.on works before fujin.js has loaded; its calls wait in Fujin.q.
window.Fujin = window.Fujin || { q: [], on(name, handler) { this.q.push([name, handler]); } };
Fujin.on('fujin-ready', (detail) => {
  document.querySelector('#heard output').textContent = `fujin-ready: ${detail.merchants} merchants, ${detail.deals} deals`;
});
