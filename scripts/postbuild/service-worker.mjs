// Writes sw.js, the service worker that keeps the app and what the reader has opened for
// reading offline (docs/deploy.md, "Offline re-reading"), with workbox-build's generateSW (npm,
// package.json). The start-up script registers it (scripts/start/offline.js, external-start.mjs).
//
// - Precache: this build's hashed files (khabar-<hash>.js and _bg.wasm, start-<hash>.js, the
//   CSS), by their names: a new build has new names, so workbox drops the old ones on activate.
//   No page: `make publish` writes index.html and the pages after this step.
// - Pages (navigations): network first, into khabar-pages-<build>, a cache of this build's own
//   (a hash of the precache's names), holding only pages that name this build's start-up
//   script: a page of another build names hashed files this precache does not have. On
//   activate the other builds' page caches are deleted. The worker's install puts the shell
//   (shell.html) there: what a route the reader never opened as a page gets offline.
// - Content under the content base, same origin only: JSON network first (khabar-content),
//   pictures stale-while-revalidate (khabar-images), each bounded, the oldest evicted.
// - A response taken from a cache because the network failed carries `X-Khabar-Offline: 1`.
// - Only 200s are kept; a URL the server now answers 404 or 410 loses its cached copy (a
//   removed article, a deleted picture); tracking parameters (`TRACKING`: utm_…, fbclid, …)
//   are never part of a key.
//
// generateSW writes the functions of its options into sw.js by their source text, so they
// cannot close over the build's values: they are made from source with the values written in
// (`code` below). It has no option for a worker's own event listeners: the install and
// activate listeners are appended to what it writes.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { minify } from "terser";
import { articlePath, assume, Broken, routes } from "./build.mjs";

/** The header a response answered from a cache, because the network failed, carries. */
export const OFFLINE_HEADER = "X-Khabar-Offline";
/** The caches of content, shared by every build (content is not the app's). */
export const CONTENT_CACHE = "khabar-content";
export const IMAGES_CACHE = "khabar-images";
/** Each build's cache of pages is this and a hash of its precached files' names. */
export const PAGES_PREFIX = "khabar-pages-";

/** A hashed file of the app (Trunk's `filehash`, name-by-content's, external-start's names),
 * as deploy/nginx/khabar.conf's year-long location matches them. */
const HASHED = /^[\w.-]+-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css|woff2)$/;
/** The browsers the worker is written for: those the app runs in (its start-up script awaits
 * at its top level). */
const TARGETS = ["chrome >= 89", "firefox >= 89", "safari >= 15"];

/** Query parameters that only say where a reader came from (campaign tags and the click ids
 * of ad and social networks): never part of a cache key, so a shared link with `?utm_…` or
 * `?fbclid=…` is the same page as without, kept once, and does not push other pages out. */
export const TRACKING = /^(?:utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|twclid|li_fat_id|igshid|yclid|mc_cid|mc_eid|_ga|_gl|ref_src)$/;

/** The source of a function that returns `href` without its tracking parameters. */
const untracked = `(href) => {
  const url = new URL(href);
  for (const name of [...url.searchParams.keys()]) if (${TRACKING}.test(name)) url.searchParams.delete(name);
  return url.href;
}`;

/** A function for generateSW, made from its `source`, which is what sw.js gets. */
const code = (source) => new Function(`return ${source}`)();

/** The source of a function that returns `response` with the offline header. */
const offline = `(response) => {
  const headers = new Headers(response.headers);
  headers.set(${JSON.stringify(OFFLINE_HEADER)}, "1");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}`;

/** @param {import("./build.mjs").Build} build */
export default async function serviceWorker(build) {
  const files = readdirSync(build.dir).filter((f) => HASHED.test(f)).sort();
  for (const [what, pattern] of [
    ["the glue, khabar-<hash>.js", /^khabar-[0-9a-f]+\.js$/],
    ["the wasm, khabar-<hash>_bg.wasm", /^khabar-[0-9a-f]+_bg\.wasm$/],
    ["the start-up script, start-<hash>.js (external-start)", /^start-[0-9a-f]+\.js$/],
    ["the stylesheet, main-<hash>.css", /^main-[0-9a-f]+\.css$/],
  ]) {
    const found = files.filter((f) => pattern.test(f)).length;
    assume(found === 1, `expected one of ${what} in ${build.dir}, found ${found}: the worker precaches the app's hashed files`);
  }
  const start = files.find((f) => f.startsWith("start-"));
  const page = readFileSync(build.path("index.html"), "utf8");
  assume(page.includes(start), `index.html does not load ${start}: external-start names it there`);

  const pages = PAGES_PREFIX + createHash("sha256").update(files.join("\n")).digest("hex").slice(0, 16);
  const shell = `${build.publicUrl}shell.html`;
  const content = contentPath(page, build.publicUrl);
  // A page of this build names its start-up script; one of another build would start an app
  // whose files this precache does not have.
  const ours = `(text) => text.includes(${JSON.stringify(start)})`;
  // Cached on first use of the content base's files only; another origin's are not the
  // worker's to fetch (the policy's connect-src 'self' would refuse it).
  const under = (extensions) =>
    code(`({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith(${JSON.stringify(content)}) &&
      /\\.(?:${extensions})$/i.test(url.pathname)`);
  // What the worker answers from a cache because the network failed carries the offline
  // header, and the page it is for is told (scripts/start/offline-notice.js shows the reader a notice).
  // Every runtime cache keys its entries without tracking parameters, and drops the entry of
  // a URL the server now answers 404 or 410 (a removed article, a deleted picture): only 200s
  // are kept (cacheableResponse, cacheWillUpdate), with their headers.
  const keyed = { cacheKeyWillBeUsed: code(`async ({ request }) => (${untracked})(request.url)`) };
  // Both hooks: a navigation answered through navigation preload skips fetchDidSucceed, and a
  // cacheableResponse filter placed before this plugin ends cacheWillUpdate first.
  const dropGone = (cacheName) => {
    const drop = code(`async ({ request, response }) => {
      if (response.status === 404 || response.status === 410) {
        await (await caches.open(${JSON.stringify(cacheName)})).delete((${untracked})(request.url), { ignoreVary: true });
      }
      return response;
    }`);
    return { fetchDidSucceed: drop, cacheWillUpdate: drop };
  };
  const toOffline = {
    cachedResponseWillBeUsed: code(`async ({ cachedResponse, event }) => {
      if (!cachedResponse) return cachedResponse;
      const id = event && (event.clientId || event.resultingClientId);
      if (id) self.clients.get(id).then((client) => client && client.postMessage("khabar:offline"));
      return (${offline})(cachedResponse);
    }`),
  };

  const runtimeCaching = [
    {
      // A navigation, or a page a script asks the worker to keep (CACHE_URLS, with
      // `Accept: text/html`: a Request made in a script cannot be a navigation).
      urlPattern: code(`({ request, sameOrigin }) => sameOrigin &&
        (request.mode === "navigate" || request.headers.get("accept") === "text/html")`),
      handler: "NetworkFirst",
      options: {
        cacheName: pages,
        matchOptions: { ignoreVary: true },
        plugins: [
          keyed,
          dropGone(pages),
          { cacheWillUpdate: code(`async ({ response }) =>
              response.status === 200 && (${ours})(await response.clone().text()) ? response : null`) },
          // At most 100 pages besides the shell, the oldest written first out. (Not workbox's
          // ExpirationPlugin: its records, kept by cache name in IndexedDB, would outlive each
          // build's cache.)
          { cacheDidUpdate: code(`async ({ cacheName }) => {
              const cache = await caches.open(cacheName);
              const shell = new URL(${JSON.stringify(shell)}, location).href;
              const keys = (await cache.keys()).filter((key) => key.url !== shell);
              await Promise.all(keys.slice(0, -100).map((key) => cache.delete(key)));
            }`) },
          toOffline,
          // Nothing cached for this route: the shell, which opens it from the cached content.
          { handlerDidError: code(`async () => {
              const shell = await caches.match(${JSON.stringify(shell)}, { cacheName: ${JSON.stringify(pages)}, ignoreVary: true });
              return shell && (${offline})(shell);
            }`) },
        ],
      },
    },
  ];
  if (content) {
    runtimeCaching.push(
      {
        urlPattern: under("json"),
        handler: "NetworkFirst",
        options: {
          cacheName: CONTENT_CACHE,
          matchOptions: { ignoreVary: true },
          cacheableResponse: { statuses: [200] },
          expiration: { maxEntries: 200, purgeOnQuotaError: true },
          plugins: [keyed, dropGone(CONTENT_CACHE), toOffline],
        },
      },
      {
        urlPattern: under("jpe?g|png|webp|avif|gif|svg"),
        handler: "StaleWhileRevalidate",
        options: {
          cacheName: IMAGES_CACHE,
          matchOptions: { ignoreVary: true },
          cacheableResponse: { statuses: [200] },
          expiration: { maxEntries: 150, purgeOnQuotaError: true },
          plugins: [keyed, dropGone(IMAGES_CACHE)],
        },
      },
    );
  } else {
    build.log("the content base is on another origin: its JSON and pictures are not kept offline");
  }

  // Loaded here, not with the pipeline: it is large, and only this step needs it.
  const { generateSW } = await import("workbox-build").catch((error) => {
    throw new Broken(`workbox-build cannot be loaded (${error.code ?? error.message}): install the npm tools with scripts/setup.sh (npm ci)`);
  });
  // Written aside first: a step that fails writes nothing.
  const aside = mkdtempSync(join(tmpdir(), "khabar-sw-"));
  const started = performance.now();
  const { count, filePaths, warnings } = await generateSW({
    swDest: join(aside, "sw.js"),
    globDirectory: build.dir,
    globPatterns: files,
    // The names carry their content's hash: no revision to add.
    dontCacheBustURLsMatching: HASHED,
    // The wasm must be precached whatever its size (the default drops files over 2 MiB).
    maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
    ignoreURLParametersMatching: [TRACKING],
    runtimeCaching,
    navigationPreload: true,
    cleanupOutdatedCaches: true,
    skipWaiting: true,
    clientsClaim: true,
    inlineWorkboxRuntime: true,
    mode: "production",
    sourcemap: false,
    babelPresetEnvTargets: TARGETS,
  });
  const took = performance.now() - started;
  const generated = readFileSync(join(aside, "sw.js"), "utf8");
  rmSync(aside, { recursive: true });
  assume(warnings.length === 0, `workbox-build warned: ${warnings.join("; ")}`);
  assume(count === files.length, `workbox-build precaches ${count} files, not the ${files.length} of the app`);
  assume(filePaths.length === 1, `workbox-build wrote ${filePaths.join(", ")}, not sw.js alone`);

  // The worker's own listeners. Install: the shell, when this build's (a build without
  // `make publish` has none); best effort, the worker installs without it. Activate: the other
  // builds' pages go, and the pages open then are kept with what they show.
  const listeners = `
addEventListener("install", (event) => event.waitUntil((async () => {
  const response = await fetch(${JSON.stringify(shell)});
  if (response.status === 200 && (${ours})(await response.clone().text())) {
    await (await caches.open(${JSON.stringify(pages)})).put(${JSON.stringify(shell)}, response);
  }
})().catch(() => {})));
addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) {
    if (name.startsWith(${JSON.stringify(PAGES_PREFIX)}) && name !== ${JSON.stringify(pages)}) await caches.delete(name);
  }
  // The pages open as the worker takes over loaded past it (the first visit): it keeps each
  // page of this build, the site settings, an article page's JSON and the pictures the page
  // names under the content base, from the browser's HTTP cache where it can.
  // Content as the routes keep it: a 200 as it came (its status and headers), under the URL without
  // tracking parameters; a 404 or a 410 deletes the copy a cache holds (a picture that the
  // previous build's worker kept, named by a page open as this one activates).
  const keep = async (url, cache) => {
    const key = (${untracked})(url);
    const response = await fetch(key);
    if (response.status === 200 && !response.redirected) await (await caches.open(cache)).put(key, response.clone());
    else if (response.status === 404 || response.status === 410) await (await caches.open(cache)).delete(key, { ignoreVary: true });
    return response;
  };
  for (const client of await clients.matchAll({ type: "window", includeUncontrolled: true })) {
    const url = new URL((${untracked})(client.url));
    if (url.origin !== location.origin) continue;
    // Only a page the server answers 200 (a not-found page is never kept as one), kept as it
    // came, with its headers.
    const answer = await fetch(url, { headers: { accept: "text/html" } });
    if (answer.status !== 200 || answer.redirected) continue;
    const page = await answer.clone().text();
    if (!(${ours})(page)) continue;
    await (await caches.open(${JSON.stringify(pages)})).put(url, answer);
    const content = ${JSON.stringify(content)};
    if (!content) continue;
    const slug = ${articlePath()}.exec(url.pathname)?.[1];
    const files = [content + "site.json", ...(slug && slug.length <= ${routes.slug.maxLength} ? [content + "articles/" + slug + ".json"] : [])];
    const pictures = [...page.matchAll(/\\b(?:src|srcset)=(?:"([^"]+)"|([^\\s>"]+))/g)]
      .flatMap((m) => (m[1] ?? m[2]).split(",").map((part) => part.trim().split(/\\s+/)[0]))
      .map((src) => new URL(src.replaceAll("&amp;", "&"), url))
      .filter((src) => src.origin === location.origin && src.pathname.startsWith(content) && /\\.(?:jpe?g|png|webp|avif|gif|svg)$/i.test(src.pathname));
    await Promise.all([
      ...files.map((file) => keep(new URL(file, location).href, ${JSON.stringify(CONTENT_CACHE)}).catch(() => {})),
      ...pictures.map((src) => keep(src.href, ${JSON.stringify(IMAGES_CACHE)}).catch(() => {})),
    ]);
  }
})().catch(() => {})));
`;
  const worker =
    "// sw.js: generated at build time by scripts/postbuild/service-worker.mjs (workbox-build). See docs/deploy.md.\n" +
    generated.trim() +
    "\n" +
    (await minify(listeners, { compress: true, mangle: true })).code +
    "\n";
  writeFileSync(build.path("sw.js"), worker);
  const size = Buffer.byteLength(worker);
  build.log(`sw.js precaches ${count} files, pages in ${pages}, ${(size / 1000).toFixed(1)} KB raw; generateSW took ${Math.round(took)} ms`);
}

/** The path of index.html's content base (`<meta name="khabar:content-base">`, /content/ by
 * default, as scripts/start/early-requests.js reads it), or null when it is on another origin. */
function contentPath(page, publicUrl) {
  let base = routes.contentBase;
  for (const [tag] of page.matchAll(/<meta\b[^>]*>/gi)) {
    if (!/\bname=["']?khabar:content-base["'\s>]/i.test(tag)) continue;
    const value = tag.match(/\bcontent=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/i)?.slice(1).find((v) => v !== undefined);
    if (value?.trim()) base = value.trim().replaceAll("&amp;", "&");
  }
  if (!base.endsWith("/")) base += "/";
  const here = "https://khabar.invalid";
  const url = new URL(base, here + publicUrl);
  return url.origin === here ? url.pathname : null;
}
