// On a published page (its root already holds the page, rendered at build time by
// `make publish`), the app starts in a hidden copy of the root (the published root gives it its
// data-khabar-app mark, which src/lib.rs's start() looks for; hidden, it is neither laid out nor
// painted, and nothing in it is near the viewport) and takes the page over in one frame once its
// own render of the page is complete: no flash, no second copy, focus and scroll where the
// reader has them. Until then the published page is the page: its links are plain links (clicks
// are kept from the app's router), and if the app cannot open the page (its content fails to
// load) the published page stays and the console says why. It runs once the page is painted
// (after-paint.js), after the early requests (main.js imports them first).
import "./after-paint.js";

const published = document.querySelector("#khabar[data-khabar-app]");
if (published && published.firstElementChild) {
  const fresh = published.cloneNode(false);
  published.removeAttribute("data-khabar-app");
  fresh.hidden = true;
  published.after(fresh);
  const guard = (event) => event.stopPropagation();
  published.addEventListener("click", guard);
  // The head tags of the published page; the app writes its own as it renders.
  const head = [...document.head.querySelectorAll(
    'meta[property], meta[name^="twitter:"], meta[name="description"], link[rel="canonical"], link[rel="alternate"]',
  )];
  const ready = () =>
    fresh.querySelector("main h1") &&
    ![...fresh.querySelectorAll(".kh-skeleton")].some((s) => !s.closest(".kh-lazy"));
  // The path from the root to the element with focus, as child indexes.
  const pathTo = (node) => {
    if (!node || node === published || !published.contains(node)) return null;
    const path = [];
    for (; node !== published; node = node.parentElement) {
      path.unshift([...node.parentElement.children].indexOf(node));
    }
    return path;
  };
  const follow = (root, path) =>
    path.reduce((node, index) => node && node.children[index], root);
  const started = performance.now();
  const step = () => {
    // The app logged the cause of a failure itself (src/content/fetch.rs).
    const failed = fresh.querySelector(".kh-error");
    if (failed || performance.now() - started > 30000) {
      return console.error(`khabar: the published page stays: the app ${failed ? "could not open it" : "did not render it in 30 s"}`);
    }
    if (!ready()) return requestAnimationFrame(step);
    const focused = pathTo(document.activeElement);
    const y = window.scrollY;
    published.remove();
    fresh.hidden = false;
    for (const tag of head) tag.remove();
    if (window.scrollY !== y) window.scrollTo(0, y);
    if (focused) follow(fresh, focused)?.focus?.({ preventScroll: true });
  };
  requestAnimationFrame(step);
}
