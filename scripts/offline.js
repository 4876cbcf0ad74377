// Appended to the page's start-up script by scripts/postbuild/external-start.mjs, in a release
// build, after the app has started (never to khabar-embed.js: a publisher's page is not
// khabar's to control). It registers sw.js (scripts/postbuild/service-worker.mjs), which keeps
// the app and what the reader opens for reading offline, in a browser that has service workers.
// The page's own requests on the visit that installs the worker went past it: the worker keeps
// the open pages and what they show itself, as it activates (scripts/postbuild/service-worker.mjs,
// its listeners). A failed registration (no sw.js, a browser that refuses workers here) changes
// nothing but the console.
// KHABAR_SCOPE is replaced by the build's public URL, as a string. Comment lines are dropped.
navigator.serviceWorker
  ?.register(`${KHABAR_SCOPE}sw.js`)
  .catch((error) => console.warn("khabar: no offline reading:", error));
