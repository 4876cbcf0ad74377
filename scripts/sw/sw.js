// The service worker, sw.js: it keeps the app and what the reader has opened for reading
// offline (docs/deploy.md, "Offline re-reading"). scripts/postbuild/service-worker.mjs bundles
// it with the Workbox modules it imports (esbuild), then workbox-build's injectManifest writes
// this build's precache list in place of `self.__WB_MANIFEST`. The start-up script registers it
// (scripts/start/offline.js).
//
// - Precache: this build's hashed files (khabar-<hash>.js and _bg.wasm, start-<hash>.js,
//   prefs-<hash>.js, the CSS, the text face), by their names: a new build has new names, so
//   Workbox drops the old ones on activate. No page: `make publish` writes index.html and the
//   pages after the build.
// - Pages (navigations): network first, into khabar-pages-<build>, a cache of this build's own,
//   holding only pages that name this build's start-up script: a page of another build names
//   hashed files this precache does not have. On activate the other builds' page caches are
//   deleted. The worker's install puts the shell (shell.html) there: what a route the reader
//   never opened as a page gets offline.
// - Content under the content base, same origin only: JSON network first (khabar-content),
//   pictures stale-while-revalidate (khabar-images), each bounded, the oldest evicted.
// - A response taken from a cache because the network failed carries `X-Khabar-Offline: 1`,
//   and the page it is for is told (scripts/start/offline-notice.js shows the reader a notice).
// - Only 200s are kept, with their headers; a URL the server now answers 404 or 410 loses its
//   cached copy (a removed article, a deleted picture); tracking parameters (`TRACKING`: utm_…,
//   fbclid, …) are never part of a key.
//
// The build's own values come from service-worker.mjs through esbuild's define: KHABAR_BUILD (a
// hash of the precached files' names), KHABAR_SHELL (the shell's URL), KHABAR_START (the
// start-up script's file name) and KHABAR_CONTENT (the content base's path on this site, or
// null when it is on another origin); the route table's rules through khabar:routes (from
// scripts/routes.json).
import { articlePath, slugMax } from "khabar:routes";
import { CacheableResponsePlugin } from "workbox-cacheable-response";
import { clientsClaim } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import { enable as enableNavigationPreload } from "workbox-navigation-preload";
import { cleanupOutdatedCaches, precacheAndRoute } from "workbox-precaching";
import { registerRoute } from "workbox-routing";
import { NetworkFirst, StaleWhileRevalidate } from "workbox-strategies";

/** The header a response answered from a cache, because the network failed, carries. */
const OFFLINE_HEADER = "X-Khabar-Offline";
/** The caches of content, shared by every build (content is not the app's). */
const CONTENT_CACHE = "khabar-content";
const IMAGES_CACHE = "khabar-images";
/** Each build's cache of pages is this and a hash of its precached files' names. */
const PAGES_PREFIX = "khabar-pages-";
const PAGES = PAGES_PREFIX + KHABAR_BUILD;
/** The content base's path on this site, or null when it is on another origin: another
 * origin's files are not the worker's to fetch (the policy's connect-src 'self' would refuse). */
const CONTENT = KHABAR_CONTENT;
/** A picture's file name: the types the content validator accepts (IMAGE_TYPES in
 * src/content/check.rs). */
const PICTURE = /\.(?:jpe?g|png|webp|avif|gif|svg)$/i;

/** Query parameters that only say where a reader came from (campaign tags and the click ids
 * of ad and social networks): never part of a cache key, so a shared link with `?utm_…` or
 * `?fbclid=…` is the same page as without, kept once, and does not push other pages out. */
const TRACKING =
  /^(?:utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|twclid|li_fat_id|igshid|yclid|mc_cid|mc_eid|_ga|_gl|ref_src)$/;

/** `href` without its tracking parameters. */
const untracked = (href) => {
  const url = new URL(href);
  for (const name of [...url.searchParams.keys()]) if (TRACKING.test(name)) url.searchParams.delete(name);
  return url.href;
};

/** Whether a page's `text` is this build's: it names this build's start-up script (one of
 * another build would start an app whose files this precache does not have). */
const ours = (text) => text.includes(KHABAR_START);

/** `response` with the offline header. */
const offline = (response) => {
  const headers = new Headers(response.headers);
  headers.set(OFFLINE_HEADER, "1");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
};

enableNavigationPreload();
self.skipWaiting();
clientsClaim();
// The names carry their content's hash: the list has no revisions (injectManifest's
// dontCacheBustURLsMatching).
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [TRACKING] });
cleanupOutdatedCaches();

// Every runtime cache keys its entries without tracking parameters, and drops the entry of a URL
// the server now answers 404 or 410: only 200s are kept (cacheableResponse, cacheWillUpdate).
const keyed = { cacheKeyWillBeUsed: async ({ request }) => untracked(request.url) };
// Both hooks: a navigation answered through navigation preload skips fetchDidSucceed, and a
// CacheableResponsePlugin placed before this plugin ends cacheWillUpdate first.
const dropGone = (cacheName) => {
  const drop = async ({ request, response }) => {
    if (response.status === 404 || response.status === 410) {
      await (await caches.open(cacheName)).delete(untracked(request.url), { ignoreVary: true });
    }
    return response;
  };
  return { fetchDidSucceed: drop, cacheWillUpdate: drop };
};
// What the worker answers from a cache because the network failed carries the offline header,
// and the page it is for is told.
const toOffline = {
  cachedResponseWillBeUsed: async ({ cachedResponse, event }) => {
    if (!cachedResponse) return cachedResponse;
    const id = event && (event.clientId || event.resultingClientId);
    if (id) self.clients.get(id).then((client) => client && client.postMessage("khabar:offline"));
    return offline(cachedResponse);
  },
};

// A navigation, or a page a script asks for as a page (`Accept: text/html`: a Request made in a
// script cannot be a navigation).
registerRoute(
  ({ request, sameOrigin }) => sameOrigin && (request.mode === "navigate" || request.headers.get("accept") === "text/html"),
  new NetworkFirst({
    cacheName: PAGES,
    matchOptions: { ignoreVary: true },
    plugins: [
      keyed,
      dropGone(PAGES),
      {
        cacheWillUpdate: async ({ response }) =>
          response.status === 200 && ours(await response.clone().text()) ? response : null,
      },
      // At most 100 pages besides the shell, the oldest written first out. (Not Workbox's
      // ExpirationPlugin: its records, kept by cache name in IndexedDB, would outlive each
      // build's cache.)
      {
        cacheDidUpdate: async ({ cacheName }) => {
          const cache = await caches.open(cacheName);
          const shell = new URL(KHABAR_SHELL, location).href;
          const keys = (await cache.keys()).filter((key) => key.url !== shell);
          await Promise.all(keys.slice(0, -100).map((key) => cache.delete(key)));
        },
      },
      toOffline,
      // Nothing cached for this route: the shell, which opens it from the cached content.
      {
        handlerDidError: async () => {
          const shell = await caches.match(KHABAR_SHELL, { cacheName: PAGES, ignoreVary: true });
          return shell && offline(shell);
        },
      },
    ],
  }),
);
if (CONTENT) {
  // Cached on first use, the content base's files only.
  const under =
    (files) =>
    ({ url, sameOrigin }) =>
      sameOrigin && url.pathname.startsWith(CONTENT) && files.test(url.pathname);
  registerRoute(
    under(/\.json$/i),
    new NetworkFirst({
      cacheName: CONTENT_CACHE,
      matchOptions: { ignoreVary: true },
      plugins: [
        new CacheableResponsePlugin({ statuses: [200] }),
        new ExpirationPlugin({ maxEntries: 200, purgeOnQuotaError: true }),
        keyed,
        dropGone(CONTENT_CACHE),
        toOffline,
      ],
    }),
  );
  registerRoute(
    under(PICTURE),
    new StaleWhileRevalidate({
      cacheName: IMAGES_CACHE,
      matchOptions: { ignoreVary: true },
      plugins: [
        new CacheableResponsePlugin({ statuses: [200] }),
        new ExpirationPlugin({ maxEntries: 150, purgeOnQuotaError: true }),
        keyed,
        dropGone(IMAGES_CACHE),
      ],
    }),
  );
}

// Install: the shell, when this build's (a build without `make publish` has none); best effort,
// the worker installs without it.
addEventListener("install", (event) =>
  event.waitUntil(
    (async () => {
      const response = await fetch(KHABAR_SHELL);
      if (response.status === 200 && ours(await response.clone().text())) {
        await (await caches.open(PAGES)).put(KHABAR_SHELL, response);
      }
    })().catch(() => {}),
  ),
);

// Activate: the other builds' pages go, and the pages open then are kept with what they show.
addEventListener("activate", (event) =>
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PAGES_PREFIX) && name !== PAGES) await caches.delete(name);
      }
      // The pages open as the worker takes over loaded past it (the first visit): it keeps each
      // page of this build, the site settings, an article page's JSON and the pictures the page
      // names under the content base, from the browser's HTTP cache where it can.
      // Content as the routes keep it: a 200 as it came (its status and headers), under the URL
      // without tracking parameters; a 404 or a 410 deletes the copy a cache holds (a picture
      // that the previous build's worker kept, named by a page open as this one activates).
      const keep = async (url, cache) => {
        const key = untracked(url);
        const response = await fetch(key);
        if (response.status === 200 && !response.redirected) await (await caches.open(cache)).put(key, response.clone());
        else if (response.status === 404 || response.status === 410) {
          await (await caches.open(cache)).delete(key, { ignoreVary: true });
        }
        return response;
      };
      for (const client of await clients.matchAll({ type: "window", includeUncontrolled: true })) {
        const url = new URL(untracked(client.url));
        if (url.origin !== location.origin) continue;
        // Only a page the server answers 200 (a not-found page is never kept as one), kept as it
        // came, with its headers.
        const answer = await fetch(url, { headers: { accept: "text/html" } });
        if (answer.status !== 200 || answer.redirected) continue;
        const page = await answer.clone().text();
        if (!ours(page)) continue;
        await (await caches.open(PAGES)).put(url, answer);
        if (!CONTENT) continue;
        const slug = articlePath.exec(url.pathname)?.[1];
        const files = [CONTENT + "site.json", ...(slug && slug.length <= slugMax ? [CONTENT + "articles/" + slug + ".json"] : [])];
        const pictures = [...page.matchAll(/\b(?:src|srcset)=(?:"([^"]+)"|([^\s>"]+))/g)]
          .flatMap((m) => (m[1] ?? m[2]).split(",").map((part) => part.trim().split(/\s+/)[0]))
          .map((src) => new URL(src.replaceAll("&amp;", "&"), url))
          .filter((src) => src.origin === location.origin && src.pathname.startsWith(CONTENT) && PICTURE.test(src.pathname));
        await Promise.all([
          ...files.map((file) => keep(new URL(file, location).href, CONTENT_CACHE).catch(() => {})),
          ...pictures.map((src) => keep(src.href, IMAGES_CACHE).catch(() => {})),
        ]);
      }
    })().catch(() => {}),
  ),
);
