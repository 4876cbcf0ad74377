#!/usr/bin/env bash
# Trunk post-build hook: writes khabar-embed.js, the one script a publisher includes to embed
# khabar. It names this build's hashed files, so the embeds reuse the app's own wasm, JS and
# CSS (no second copy to download).
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "$dir"
glue=$(ls khabar-*.js | grep -v '^khabar-embed' | head -1)
wasm=$(ls khabar-*_bg.wasm | head -1)
css=$(ls main-*.css | head -1)
cat > khabar-embed.js <<JS
// khabar-embed.js: generated at build time by scripts/embed-loader.sh. See docs/embedding.md.
import init, { mount as mountWidget } from "./${glue}";

const here = new URL(".", import.meta.url);
const defaults = {
  stylesheet: new URL("${css}", here).href,
  contentBase: new URL("content/", here).href,
};
let ready = null;
const start = () => (ready ??= init({ module_or_path: new URL("${wasm}", here) }));

/** Mounts a widget into \`element\`; returns a handle whose unmount() removes it. */
export function mount(element, options = {}) {
  let handle = null;
  let gone = false;
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v != null && v !== ""));
  start()
    .then(() => {
      if (!gone) handle = mountWidget(element, { ...defaults, ...given });
    })
    .catch((e) => console.error("khabar:", e));
  return {
    unmount() {
      gone = true;
      if (handle) {
        handle.unmount();
        handle.free();
        handle = null;
      }
    },
  };
}

class KhabarWidget extends HTMLElement {
  connectedCallback() {
    this.widget?.unmount();
    this.widget = mount(this, {
      kind: this.constructor.kind,
      slug: this.getAttribute("slug"),
      contentBase: this.getAttribute("content-base"),
      linkPattern: this.getAttribute("link-pattern"),
      sectionPattern: this.getAttribute("section-pattern"),
    });
  }

  disconnectedCallback() {
    this.widget?.unmount();
    this.widget = null;
  }
}

if (!customElements.get("khabar-article")) {
  customElements.define("khabar-article", class extends KhabarWidget { static kind = "article"; });
  customElements.define("khabar-related", class extends KhabarWidget { static kind = "related"; });
}
JS
