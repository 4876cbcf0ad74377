// Keeps the wasm exports Trunk's loader announces, for the size of the linear memory (run on
// every new document, before the page's own scripts).
addEventListener('TrunkApplicationStarted', e => { window.__khabarWasm = e.detail && e.detail.wasm; });
