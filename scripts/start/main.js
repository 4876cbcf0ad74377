// The page's start-up script, start-<hash>.js: scripts/postbuild/external-start.mjs bundles
// this module and what it imports with esbuild, in a release build minified, and loads it with
// `<script type="module" src=… integrity=…>` (no inline script: a strict Content-Security-Policy,
// docs/deploy.md). Its parts run in the order of the imports below:
//
// 1. offline-notice.js listens for the service worker's word that the page is read offline;
// 2. failure.js shows the page's failure note when the app cannot start or stops;
// 3. after-paint.js waits, on a published page, for the page's first paint; the modules after
//    it import it, and run once the wait is over:
// 4. early-requests.js asks for the content the page starts with, before the wasm;
// 5. takeover.js, on a published page, has the app render into a hidden copy of the page, to
//    take it over once complete;
// 6. then this module starts the app (Trunk's start-up code: import the glue, fetch the wasm
//    with its integrity, start it) and, in a release build, registers the service worker
//    (offline.js); an error of the start shows the failure note.
//
// `khabar:trunk-start` is Trunk's own start-up code, which Trunk writes inline into
// index.html: external-start.mjs takes it from there as a module whose default export runs it.
import "./offline-notice.js";
import { failed } from "./failure.js";
import "./after-paint.js";
import "./early-requests.js";
import "./takeover.js";
import { registerWorker } from "./offline.js";
import start from "khabar:trunk-start";

try {
  await start();
  // KHABAR_WORKER: a release build, whose service-worker step writes sw.js (esbuild's define).
  if (KHABAR_WORKER) registerWorker();
} catch (error) {
  failed(error);
}
