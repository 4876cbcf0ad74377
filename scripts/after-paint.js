// Prepended first to the page's start-up script by scripts/postbuild/external-start.mjs. On a
// published page (its root already holds the page, rendered at build time by `make publish`)
// the reader has the article before the app: the app's requests (its content, its glue and
// wasm) and its start wait until the page's first paint has reached the screen (its first
// contentful paint, or the headline's Element Timing entry, whichever the engine reports
// first; the next frame where it reports neither; a second at most), so that they take no
// bandwidth and no main-thread time from it. (The shell, an empty root, starts at once.)
// Comment lines are dropped.
if (document.querySelector("#khabar[data-khabar-app] > *")) {
  await new Promise((painted) => {
    const types = (PerformanceObserver.supportedEntryTypes || []).filter((t) => t === "paint" || t === "element");
    if (!types.length) return requestAnimationFrame(() => setTimeout(painted, 0));
    for (const type of types) {
      new PerformanceObserver((list) => {
        if (list.getEntries().some((e) => e.name === "first-contentful-paint" || e.identifier === "headline")) painted();
      }).observe({ type, buffered: true });
    }
    setTimeout(painted, 1000);
  });
}
