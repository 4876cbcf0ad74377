// What the page shows when the app cannot start (the glue or the wasm fails to load, an
// integrity mismatch mid-deploy, a browser without WebAssembly, a CSP without
// 'wasm-unsafe-eval': main.js passes the start's error to `failed`) or stops later (a Rust
// panic ends the release wasm in an `unreachable` trap: an uncaught WebAssembly.RuntimeError,
// which the listeners below catch from the moment this module runs). The page's failure note
// (index.html's `<template id="kh-failure">`; a publisher may reword it there) is shown: as the
// page when the page is empty (the app shell), else its alert at the top of what the reader
// sees, above the page (a published article stays readable); inserted either way, so that
// screen readers announce it (role="alert"), its button reloading the page. The console gets
// the cause.

/** Shows the failure note for `cause`. */
export const failed = (cause) => {
  console.error("khabar: the app stopped:", cause);
  const note = document.getElementById("kh-failure")?.content.querySelector(".kh-failure");
  if (note) {
    note.querySelector("button").onclick = () => location.reload();
    const page = document.querySelector("#khabar:not([hidden])");
    page?.firstChild ? page.prepend(note) : document.body.append(note.parentNode);
  }
};
const trapped = (error) => error instanceof WebAssembly.RuntimeError && failed(error);
addEventListener("error", (event) => trapped(event.error));
addEventListener("unhandledrejection", (event) => trapped(event.reason));
