// The size of the wasm linear memory, from the exports capture-wasm.js kept (null without them).
return window.__khabarWasm ? window.__khabarWasm.memory.buffer.byteLength : null;
