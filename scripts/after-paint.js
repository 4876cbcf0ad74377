// Prepended first to the page's start-up script by scripts/postbuild/external-start.mjs. On a
// published page (its root already holds the page, rendered at build time by `make publish`)
// the reader has the article before the app: the app's requests (its content, its glue and
// wasm) and its start wait until the page has been painted, so that they take no bandwidth
// and no main-thread time from the first paint. (The shell, an empty root, starts at once.)
// Comment lines are dropped.
if (document.querySelector("#khabar[data-khabar-app] > *")) {
  await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
}
