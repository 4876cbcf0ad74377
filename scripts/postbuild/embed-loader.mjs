// Writes khabar-embed.js, the one script a publisher includes to embed khabar
// (docs/embedding.md). It names this build's hashed files, so the embeds reuse the app's own
// wasm, JS and CSS (no second copy to download). It runs after name-by-content, so it names
// the files as they are published.
import { readdirSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { assume } from "./build.mjs";

/** @param {import("./build.mjs").Build} build */
export default function embedLoader(build) {
  const { glue, wasm } = build.glueAndWasm();
  const css = readdirSync(build.dir).filter((f) => /^main-[0-9a-f]+\.css$/.test(f));
  assume(
    css.length === 1,
    `expected one main-<hash>.css in ${build.dir}, found ${css.length}: Trunk names style/main.css ` +
      "main-<hash>.css (index.html's <link data-trunk rel=css>, filehash = true)",
  );
  writeFileSync(build.path("khabar-embed.js"), loader(basename(glue), basename(wasm), css[0]));
  build.log(`khabar-embed.js loads ${basename(glue)}`);
}

/** The embed loader's source for these files of the build. */
const loader = (glue, wasm, css) => `\
// khabar-embed.js: generated at build time by scripts/postbuild/embed-loader.mjs. See docs/embedding.md.
import init, { mount as mountWidget } from "./${glue}";

const here = new URL(".", import.meta.url);
const defaults = {
  stylesheet: new URL("${css}", here).href,
  contentBase: new URL("content/", here).href,
};
// The host's choices a widget takes (the theme through the stylesheet, the digits in src/embed.rs).
const choices = { theme: ["light", "dark", "system"], digits: ["western", "arabic_indic"] };
let ready = null;
const start = () => (ready ??= init({ module_or_path: new URL("${wasm}", here) }));

/** Mounts a widget into \`element\`; returns a handle whose unmount() removes it. */
export function mount(element, options = {}) {
  let handle = null;
  let gone = false;
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v != null && v !== ""));
  for (const [name, values] of Object.entries(choices)) {
    if (name in given && !values.includes(given[name])) {
      console.warn(\`khabar: \${name} "\${given[name]}" is not one of \${values.join(", ")}: the widget's default is used\`);
    }
  }
  // The theme is the element's attribute, which khabar's stylesheet reads (:host([theme])).
  if (given.theme) element.setAttribute("theme", given.theme);
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
      theme: this.getAttribute("theme"),
      digits: this.getAttribute("digits"),
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
`;
