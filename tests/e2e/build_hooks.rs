//! The post-build pipeline (scripts/postbuild.mjs, docs/build.md), each step alone and all in
//! order, on small folders shaped as Trunk and wasm-bindgen leave theirs: a release build and
//! the one `trunk serve` writes (`make serve`), whose page has an inline live-reload script.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

const START: &str = r#"<script type="module">
import init, * as bindings from '/khabar-0123456789abcdef.js';
const wasm = await init({ module_or_path: '/khabar-0123456789abcdef_bg.wasm' });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>"#;
const LIVE_RELOAD: &str = "<script>(function () { /* trunk serve's live reload */ })()</script>";

/// A new empty folder for one run of a hook.
fn scratch() -> PathBuf {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("khabar-hook-{}-{run}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the post-build steps `steps` (comma-separated; "" for all) on `dir` as Trunk would for
/// `profile`: whether they succeeded, and what they wrote to stderr.
fn pipeline(steps: &str, dir: &Path, profile: &str) -> (bool, String) {
    let mut command = Command::new("node");
    command.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/postbuild.mjs"));
    if !steps.is_empty() {
        command.args(["--only", steps]);
    }
    let out = command
        .arg(dir)
        .env("TRUNK_PROFILE", profile)
        .env("TRUNK_PUBLIC_URL", "/")
        .output()
        .expect("node runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.success(), stderr)
}

/// Runs the post-build step `step` alone on `dir` as Trunk would for `profile`; whether it
/// succeeded.
fn hook(step: &str, dir: &Path, profile: &str) -> bool {
    pipeline(step, dir, profile).0
}

/// What `node --input-type=module -e <script>` prints, run in `dir`.
fn node(dir: &Path, script: &str) -> String {
    let out = Command::new("node")
        .args(["--input-type=module", "-e", script])
        .current_dir(dir)
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Runs the external-start step on a folder holding `index` as index.html, as Trunk would
/// for `profile`: whether it succeeded, the page it left, and the files in the folder.
fn external_start(index: &str, profile: &str) -> (bool, String, Vec<String>) {
    let (ok, page, files, _) = external_start_script(index, profile);
    (ok, page, files)
}

/// [`external_start`], and the start-up script it wrote ("" when none).
fn external_start_script(index: &str, profile: &str) -> (bool, String, Vec<String>, String) {
    let dir = scratch();
    std::fs::write(dir.join("index.html"), index).unwrap();
    let ok = hook("external-start", &dir, profile);
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let files = files(&dir);
    let script = files
        .iter()
        .find(|f| f.starts_with("start-"))
        .map(|f| std::fs::read_to_string(dir.join(f)).unwrap())
        .unwrap_or_default();
    std::fs::remove_dir_all(&dir).unwrap();
    (ok, page, files, script)
}

/// Issue 25: the public URL went into the script tags as it was: `"><script …>` in it would
/// have written a script of its own into every page. The pipeline refuses it, saying why, and
/// writes nothing; a path like `/news/` still builds.
#[test]
fn a_public_url_that_could_end_an_attribute_is_refused_before_any_step() {
    for (url, refused) in [
        ("/news/\"><script src=/x.js></script>", true),
        ("/a b/", true),
        ("/x/';alert(1);'", true),
        ("/news/", false),
        ("https://cdn.example/khabar/", false),
    ] {
        let dir = scratch();
        let index = format!("<html><head>{START}</head></html>");
        std::fs::write(dir.join("index.html"), &index).unwrap();
        let out = Command::new("node")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/postbuild.mjs"))
            .args(["--only", "external-start"])
            .arg(&dir)
            .env("TRUNK_PROFILE", "release")
            .env("TRUNK_PUBLIC_URL", url)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if refused {
            assert!(
                !out.status.success() && stderr.contains("the public URL"),
                "{url}: {stderr}"
            );
            assert_eq!(files(&dir), ["index.html"], "{url}: a step ran");
            assert_eq!(std::fs::read_to_string(dir.join("index.html")).unwrap(), index);
        } else {
            assert!(out.status.success(), "{url}: {stderr}");
            let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
            assert!(page.contains(&format!("src=\"{url}start-")), "{url}: {page}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// `code` without blanks and with one kind of quote: a minified script and its source compare.
fn squashed(code: &str) -> String {
    code.replace([' ', '\n'], "").replace('\'', "\"")
}

#[test]
fn the_start_up_script_requests_the_wasm_itself_in_place_of_trunks_preload() {
    // Trunk's preload of the wasm, as it writes it and as its minifier leaves it.
    let quoted = "<link rel=\"preload\" href=\"/khabar-0123456789abcdef_bg.wasm\" as=\"fetch\" \
                  type=\"application/wasm\" crossorigin=\"\" integrity=\"sha384-ab+/cd=\">";
    let minified = "<link as=fetch crossorigin href=/khabar-0123456789abcdef_bg.wasm \
                    integrity=sha384-ab+/cd= rel=preload type=application/wasm>";
    let site = "<link as=fetch crossorigin href=/content/site.json rel=preload>";
    for preload in [quoted, minified] {
        let index = format!("<html><head>{site}{START}{preload}</head></html>");
        let (ok, page, _, script) = external_start_script(&index, "release");
        assert!(ok, "{preload}");
        assert!(!page.contains("_bg.wasm"), "the wasm preload is gone: {page}");
        assert!(page.contains(site), "other preloads stay: {page}");
        // (A release build's script is minified: compared without blanks, one kind of quote.)
        assert!(
            squashed(&script).contains(&squashed(
                "module_or_path: fetch('/khabar-0123456789abcdef_bg.wasm', { integrity: 'sha384-ab+/cd=' })"
            )),
            "{script}"
        );
        // Before it: on a published page, the wait for the first paint
        // (scripts/start/after-paint.js), then the content requests the app takes over
        // (scripts/start/early-requests.js); the glue is imported when the wait is over. No comments.
        let at = |what: &str| {
            script
                .find(what)
                .unwrap_or_else(|| panic!("no {what} in {script}"))
        };
        assert!(at("type:\"paint\"") < at("__khabarEarly"), "{script}");
        assert!(at("__khabarEarly") < at("import(\"/khabar-"), "{script}");
        assert!(!script.contains("import init"), "{script}");
        assert!(!script.contains("\n//"), "{script}");
    }
    // A preloaded wasm that the start-up module does not load is not quietly dropped.
    let other = quoted.replace("0123456789abcdef_bg", "fedcba9876543210_bg");
    let (ok, _, _, _) =
        external_start_script(&format!("<html><head>{START}{other}</head></html>"), "release");
    assert!(!ok, "a preload of another wasm must fail the build");
}

#[test]
fn the_start_up_script_leaves_index_html_for_a_hashed_file() {
    // As Trunk writes it, and as its minifier leaves it in a release build.
    let minified = START.replace("type=\"module\"", "type=module");
    let css = "<link rel=stylesheet href=/main-0123456789abcdef.css>";
    for start in [START, &minified] {
        let (ok, page, files) = external_start(&format!("<html><head>{start}{css}</head></html>"), "release");
        assert!(ok, "{start}");
        assert!(!page.contains("_bg.wasm"), "{page}");
        let start = files
            .iter()
            .find(|f| f.starts_with("start-"))
            .expect("a start-<hash>.js");
        assert!(
            page.contains(&format!(
                "<script type=\"module\" src=\"/{start}\" integrity=\"sha384-"
            )),
            "{page}"
        );
        let (script, stylesheet) = (page.find("<script").unwrap(), page.find(css).unwrap());
        assert!(stylesheet < script, "the stylesheet is requested first: {page}");
    }
}

#[test]
fn make_serve_keeps_its_live_reload_and_a_release_page_refuses_any_inline_script() {
    let served = format!("<html><head>{START}{LIVE_RELOAD}</head></html>");
    let (ok, page, _) = external_start(&served, "debug");
    assert!(ok, "trunk serve's page must build");
    assert!(page.contains(LIVE_RELOAD) && !page.contains("<script type=\"module\">"));
    let (ok, _, _) = external_start(&served, "release");
    assert!(
        !ok,
        "a release page with another inline script must fail the build"
    );
}

const GLUE: &str = "khabar-0123456789abcdef.js";
const WASM: &str = "khabar-0123456789abcdef_bg.wasm";
const CSS: &str = "main-89abcdef01234567.css";
const IMPORT: &str = "__wbg_answer_0123456789abcdef";

/// A wasm module as wasm-bindgen leaves it, in small: it imports `IMPORT` (a function giving an
/// i32) from "./khabar_bg.js" and exports one function, which returns that plus one, under
/// wasm-bindgen's name `__wbindgen_start` and a publisher's name `mount`.
fn tiny_wasm() -> Vec<u8> {
    tiny_wasm_importing(IMPORT)
}

/// [`tiny_wasm`], its import named `import`.
fn tiny_wasm_importing(import: &str) -> Vec<u8> {
    fn name(s: &str) -> Vec<u8> {
        [vec![s.len() as u8], s.as_bytes().to_vec()].concat()
    }
    fn section(id: u8, payload: Vec<u8>) -> Vec<u8> {
        [vec![id, payload.len() as u8], payload].concat()
    }
    [
        b"\0asm\x01\0\0\0".to_vec(),
        section(1, vec![1, 0x60, 0, 1, 0x7f]),
        section(
            2,
            [vec![1], name("./khabar_bg.js"), name(import), vec![0, 0]].concat(),
        ),
        section(3, vec![1, 0]),
        section(
            7,
            [
                vec![2],
                name("__wbindgen_start"),
                vec![0, 1],
                name("mount"),
                vec![0, 1],
            ]
            .concat(),
        ),
        section(10, vec![1, 7, 0, 0x10, 0, 0x41, 1, 0x6a, 0x0b]),
    ]
    .concat()
}

/// A folder with the tiny wasm, a glue for it (whose import answers 41), the app's CSS and an
/// index.html as Trunk writes it for them: the glue and the wasm preloaded with their integrity
/// hashes, and the inline start-up module.
fn tiny_build(glue: &str) -> PathBuf {
    tiny_build_of(glue, &tiny_wasm())
}

/// [`tiny_build`] with `wasm` for the wasm.
fn tiny_build_of(glue: &str, wasm: &[u8]) -> PathBuf {
    let dir = scratch();
    std::fs::write(dir.join(WASM), wasm).unwrap();
    std::fs::write(dir.join(GLUE), glue).unwrap();
    // The stylesheet names the text face's two weights, which the font step cuts.
    std::fs::write(
        dir.join(CSS),
        "@font-face{src:url(naskh-400.woff2)}@font-face{src:url(naskh-700.woff2)}.kh-root{color:#111}",
    )
    .unwrap();
    let page = node(
        &dir,
        &format!(
            "import {{ createHash }} from 'node:crypto'; import {{ readFileSync }} from 'node:fs';
             const sri = (f) => 'sha384-' + createHash('sha384').update(readFileSync(f)).digest('base64');
             console.log(`<html><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"/{CSS}\" integrity=\"${{sri('{CSS}')}}\">` +
               `<link rel=\"modulepreload\" href=\"/{GLUE}\" crossorigin=\"\" integrity=\"${{sri('{GLUE}')}}\">` +
               `<link rel=\"preload\" href=\"/{WASM}\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"\" integrity=\"${{sri('{WASM}')}}\">` +
               {START:?} + `</head><body></body></html>`);"
        ),
    );
    std::fs::write(dir.join("index.html"), page).unwrap();
    dir
}

/// A glue for the tiny wasm, as wasm-bindgen writes one: it gives the import `import` (which
/// answers 41) and calls the wasm's exports as `wasm.<export>`; `run(bytes)` starts the wasm
/// and gives what its two exports return.
fn tiny_glue(import: &str) -> String {
    tiny_glue_with(import, "")
}

/// [`tiny_glue`] followed by `more`. Like wasm-bindgen's, it has one `innerHTML` write (the
/// setter through which tachys fills its templates), which minify-glue routes through the
/// Trusted Types policy.
fn tiny_glue_with(import: &str, more: &str) -> String {
    format!(
        "let wasm;
         export async function run(bytes) {{
           const {{ instance }} = await WebAssembly.instantiate(bytes, {{ './khabar_bg.js': {{ {import}: () => 41 }} }});
           wasm = instance.exports;
           return [wasm.__wbindgen_start(), wasm.mount()];
         }}
         export function fill(element, html) {{ element.innerHTML = html; }}
         {more}"
    )
}

/// Whether index.html in `dir` names each of `files` with its integrity hash as it now is (a
/// stale hash would stop the page loading).
fn verified(dir: &Path, files: &[&str]) -> bool {
    let files = format!("{files:?}");
    node(
        dir,
        &format!(
            "import {{ createHash }} from 'node:crypto'; import {{ readFileSync }} from 'node:fs';
             const page = readFileSync('index.html', 'utf8');
             console.log({files}.every((f) =>
               page.includes('sha384-' + createHash('sha384').update(readFileSync(f)).digest('base64'))));"
        ),
    ) == "true"
}

/// What the tiny glue's `run` gives with the tiny wasm, named `glue` and `wasm` in `dir`:
/// "[42,42]" when the wasm finds its import in the glue and the glue its exports in the wasm.
fn answers(dir: &Path, glue: &str, wasm: &str) -> String {
    node(
        dir,
        &format!(
            "import {{ readFileSync }} from 'node:fs'; const {{ run }} = await import('./{glue}');
             console.log(JSON.stringify(await run(readFileSync('{wasm}'))));"
        ),
    )
}

#[test]
fn shortened_names_still_link_the_wasm_to_its_glue_and_index_html_verifies_both() {
    let dir = tiny_build(&tiny_glue(IMPORT));
    assert!(hook("shorten-names", &dir, "release"));

    let names = node(
        &dir,
        &format!(
            "import {{ readFileSync }} from 'node:fs';
             const m = new WebAssembly.Module(readFileSync('{WASM}'));
             console.log(JSON.stringify([WebAssembly.Module.imports(m), WebAssembly.Module.exports(m)].map((l) => l.map((e) => e.name))));"
        ),
    );
    assert_eq!(
        names, r#"[["$a"],["$b","mount"]]"#,
        "wasm-bindgen's names are short, mount is not renamed"
    );
    let glue = std::fs::read_to_string(dir.join(GLUE)).unwrap();
    assert!(
        !glue.contains(IMPORT) && !glue.contains("__wbindgen_start"),
        "{glue}"
    );

    // The wasm still finds its import in the glue, and the glue its export in the wasm.
    assert_eq!(answers(&dir, GLUE, WASM), "[42,42]");
    assert!(
        verified(&dir, &[GLUE, WASM]),
        "index.html names the files as they now are"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_wasm_whose_imports_wasm_bindgen_named_otherwise_stops_the_build_saying_so() {
    // A wasm-bindgen that no longer names its imports `__wbg_<function>_<hash>`.
    let dir = tiny_build_of(&tiny_glue("answer"), &tiny_wasm_importing("answer"));
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let (ok, stderr) = pipeline("", &dir, "release");
    assert!(!ok, "the build must fail");
    assert!(
        stderr.contains(
            "shorten-names: no `__wbg_` import names in the wasm: wasm-bindgen changed how it names its imports"
        ),
        "the message names the step and the assumption: {stderr}"
    );
    assert!(
        stderr.contains("postbuild: stopped at shorten-names (step 2 of 10)"),
        "{stderr}"
    );
    // The steps after it did not run: no start-up script, no embed loader, no copies.
    assert_eq!(files(&dir), ["index.html", GLUE, WASM, CSS]);
    assert_ne!(
        std::fs::read_to_string(dir.join("index.html")).unwrap(),
        page,
        "minify-glue ran before it"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn shortening_names_refuses_a_glue_that_does_not_fit_the_wasm_and_leaves_a_debug_build() {
    let dir = tiny_build(&tiny_glue("__wbg_other_fedcba9876543210"));
    let before = std::fs::read(dir.join(WASM)).unwrap();
    assert!(
        !hook("shorten-names", &dir, "release"),
        "a glue without the wasm's import must fail the build"
    );
    assert_eq!(
        std::fs::read(dir.join(WASM)).unwrap(),
        before,
        "nothing is written when it fails"
    );
    std::fs::remove_dir_all(&dir).unwrap();

    let dir = tiny_build(&tiny_glue(IMPORT));
    assert!(hook("shorten-names", &dir, "debug"));
    assert_eq!(
        std::fs::read(dir.join(WASM)).unwrap(),
        tiny_wasm(),
        "make serve's build is left readable"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The files of `dir`, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    files.sort();
    files
}

/// Runs the name-by-content step on a tiny build whose glue is `glue`: the name it gave the glue.
fn named_by_content(glue: &str) -> String {
    let dir = tiny_build(glue);
    assert!(hook("name-by-content", &dir, "release"));
    let names = files(&dir);
    let js = names
        .iter()
        .find(|f| f.starts_with("khabar-") && f.ends_with(".js"))
        .expect("the glue")
        .clone();
    let wasm = js.replace(".js", "_bg.wasm");
    assert_eq!(
        names,
        [
            "index.html".to_string(),
            js.clone(),
            wasm.clone(),
            CSS.to_string()
        ]
    );
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(
        page.contains(&format!("/{js}\"")) && page.contains(&format!("/{wasm}\"")),
        "{page}"
    );
    assert!(!page.contains("0123456789abcdef"), "{page}");
    // A second run finds the names right and changes nothing.
    assert!(hook("name-by-content", &dir, "release"));
    assert_eq!(files(&dir), names);
    std::fs::remove_dir_all(&dir).unwrap();
    js
}

#[test]
fn the_wasm_and_its_glue_are_named_after_their_final_contents() {
    // Trunk named both files khabar-0123456789abcdef before the hooks rewrote them.
    let one = named_by_content(&tiny_glue(IMPORT));
    assert_ne!(one, GLUE);
    assert_eq!(
        named_by_content(&tiny_glue(IMPORT)),
        one,
        "the same contents, the same name"
    );
    assert_ne!(
        named_by_content(&tiny_glue("__wbg_other_fedcba9876543210")),
        one,
        "other contents, another name"
    );
}

/// Exported classes as wasm-bindgen writes them: `Dead`, whose wasm exports wasm-opt removed
/// (with its finalization registry and `Symbol.dispose` line), and `Handle`, which calls an
/// export the tiny wasm has.
const CLASSES: &str = "
const DeadFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_dead_free(ptr >>> 0, 1));
/** A class whose wasm exports are gone. */
export class Dead {
    free() { wasm.__wbg_dead_free(this.__wbg_ptr, 0); }
    read() { return wasm.dead_read(this.__wbg_ptr); }
}
if (Symbol.dispose) Dead.prototype[Symbol.dispose] = Dead.prototype.free;
/** A class the publisher uses. */
export class Handle {
    unmount() { return wasm.mount(); }
}
";

#[test]
fn the_glue_is_minified_without_the_classes_whose_wasm_exports_are_gone() {
    let glue = tiny_glue_with(IMPORT, CLASSES);
    let dir = tiny_build(&glue);
    assert!(hook("minify-glue", &dir, "release"));
    let minified = std::fs::read_to_string(dir.join(GLUE)).unwrap();
    assert!(
        minified.len() < glue.len() / 2 && !minified.contains("/**"),
        "{minified}"
    );
    assert!(
        !minified.contains("Dead") && !minified.contains("dead_read"),
        "{minified}"
    );
    assert!(minified.contains("class Handle"), "{minified}");
    assert_eq!(answers(&dir, GLUE, WASM), "[42,42]");
    assert!(
        verified(&dir, &[GLUE, WASM]),
        "index.html names the glue as it now is"
    );
    std::fs::remove_dir_all(&dir).unwrap();

    let dir = tiny_build(&glue);
    assert!(hook("minify-glue", &dir, "debug"));
    assert_eq!(
        std::fs::read_to_string(dir.join(GLUE)).unwrap(),
        glue,
        "make serve's glue is left readable"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_glues_innerhtml_write_goes_through_the_khabar_policy_and_a_glue_without_one_stops_the_build() {
    let dir = tiny_build(&tiny_glue(IMPORT));
    assert!(hook("minify-glue", &dir, "release"));
    // The minified glue, run where Trusted Types exist: the policy is asked for by name, and
    // the write receives what the policy made of the text, not the text.
    let written = node(
        &dir,
        &format!(
            "const made = [];
             globalThis.trustedTypes = {{ createPolicy: (name, rules) =>
               ({{ createHTML: (s) => {{ made.push(name); return {{ trusted: rules.createHTML(s) }}; }} }}) }};
             const {{ fill }} = await import('./{GLUE}');
             const element = {{}};
             fill(element, '<b>x</b>');
             console.log(JSON.stringify([made, element.innerHTML]));"
        ),
    );
    assert_eq!(written, r#"[["khabar"],{"trusted":"<b>x</b>"}]"#);
    std::fs::remove_dir_all(&dir).unwrap();

    // A wasm-bindgen that fills templates some other way would leave the policy unused.
    let without = tiny_glue(IMPORT).replace("element.innerHTML = html;", "element.append(html);");
    let dir = tiny_build(&without);
    let (ok, stderr) = pipeline("minify-glue", &dir, "release");
    assert!(!ok, "the build must fail");
    assert!(
        stderr.contains("minify-glue: the glue writes no `innerHTML`"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_glue_calling_a_wasm_export_that_is_gone_stops_the_build_saying_so() {
    let more = "export class Broken { a() { wasm.mount(); } b() { wasm.gone(); } }";
    let dir = tiny_build(&tiny_glue_with(IMPORT, more));
    let (ok, stderr) = pipeline("minify-glue", &dir, "release");
    assert!(!ok);
    assert!(
        stderr.contains("minify-glue: the glue calls wasm exports that do not exist: gone"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A glue that records how the embed loader calls it, in place of wasm-bindgen's.
const RECORDING_GLUE: &str = "
export const calls = [];
export default async function init(options) { calls.push(['init', String(options.module_or_path)]); }
export function mount(element, options) {
  calls.push(['mount', element, options]);
  return { unmount() { calls.push(['unmount']); }, free() { calls.push(['free']); } };
}";

#[test]
fn the_embed_loader_starts_this_builds_wasm_with_its_css_and_defines_the_elements() {
    let dir = tiny_build(RECORDING_GLUE);
    assert!(hook("embed-loader", &dir, "release"));
    let seen = node(
        &dir,
        &format!(
            "const defined = [];
             globalThis.HTMLElement = class {{}};
             globalThis.customElements = {{ get: () => undefined, define: (name) => defined.push(name) }};
             const embed = await import('./khabar-embed.js');
             const {{ calls }} = await import('./{GLUE}');
             const widget = embed.mount('the element', {{ kind: 'article', slug: 'a-b', contentBase: '' }});
             await new Promise((done) => setTimeout(done, 10));
             widget.unmount();
             const here = new URL('./', import.meta.url).href;
             console.log(JSON.stringify([defined, calls]).replaceAll(here, './'));"
        ),
    );
    let expected = format!(
        r#"[["khabar-article","khabar-related"],[["init","./{WASM}"],["mount","the element",{{"stylesheet":"./{CSS}","contentBase":"./content/","kind":"article","slug":"a-b"}}],["unmount"],["free"]]]"#
    );
    assert_eq!(seen, expected);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The policy of deploy/nginx/khabar-headers.conf, as nginx sends it.
fn nginx_policy() -> String {
    let conf = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/nginx/khabar-headers.conf"),
    )
    .unwrap();
    let line = conf
        .lines()
        .find_map(|l| l.trim().strip_prefix("add_header Content-Security-Policy \""))
        .expect("a Content-Security-Policy in khabar-headers.conf");
    line.split('"').next().unwrap().to_string()
}

/// Runs the csp-meta step on a folder holding `index` as index.html: whether it succeeded,
/// what it wrote to stderr, and the page it left.
fn csp_meta(index: &str, profile: &str) -> (bool, String, String) {
    let dir = scratch();
    std::fs::write(dir.join("index.html"), index).unwrap();
    let (ok, stderr) = pipeline("csp-meta", &dir, profile);
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    (ok, stderr, page)
}

#[test]
fn the_release_page_carries_nginxs_policy_after_its_charset_and_make_serves_page_none() {
    let policy = nginx_policy();
    assert!(policy.contains("frame-ancestors"), "{policy}");
    // Without frame-ancestors, which a <meta> cannot carry.
    let meta: Vec<&str> = policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.starts_with("frame-ancestors"))
        .collect();
    let tag = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        meta.join("; ")
    );
    // As Trunk writes the page, and as its minifier leaves it.
    for charset in ["<meta charset=\"utf-8\" />", "<meta charset=utf-8>"] {
        let rest = "<meta name=\"khabar:content-base\" content=\"/content/\"><title>خبر</title>\
                    <link rel=\"stylesheet\" href=\"/main.css\"></head>";
        let index = format!("<!DOCTYPE html><html lang=ar><head>{charset}{rest}");
        let (ok, stderr, page) = csp_meta(&index, "release");
        assert!(ok, "{stderr}");
        assert_eq!(
            page,
            format!("<!DOCTYPE html><html lang=ar><head>{charset}{tag}{rest}"),
            "the policy comes first after the charset, ahead of every stylesheet and script"
        );
        let (ok, _, page) = csp_meta(&index, "debug");
        assert!(ok);
        assert_eq!(
            page, index,
            "make serve's page keeps its live-reload script working"
        );
    }
}

#[test]
fn a_content_base_on_another_origin_is_added_to_the_policy() {
    let index = |base: &str| {
        format!("<html><head><meta charset=utf-8><meta content={base} name=khabar:content-base><title>خبر</title></head>")
    };
    let directive = |page: &str, name: &str| {
        let content = page
            .split("content=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        content
            .split("; ")
            .find(|d| d.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in {content}"))
            .to_string()
    };
    let (ok, stderr, page) = csp_meta(&index("https://cdn.example/news/"), "release");
    assert!(ok, "{stderr}");
    assert_eq!(
        directive(&page, "connect-src"),
        "connect-src 'self' https://cdn.example"
    );
    assert!(
        directive(&page, "img-src").ends_with(" https://cdn.example"),
        "{page}"
    );
    // A base on the page's own origin needs nothing more.
    for base in ["/content/", "content/", "/news/content/"] {
        let (ok, _, page) = csp_meta(&index(base), "release");
        assert!(ok);
        assert_eq!(directive(&page, "connect-src"), "connect-src 'self'", "{base}");
    }
}

#[test]
fn a_page_without_a_charset_or_with_a_policy_of_its_own_stops_the_build_saying_so() {
    let (ok, stderr, _) = csp_meta("<html><head><title>خبر</title></head>", "release");
    assert!(!ok);
    assert!(
        stderr.contains("csp-meta: expected one <meta charset> in"),
        "{stderr}"
    );
    let own = "<html><head><meta charset=utf-8>\
               <meta http-equiv=Content-Security-Policy content=\"default-src *\"></head>";
    let (ok, stderr, page) = csp_meta(own, "release");
    assert!(!ok);
    assert!(
        stderr.contains("already has a Content-Security-Policy <meta>"),
        "{stderr}"
    );
    assert_eq!(page, own, "nothing is written when it fails");
}

#[test]
fn every_text_and_wasm_file_gets_a_brotli_and_a_gzip_copy() {
    let dir = scratch();
    std::fs::create_dir_all(dir.join("content/articles")).unwrap();
    let text = "خبر عاجل ".repeat(200);
    for file in ["index.html", "a.js", "a.css", "content/articles/x.json", "k.svg"] {
        std::fs::write(dir.join(file), &text).unwrap();
    }
    std::fs::write(dir.join(WASM), tiny_wasm()).unwrap();
    std::fs::write(dir.join("photo.jpg"), [0xff, 0xd8, 0xff, 0xe0]).unwrap();
    assert!(hook("precompress", &dir, "release"));
    let checked = node(
        &dir,
        &format!(
            "import {{ existsSync, readFileSync }} from 'node:fs';
             import {{ brotliDecompressSync, gunzipSync }} from 'node:zlib';
             const same = (f) => {{
               const raw = readFileSync(f);
               return raw.equals(brotliDecompressSync(readFileSync(f + '.br'))) &&
                 raw.equals(gunzipSync(readFileSync(f + '.gz')));
             }};
             console.log(JSON.stringify([
               ['index.html', 'a.js', 'a.css', 'content/articles/x.json', 'k.svg', '{WASM}'].every(same),
               existsSync('photo.jpg.br') || existsSync('photo.jpg.gz'),
               readFileSync('a.js.br').length < readFileSync('a.js').length / 10,
             ]));"
        ),
    );
    assert_eq!(
        checked, "[true,false,true]",
        "every copy decompresses to its file, a photo gets none, brotli at its best"
    );
    assert!(!files(&dir)
        .iter()
        .any(|f| f.ends_with(".br.br") || f.ends_with(".gz.br")));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_whole_pipeline_leaves_a_page_that_verifies_and_starts_its_renamed_files() {
    let dir = tiny_build(&tiny_glue_with(IMPORT, CLASSES));
    let (ok, stderr) = pipeline("", &dir, "release");
    assert!(ok, "{stderr}");
    let all = files(&dir);
    let named = |prefix: &str, suffix: &str| {
        all.iter()
            .find(|f| f.starts_with(prefix) && f.ends_with(suffix) && *f != "khabar-embed.js")
            .unwrap_or_else(|| panic!("a {prefix}…{suffix} in {all:?}"))
            .clone()
    };
    let (glue, wasm, start, prefs, css) = (
        named("khabar-", ".js"),
        named("khabar-", "_bg.wasm"),
        named("start-", ".js"),
        named("prefs-", ".js"),
        named("main-", ".css"),
    );
    assert_ne!(glue, GLUE, "named by content");
    assert_ne!(css, CSS, "the stylesheet renamed with the face's names in it");
    let published = [
        &glue,
        &wasm,
        &start,
        &prefs,
        &css,
        "index.html",
        "khabar-embed.js",
        "sw.js",
    ];
    let mut expected: Vec<String> = published
        .iter()
        .flat_map(|f| [f.to_string(), format!("{f}.br"), format!("{f}.gz")])
        .chain(["400", "700"].map(|w| named(&format!("naskh-{w}-"), ".woff2")))
        .collect();
    expected.sort();
    assert_eq!(all, expected, "the published files, each with its two copies");

    // The page carries its policy (csp-meta).
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(
        page.starts_with("<html><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"),
        "{page}"
    );
    // The page loads the start-up script and the glue by their integrity hashes, and the
    // start-up script requests the wasm by its own.
    assert!(verified(&dir, &[&glue, &start, &prefs, &css]));
    // The service worker precaches every hashed file of the build, the faces too, by its final
    // name, marks what it answers from a cache, and the start-up script registers it.
    let worker = std::fs::read_to_string(dir.join("sw.js")).unwrap();
    let faces = ["400", "700"].map(|w| named(&format!("naskh-{w}-"), ".woff2"));
    let files = [&glue, &wasm, &start, &prefs, &css, &faces[0], &faces[1]];
    for file in files {
        assert!(worker.contains(file), "sw.js precaches {file}");
    }
    assert!(
        worker.contains("X-Khabar-Offline") && worker.contains("khabar:offline"),
        "sw.js marks its copies"
    );
    assert!(
        std::fs::read_to_string(dir.join(&start))
            .unwrap()
            .contains("sw.js"),
        "the start-up script registers it"
    );
    let sheet = std::fs::read_to_string(dir.join(&css)).unwrap();
    for face in &faces {
        assert!(sheet.contains(&format!("url({face})")), "{sheet}");
    }
    let script = std::fs::read_to_string(dir.join(&start)).unwrap();
    let wasm_sri = node(
        &dir,
        &format!(
            "import {{ createHash }} from 'node:crypto'; import {{ readFileSync }} from 'node:fs';
             console.log('sha384-' + createHash('sha384').update(readFileSync('{wasm}')).digest('base64'));"
        ),
    );
    assert!(
        squashed(&script).contains(&squashed(&format!(
            "fetch('/{wasm}', {{ integrity: '{wasm_sri}' }})"
        ))),
        "{script}"
    );
    let embed = std::fs::read_to_string(dir.join("khabar-embed.js")).unwrap();
    assert!(
        embed.contains(&format!("from \"./{glue}\""))
            && embed.contains(&format!("\"{wasm}\""))
            && embed.contains(&format!("\"{css}\"")),
        "{embed}"
    );
    // Minified and shortened, the glue and the wasm still call each other.
    assert_eq!(answers(&dir, &glue, &wasm), "[42,42]");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_font_step_cuts_both_weights_and_refuses_a_page_stylesheet_that_names_no_face() {
    let dir = tiny_build_of(&tiny_glue("answer"), &tiny_wasm_importing("answer"));
    let (ok, stderr) = pipeline("font", &dir, "release");
    assert!(ok, "{stderr}");
    let names = files(&dir);
    let faces: Vec<&String> = names.iter().filter(|f| f.ends_with(".woff2")).collect();
    assert_eq!(faces.len(), 2, "{names:?}");
    for face in faces {
        let bytes = std::fs::metadata(dir.join(face)).unwrap().len();
        assert!(
            (10_000..40_000).contains(&bytes),
            "{face}: cut to the Arabic block, {bytes} bytes"
        );
        assert_eq!(
            &std::fs::read(dir.join(face)).unwrap()[..4],
            b"wOF2",
            "{face} is a woff2"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();

    let dir = tiny_build_of(&tiny_glue("answer"), &tiny_wasm_importing("answer"));
    std::fs::write(dir.join(CSS), "body{margin:0}").unwrap();
    let (ok, stderr) = pipeline("font", &dir, "release");
    assert!(!ok, "a stylesheet without the face must stop the build");
    assert!(
        stderr.contains(&format!("{CSS} does not name naskh-400.woff2")),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
