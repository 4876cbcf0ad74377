// On a published page (its root already holds the page, rendered at build time by
// `make publish`) the reader has the article before the app: the app's requests (its content,
// its glue and wasm) and its start wait until the page's first paint has reached the screen
// (its first contentful paint entry, which engines time at presentation, and which Chromium,
// Firefox and WebKit all report; a second at most, as in a browser that does not), so that they
// take no bandwidth and no main-thread time from it. (The shell, an empty root, starts at once.)
// A module that awaits at its top level: the modules that import it (early-requests.js,
// takeover.js, and main.js, which starts the app) run once the wait is over.
if (document.querySelector("#khabar[data-khabar-app] > *")) {
  await new Promise((painted) => {
    new PerformanceObserver(painted).observe({ type: "paint", buffered: true });
    setTimeout(painted, 1000);
  });
}
