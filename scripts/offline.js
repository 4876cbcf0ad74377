// Appended to the page's start-up script by scripts/postbuild/external-start.mjs, in a release
// build, after the app has started (never to khabar-embed.js: a publisher's page is not
// khabar's to control). It registers sw.js (scripts/postbuild/service-worker.mjs), which keeps
// the app and what the reader opens for reading offline, in a browser that has service workers.
// The page's own requests on the visit that installs the worker went past it: once the worker
// controls the page (and again when a new build's worker takes over), it is asked to keep this
// page and what the page has loaded (workbox's CACHE_URLS message; the page with
// `Accept: text/html`, which the worker takes for a page); it keeps only what its routes name
// (the content base's JSON and pictures; the app's files are precached). A failed registration
// (no sw.js, a browser that refuses workers here) changes nothing but the console.
// KHABAR_SCOPE is replaced by the build's public URL, as a string. Comment lines are dropped.
(async () => {
  const workers = navigator.serviceWorker;
  if (!workers) return;
  workers.oncontrollerchange = () =>
    workers.controller?.postMessage({
      type: "CACHE_URLS",
      payload: {
        urlsToCache: [
          [location.href, { headers: { accept: "text/html" } }],
          ...performance.getEntriesByType("resource").map((entry) => entry.name),
        ],
      },
    });
  // (Its scope is its folder, the build's public URL.)
  await workers.register(`${KHABAR_SCOPE}sw.js`);
})().catch((error) => console.warn("khabar: no offline reading:", error));
