// The registration of sw.js (scripts/sw/sw.js, built by scripts/postbuild/service-worker.mjs),
// which keeps the app and what the reader opens for reading offline, in a browser that has
// service workers; main.js calls it in a release build, after the app has started (never in
// khabar-embed.js: a publisher's page is not khabar's to control). The page's own requests on the
// visit that installs the worker went past it: the worker keeps the open pages and what they show
// itself, as it activates (sw.js, its activate listener). A failed registration (no sw.js, a
// browser that refuses workers here) changes nothing but the console. KHABAR_SCOPE is the build's
// public URL (esbuild's define: scripts/postbuild/external-start.mjs).

/** Registers the service worker. */
export const registerWorker = () =>
  navigator.serviceWorker
    ?.register(`${KHABAR_SCOPE}sw.js`)
    .catch((error) => console.warn("khabar: no offline reading:", error));
