//! The deployment: Debian's nginx, run with the repository's deploy/nginx/khabar.conf, serves
//! dist/ precompressed, with the cache policy of docs/deploy.md, each route with its
//! prerendered page, the app's shell for articles published since, and a not-found page,
//! and every answer with the security headers of deploy/nginx/khabar-headers.conf.
//!
//! Each test starts its own nginx in the foreground on a free loopback port and stops it when
//! it ends. `make test` installs nginx (scripts/setup.sh); `NGINX` overrides the binary.

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::server::{built, dist_dir};
use crate::support::{content, Origin, Reader, Server};

/// Debian's brotli static module (package libnginx-mod-http-brotli-static).
const BROTLI_STATIC: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// A year: what a hashed asset may be cached for.
const YEAR: u64 = 31_536_000;

/// The policy every answer carries (deploy/nginx/khabar-headers.conf; docs/deploy.md says why
/// each directive). The release pages carry it too, without frame-ancestors.
const POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' https: data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; \
    object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/// The features the pages turn off (Permissions-Policy).
const PERMISSIONS: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
    serial=(), hid=(), midi=(), display-capture=(), browsing-topics=()";

/// The headers of every answer, error pages included.
const SECURITY_HEADERS: [(&str, &str); 5] = [
    ("content-security-policy", POLICY),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-frame-options", "SAMEORIGIN"),
    ("permissions-policy", PERMISSIONS),
];

/// An nginx running the repository's config over dist/; stopped when dropped.
pub(crate) struct Nginx {
    child: Child,
    port: u16,
    dir: PathBuf,
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

impl Nginx {
    /// nginx serving dist/.
    fn start() -> Nginx {
        Nginx::start_with(&[])
    }

    /// nginx serving dist/ with `files` (paths under it, and their bodies) added or put in
    /// place of its own: a test's page or file, with dist/ itself left as the build wrote it.
    fn start_with(files: &[(&str, &[u8])]) -> Nginx {
        let dist = dist_dir();
        let (port, dir) = Nginx::place();
        let root = if files.is_empty() {
            dist
        } else {
            let files: Vec<(String, Vec<u8>)> =
                files.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect();
            overlay(&dist, &dir.join("root"), &files);
            dir.join("root")
        };
        Nginx::start_at(&root, dir, port)
    }

    /// nginx serving the folder `root` (a test's own copy of a build).
    pub(crate) fn serving(root: &Path) -> Nginx {
        let (port, dir) = Nginx::place();
        Nginx::start_at(root, dir, port)
    }

    /// A free loopback port, and a folder of this run's own for nginx's files.
    fn place() -> (u16, PathBuf) {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free loopback port")
            .port();
        let dir = std::env::temp_dir().join(format!("khabar-nginx-{}-{port}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        (port, dir)
    }

    fn start_at(root: &Path, dir: PathBuf, port: u16) -> Nginx {
        let binary = std::env::var("NGINX").unwrap_or_else(|_| "/usr/sbin/nginx".into());
        for needed in [binary.as_str(), BROTLI_STATIC] {
            assert!(
                Path::new(needed).exists(),
                "{needed} is missing: run `make test`, which installs Debian's nginx and \
                 libnginx-mod-http-brotli-static (scripts/setup.sh --test)"
            );
        }
        // khabar.conf includes snippets/khabar-headers.conf, relative to the folder of
        // nginx.conf (/etc/nginx on Debian): here the repository's deploy/nginx/.
        std::os::unix::fs::symlink(repo().join("deploy/nginx"), dir.join("snippets")).unwrap();
        let site = repo().join("deploy/nginx/khabar.conf");
        // Only the wrapper is the test's: the server block's locations are the repository's
        // file, included as a publisher includes it. `master_process off` keeps nginx in one
        // process (it serves as the user running the test, who can read dist/, and stopping
        // that one process stops it all); `daemon off` keeps it in the foreground.
        let conf = format!(
            r#"# Written by tests/e2e/deploy.rs for one test run.
load_module "{BROTLI_STATIC}";
daemon off;
master_process off;
pid "{tmp}/nginx.pid";
error_log stderr warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log "{tmp}/access.log";
    client_body_temp_path "{tmp}/body";
    proxy_temp_path "{tmp}/proxy";
    fastcgi_temp_path "{tmp}/fastcgi";
    uwsgi_temp_path "{tmp}/uwsgi";
    scgi_temp_path "{tmp}/scgi";
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root "{root}";
        include "{site}";
    }}
}}
"#,
            tmp = dir.display(),
            root = root.display(),
            site = site.display(),
        );
        fs::write(dir.join("nginx.conf"), conf).unwrap();
        let stderr = fs::File::create(dir.join("stderr.log")).unwrap();
        let child = Command::new(&binary)
            .arg("-e")
            .arg("stderr")
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("start {binary}: {e}"));
        let mut nginx = Nginx { child, port, dir };
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = nginx.child.try_wait().unwrap() {
                panic!("nginx exited ({status}) before answering:\n{}", nginx.log());
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return nginx;
            }
            assert!(
                Instant::now() < deadline,
                "nginx did not answer on 127.0.0.1:{port} within 10 s:\n{}",
                nginx.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// What nginx wrote to stderr (its error log).
    fn log(&self) -> String {
        fs::read_to_string(self.dir.join("stderr.log")).unwrap_or_default()
    }

    /// The requests nginx answered for paths ending in `suffix`.
    fn requests_for(&self, suffix: &str) -> usize {
        fs::read_to_string(self.dir.join("access.log"))
            .unwrap_or_default()
            .lines()
            .filter(|l| l.split_whitespace().nth(6).is_some_and(|p| p.ends_with(suffix)))
            .count()
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// GET `path` with `Accept-Encoding: accept` (none when `None`).
    fn get(&self, path: &str, accept: Option<&str>) -> Answer {
        let headers: Vec<(&str, &str)> = accept.map(|a| ("Accept-Encoding", a)).into_iter().collect();
        self.request(path, &headers)
    }

    /// GET `path` with these extra request headers, over a fresh HTTP/1.1 connection.
    pub(crate) fn request(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        request(&format!("127.0.0.1:{}", self.port), path, headers)
    }
}

/// GET `path` from `host` (`127.0.0.1:{port}`) with these extra request headers, over a fresh
/// HTTP/1.1 connection.
fn request(host: &str, path: &str, headers: &[(&str, &str)]) -> Answer {
    let mut stream = TcpStream::connect(host).unwrap_or_else(|e| panic!("connect to {host}: {e}"));
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("Connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    Answer::parse(&format!("GET {path} {headers:?}"), &raw)
}

/// Makes `to` a copy of the folder `from` with `files` (paths relative to it) added or put in
/// place of its own: symbolic links to `from`'s entries, and real folders only along the
/// paths of `files`. A replaced file's precompressed copies are left out (nginx would serve
/// them in its place).
fn overlay(from: &Path, to: &Path, files: &[(String, Vec<u8>)]) {
    fs::create_dir_all(to).unwrap();
    for (path, body) in files {
        let first = path.split('/').next().unwrap();
        if !path.contains('/') || !from.join(first).exists() {
            fs::create_dir_all(to.join(path).parent().unwrap()).unwrap();
            fs::write(to.join(path), body).unwrap();
        }
    }
    for entry in fs::read_dir(from).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let prefix = format!("{name}/");
        let inside: Vec<(String, Vec<u8>)> = files
            .iter()
            .filter_map(|(p, b)| Some((p.strip_prefix(&prefix)?.to_string(), b.clone())))
            .collect();
        let target = to.join(&name);
        let copy_of_replaced = [".br", ".gz"].iter().any(|ext| {
            name.strip_suffix(ext)
                .is_some_and(|f| files.iter().any(|(p, _)| p == f))
        });
        if !inside.is_empty() {
            overlay(&entry.path(), &target, &inside);
        } else if !target.exists() && !copy_of_replaced {
            std::os::unix::fs::symlink(entry.path(), &target).unwrap();
        }
    }
}

impl Origin for Nginx {
    fn url(&self, path: &str) -> String {
        Nginx::url(self, path)
    }
}

impl Drop for Nginx {
    /// Stops the nginx this test started (one process: `master_process off`).
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// One HTTP response.
pub(crate) struct Answer {
    pub(crate) what: String,
    pub(crate) status: u16,
    headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    fn parse(what: &str, raw: &[u8]) -> Answer {
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("{what}: no complete response head in {} bytes", raw.len()));
        let head = String::from_utf8_lossy(&raw[..end]);
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{what}: no status line in {head:?}"));
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let answer = Answer {
            what: what.to_string(),
            status,
            headers,
            body: raw[end + 4..].to_vec(),
        };
        assert!(
            answer.header("transfer-encoding").is_none(),
            "{what}: a static file came chunked: {head}"
        );
        answer
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of the header `name`, in order (nginx sends a header once per `add_header`).
    fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The head, for failure messages.
    fn describe(&self) -> String {
        let headers: Vec<String> = self.headers.iter().map(|(n, v)| format!("{n}: {v}")).collect();
        format!(
            "{} -> {} ({} bytes)\n  {}",
            self.what,
            self.status,
            self.body.len(),
            headers.join("\n  ")
        )
    }

    fn assert_status(&self, status: u16) -> &Answer {
        assert_eq!(self.status, status, "wrong status: {}", self.describe());
        self
    }

    fn cache_control(&self) -> &str {
        self.header("cache-control")
            .unwrap_or_else(|| panic!("no Cache-Control: {}", self.describe()))
    }

    fn max_age(&self) -> Option<u64> {
        self.cache_control()
            .split(',')
            .find_map(|d| d.trim().strip_prefix("max-age="))
            .and_then(|v| v.parse().ok())
    }

    fn assert_type(&self, types: &[&str]) -> &Answer {
        let found = self.header("content-type").unwrap_or_default();
        assert!(
            types.iter().any(|t| found.split(';').next() == Some(*t)),
            "Content-Type should be one of {types:?}: {}",
            self.describe()
        );
        self
    }

    /// Revalidated on every use, never `immutable`.
    fn assert_revalidated(&self) -> &Answer {
        let cc = self.cache_control();
        assert!(
            cc.contains("no-cache") && !cc.contains("immutable"),
            "should be `no-cache` (revalidated on every use), not immutable: {}",
            self.describe()
        );
        self
    }

    /// The body is exactly `file` (a path under dist/).
    fn assert_body_is(&self, file: &str) -> &Answer {
        let path = dist_dir().join(file);
        let expected = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            self.body == expected,
            "the body ({} bytes) is not dist/{file} ({} bytes): {}",
            self.body.len(),
            expected.len(),
            self.describe()
        );
        self
    }

    fn assert_encoding(&self, encoding: Option<&str>) -> &Answer {
        assert_eq!(
            self.header("content-encoding"),
            encoding,
            "wrong Content-Encoding: {}",
            self.describe()
        );
        if encoding.is_some() {
            assert!(
                self.header("vary")
                    .is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")),
                "a compressed answer needs `Vary: Accept-Encoding` for caches: {}",
                self.describe()
            );
        }
        self
    }

    /// The security headers, each once; under /content/ also a policy of its own, `sandbox`.
    fn assert_secured(&self) -> &Answer {
        for (name, value) in SECURITY_HEADERS {
            let mut expected = vec![value];
            if name == "content-security-policy" && self.what.starts_with("GET /content/") {
                expected.push("sandbox");
            }
            assert_eq!(self.all(name), expected, "{name}: {}", self.describe());
        }
        self
    }

    fn is_index(&self) -> bool {
        self.body == fs::read(dist_dir().join("index.html")).unwrap()
    }

    /// An HTML page revalidated on every use whose body is exactly `file` (under dist/).
    fn assert_page(&self, status: u16, file: &str) -> &Answer {
        self.assert_status(status)
            .assert_type(&["text/html"])
            .assert_body_is(file)
            .assert_revalidated()
    }
}

/// The prerender step's files, which the routing tests need: its output for `slug` and
/// `section`, the shell and the not-found page. Their precompressed copies, where there are
/// some, must be theirs: nginx answers a browser with `file.br` without looking at `file`, so
/// a copy left from the shell beside a prerendered page would publish the wrong page.
fn prerendered(slug: &str, section: &str) {
    let dist = dist_dir();
    for file in [
        format!("article/{slug}.html"),
        format!("category/{section}.html"),
        "shell.html".into(),
        "404.html".into(),
        "index.html".into(),
    ] {
        let path = dist.join(&file);
        assert!(
            path.is_file(),
            "no dist/{file}: run make build (the prerender step writes dist/article/*.html, \
             dist/category/*.html, dist/shell.html and dist/404.html)"
        );
        let script = format!(
            "const {{ existsSync, readFileSync }} = require('node:fs');
             const {{ brotliDecompressSync, gunzipSync }} = require('node:zlib');
             const f = {path:?}, raw = readFileSync(f);
             const stale = [['.br', brotliDecompressSync], ['.gz', gunzipSync]]
               .filter(([ext, unpack]) => existsSync(f + ext) && !raw.equals(unpack(readFileSync(f + ext))))
               .map(([ext]) => ext);
             console.log(stale.join(' '));"
        );
        let out = Command::new("node")
            .args(["-e", &script])
            .output()
            .expect("node runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let stale = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(
            stale.is_empty(),
            "dist/{file}'s {stale} copy is not dist/{file} compressed (written before the page \
             was?): nginx would serve it to every browser that accepts it"
        );
    }
}

/// A real article slug of the sample content, and the section slug of another page.
fn article_slug() -> String {
    let mut slugs: Vec<String> = fs::read_dir(repo().join("content/articles"))
        .unwrap()
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .into_string()
                .ok()?
                .strip_suffix(".json")
                .map(String::from)
        })
        .collect();
    slugs.sort();
    slugs.into_iter().next().expect("an article in content/articles")
}

fn section_slug() -> String {
    content("site.json")["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["slug"].as_str())
        .find(|s| *s != "home")
        .expect("a section other than home in site.json")
        .to_string()
}

#[test]
fn hashed_assets_come_precompressed_and_cached_for_a_year() {
    let nginx = Nginx::start();
    let assets = [
        (built("khabar-", "_bg.wasm", ""), &["application/wasm"][..]),
        (
            built("khabar-", ".js", "khabar-embed.js"),
            &["application/javascript", "text/javascript"][..],
        ),
        (built("main-", ".css", ""), &["text/css"][..]),
        (
            built("prefs-", ".js", ""),
            &["application/javascript", "text/javascript"][..],
        ),
    ];
    // The text face's woff2 files are compressed already: no copies, the file itself to all.
    for weight in ["400", "700"] {
        let name = built(&format!("naskh-{weight}-"), ".woff2", "");
        for accept in [Some("br"), Some("gzip"), None] {
            let a = nginx.get(&format!("/{name}"), accept);
            a.assert_status(200)
                .assert_type(&["font/woff2"])
                .assert_encoding(None)
                .assert_body_is(&name);
            let cc = a.cache_control();
            assert!(
                cc.contains("immutable") && cc.contains("public") && a.max_age() >= Some(YEAR),
                "the face should be `public, max-age={YEAR}, immutable`: {}",
                a.describe()
            );
        }
    }
    for (name, types) in &assets {
        let path = format!("/{name}");
        // What the client accepts, what it must get, and the file that must be the body.
        let cases = [
            (Some("br"), Some("br"), format!("{name}.br")),
            (Some("gzip"), Some("gzip"), format!("{name}.gz")),
            (Some("gzip, deflate, br"), Some("br"), format!("{name}.br")),
            (None, None, name.clone()),
        ];
        for (accept, encoding, file) in &cases {
            let a = nginx.get(&path, *accept);
            a.assert_status(200)
                .assert_type(types)
                .assert_encoding(*encoding)
                .assert_body_is(file);
            let cc = a.cache_control();
            assert!(
                cc.contains("immutable") && cc.contains("public") && a.max_age() >= Some(YEAR),
                "a hashed asset should be `public, max-age={YEAR}, immutable`: {}",
                a.describe()
            );
        }
    }
}

#[test]
fn the_page_and_the_embed_loader_are_revalidated_on_every_use() {
    let nginx = Nginx::start();
    for (path, file, types) in [
        ("/", "index.html", &["text/html"][..]),
        ("/index.html", "index.html", &["text/html"][..]),
        (
            "/khabar-embed.js",
            "khabar-embed.js",
            &["application/javascript", "text/javascript"][..],
        ),
        ("/examples/host/", "examples/host/index.html", &["text/html"][..]),
    ] {
        let a = nginx.get(path, None);
        a.assert_status(200)
            .assert_type(types)
            .assert_encoding(None)
            .assert_body_is(file)
            .assert_revalidated();
        nginx
            .get(path, Some("br"))
            .assert_status(200)
            .assert_encoding(Some("br"))
            .assert_body_is(&format!("{file}.br"))
            .assert_revalidated();
        // Revalidation is cheap: an unchanged file answers 304 to its validator.
        let etag = a
            .header("etag")
            .unwrap_or_else(|| panic!("no ETag to revalidate with: {}", a.describe()));
        nginx.request(path, &[("If-None-Match", etag)]).assert_status(304);
    }
}

/// Issue 25: a file an editor left under /content/ that is not of the format (a script, a
/// page, a style sheet, notes) is never served as what it could run as, and no hidden file
/// (`.git`, a publish's partial file) is served anywhere.
#[test]
fn content_answers_only_json_and_pictures_as_themselves_and_no_hidden_file_anywhere() {
    let nginx = Nginx::start_with(&[
        ("content/images/pwn.js", b"window.__pwned = true"),
        (
            "content/page.html",
            b"<script src=/content/images/pwn.js></script>",
        ),
        ("content/style.css", b"body { display: none }"),
        ("content/notes.txt", b"embargoed"),
        ("content/images/photo.png", b"\x89PNG"),
        ("content/.git/config", b"[core]"),
        ("content/.draft-notes.txt", b"draft"),
        ("content/articles/.a.json.khabar-new", b"{"),
        (".hidden", b"x"),
        ("article/.x.html.khabar-new", b"<p>half"),
    ]);
    for path in [
        "/content/images/pwn.js",
        "/content/page.html",
        "/content/style.css",
        "/content/notes.txt",
    ] {
        let a = nginx.get(path, None);
        a.assert_status(200)
            .assert_type(&["application/octet-stream"])
            .assert_secured();
    }
    nginx
        .get("/content/images/photo.png", None)
        .assert_status(200)
        .assert_type(&["image/png"]);
    nginx
        .get("/content/site.json", None)
        .assert_status(200)
        .assert_type(&["application/json"]);
    for path in [
        "/content/.git/config",
        "/content/.draft-notes.txt",
        "/content/articles/.a.json.khabar-new",
        "/.hidden",
        "/article/.x.html.khabar-new",
    ] {
        let a = nginx.get(path, Some("gzip, br"));
        a.assert_status(404);
        assert!(
            !a.body.starts_with(b"[core]") && !a.body.starts_with(b"draft"),
            "{}",
            a.describe()
        );
    }
}

#[test]
fn content_is_cached_for_a_minute_and_a_missing_file_is_a_404() {
    let nginx = Nginx::start();
    let slug = article_slug();
    let article = format!("content/articles/{slug}.json");
    let image = content(&format!("articles/{slug}.json"))["hero"]["image"]["src"]
        .as_str()
        .map(|src| format!("content/{src}"))
        .filter(|p| p.ends_with(".svg") && dist_dir().join(p).is_file());
    let mut files = vec![
        ("content/site.json".to_string(), "application/json"),
        (article, "application/json"),
    ];
    files.extend(image.map(|p| (p, "image/svg+xml")));
    for (file, mime) in &files {
        let path = format!("/{file}");
        for (accept, encoding, body) in [
            (None, None, file.clone()),
            (Some("br"), Some("br"), format!("{file}.br")),
            (Some("gzip"), Some("gzip"), format!("{file}.gz")),
        ] {
            let a = nginx.get(&path, accept);
            a.assert_status(200)
                .assert_type(&[mime])
                .assert_encoding(encoding)
                .assert_body_is(&body);
            let cc = a.cache_control();
            if *mime == "application/json" {
                // The pages are no-cache, and the app renders them again from the JSON.
                assert!(
                    cc.contains("no-cache") && !cc.contains("immutable"),
                    "JSON should be revalidated on every use, as the pages are: {}",
                    a.describe()
                );
            } else {
                assert!(
                    !cc.contains("immutable")
                        && cc.contains("must-revalidate")
                        && a.max_age().is_some_and(|s| (1..=300).contains(&s)),
                    "a picture should be cached briefly (max-age 1..=300, must-revalidate): {}",
                    a.describe()
                );
            }
        }
    }
    // The app shows "article not found" on a 404: the page fallback must not answer here.
    for missing in [
        "/content/articles/no-such.json",
        "/content/feeds/no-such/1.json",
        "/content/images/no-such.svg",
        "/content/articles/",
    ] {
        let a = nginx.get(missing, Some("gzip, deflate, br"));
        a.assert_status(404);
        assert!(
            !a.is_index(),
            "a missing content file got index.html: {}",
            a.describe()
        );
    }
}

#[test]
fn each_route_gets_its_prerendered_page_and_a_new_article_the_shell() {
    let nginx = Nginx::start();
    let (slug, section) = (article_slug(), section_slug());
    prerendered(&slug, &section);
    nginx.get("/", None).assert_page(200, "index.html");
    for (route, file) in [
        (format!("/article/{slug}"), format!("article/{slug}.html")),
        (format!("/category/{section}"), format!("category/{section}.html")),
    ] {
        nginx.get(&route, None).assert_page(200, &file);
        // Compressed when asked, with the page's own copy.
        if dist_dir().join(format!("{file}.br")).is_file() {
            nginx
                .get(&route, Some("gzip, deflate, br"))
                .assert_status(200)
                .assert_encoding(Some("br"))
                .assert_body_is(&format!("{file}.br"));
        }
    }
    // An article or a section published after the build has no page yet: the app's shell
    // opens it (the app fetches its JSON, or shows its own not-found page).
    for route in [
        "/article/no-such-article",
        "/category/no-such-section",
        "/article/",
    ] {
        nginx.get(route, None).assert_page(200, "shell.html");
    }
}

#[test]
fn an_unknown_path_gets_the_not_found_page_and_a_missing_file_a_bare_404() {
    let nginx = Nginx::start();
    prerendered(&article_slug(), &section_slug());
    // Not a page of the site: the prerendered not-found page, with status 404 (a folder
    // without an index.html too, which nginx would answer 403).
    for path in ["/no-such-page", "/no/such/page", "/examples/"] {
        nginx.get(path, None).assert_page(404, "404.html");
    }
    if dist_dir().join("404.html.br").is_file() {
        nginx
            .get("/no-such-page", Some("gzip, deflate, br"))
            .assert_status(404)
            .assert_encoding(Some("br"))
            .assert_body_is("404.html.br");
    }
    // An asset of an older build (its hash is gone), or any missing file, is a bare 404: a
    // browser would otherwise get HTML where it expects wasm, JS or CSS.
    for missing in [
        "/khabar-0000000000000000_bg.wasm",
        "/khabar-0000000000000000.js",
        "/main-0000000000000000.css",
        "/favicon.ico",
        "/article/no-such.png",
    ] {
        let a = nginx.get(missing, Some("gzip, deflate, br"));
        a.assert_status(404);
        assert!(
            !a.is_index() && a.body != fs::read(dist_dir().join("404.html")).unwrap(),
            "a missing file got a page: {}",
            a.describe()
        );
    }
}

/// The test server's second mode (`Server::start_published`), which page tests use for the
/// published site, must answer pages as nginx does.
#[test]
fn the_test_servers_published_mode_answers_pages_as_nginx_does() {
    let nginx = Nginx::start();
    let server = Server::start_published();
    let host = server.base.trim_start_matches("http://").to_string();
    let (slug, section) = (article_slug(), section_slug());
    prerendered(&slug, &section);
    for path in [
        "/".to_string(),
        format!("/article/{slug}"),
        format!("/category/{section}"),
        "/article/no-such-article".into(),
        "/no-such-page".into(),
        "/no/such/page".into(),
        "/examples/host/".into(),
        "/examples/".into(),
        "/index.html".into(),
    ] {
        let (ours, theirs) = (request(&host, &path, &[]), nginx.get(&path, None));
        assert_eq!(
            (ours.status, ours.body == theirs.body),
            (theirs.status, true),
            "{path}: the test server {} , nginx {}",
            ours.describe(),
            theirs.describe()
        );
    }
    // A missing file is a 404 on both (nginx's own error page, the test server's text).
    for path in [
        "/favicon.ico",
        "/article/no-such.png",
        "/content/articles/no-such.json",
    ] {
        assert_eq!(request(&host, path, &[]).status, 404, "{path}");
    }
}

#[test]
fn every_answer_carries_the_security_headers_and_content_its_own_sandbox() {
    let nginx = Nginx::start();
    let slug = article_slug();
    let wasm = format!("/{}", built("khabar-", "_bg.wasm", ""));
    let etag = nginx
        .get("/", None)
        .header("etag")
        .unwrap_or_default()
        .to_string();
    let answers = [
        // A hashed asset, compressed and not; one of an older build.
        (nginx.get(&wasm, Some("br")), 200),
        (nginx.get(&wasm, None), 200),
        (nginx.get("/khabar-0000000000000000_bg.wasm", None), 404),
        // Content: JSON, an image, a missing file, a folder.
        (nginx.get("/content/site.json", Some("gzip")), 200),
        (nginx.get(&format!("/content/articles/{slug}.json"), None), 200),
        (nginx.get("/content/images/logo.svg", None), 200),
        (nginx.get("/content/articles/no-such.json", None), 404),
        (nginx.get("/content/articles/", None), 404),
        // The pages: home, an article (prerendered, or the shell), an article published since,
        // a section, the not-found page, a revalidation.
        (nginx.get("/", Some("br")), 200),
        (nginx.get("/index.html", None), 200),
        (nginx.request("/", &[("If-None-Match", &etag)]), 304),
        (nginx.get(&format!("/article/{slug}"), None), 200),
        (nginx.get("/article/no-such-article", None), 200),
        (nginx.get(&format!("/category/{}", section_slug()), None), 200),
        (nginx.get("/no-such-page", None), 404),
        (nginx.get("/examples/", None), 404),
        // Other files: the embed loader, the example, a redirect to a folder, a missing file.
        (nginx.get("/khabar-embed.js", Some("br")), 200),
        (nginx.get("/examples/host/", None), 200),
        (nginx.get("/examples/host", None), 301),
        (nginx.get("/favicon.ico", None), 404),
    ];
    for (answer, status) in &answers {
        answer.assert_status(*status).assert_secured();
    }
}

#[test]
fn every_page_of_the_build_carries_the_policy_nginx_sends() {
    // A <meta> cannot carry frame-ancestors; the rest is the same policy.
    let meta: Vec<&str> = POLICY
        .split("; ")
        .filter(|d| !d.starts_with("frame-ancestors"))
        .collect();
    let tag = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        meta.join("; ")
    );
    // Every page of the app: index.html, and the prerendered pages, which copy its head (the
    // example publisher's page under examples/ is not one).
    let mut pages = vec![];
    let mut folders = vec![dist_dir()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() && !path.ends_with("examples") && !path.ends_with("content") {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                pages.push(path);
            }
        }
    }
    assert!(pages.iter().any(|p| p.ends_with("index.html")), "{pages:?}");
    for page in pages {
        let html = fs::read_to_string(&page).unwrap();
        let charset = html
            .find("<meta charset=")
            .map(|at| at + html[at..].find('>').unwrap() + 1);
        assert_eq!(
            charset.map(|at| &html[at..at + tag.len()]),
            Some(tag.as_str()),
            "{} should carry the policy right after its charset: {html}",
            page.display()
        );
    }
}

/// An SVG under content/ that runs a script when opened, if anything lets it: its `onload`
/// attribute, and a script of this origin that it loads.
const SVG_WITH_SCRIPTS: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" onload="document.title = 'onload ran'"><title>an image</title><script href="/content/images/test-script.js" xlink:href="/content/images/test-script.js"/><rect width="10" height="10"/></svg>"#;

#[tokio::test]
async fn a_reader_opening_an_svg_from_content_runs_none_of_its_scripts() {
    let nginx = Nginx::start_with(&[
        ("content/images/test-scripted.svg", SVG_WITH_SCRIPTS.as_bytes()),
        (
            "content/images/test-script.js",
            b"document.title = 'its script ran';",
        ),
    ]);
    nginx
        .get("/content/images/test-scripted.svg", None)
        .assert_status(200)
        .assert_type(&["image/svg+xml"]);
    let b = Reader::start(&nginx).await;
    b.client
        .goto(&nginx.url("/content/images/test-scripted.svg"))
        .await
        .unwrap();
    // Time for an onload or a script to run, were it allowed.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        b.client.title().await.unwrap(),
        "an image",
        "the SVG opened, and neither its onload nor its script ran"
    );
    b.close().await;
}

/// Records every Content-Security-Policy violation in `window.__violations`.
const WATCH_VIOLATIONS: &[u8] = b"window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));";

#[tokio::test]
async fn a_reader_of_the_embed_example_meets_no_policy_violation() {
    // The example publisher's page, with the violation listener loaded first.
    let page = fs::read_to_string(dist_dir().join("examples/host/index.html")).unwrap();
    let charset = page.find("<meta charset").expect("the example's charset");
    let at = charset + page[charset..].find('>').unwrap() + 1;
    let page = format!(
        "{}<script src=\"/test-csp-watch.js\"></script>{}",
        &page[..at],
        &page[at..]
    );
    let nginx = Nginx::start_with(&[
        ("examples/host/index.html", page.as_bytes()),
        ("test-csp-watch.js", WATCH_VIOLATIONS),
    ]);
    let b = Reader::start(&nginx).await;
    b.open_path("/examples/host/", "khabar-article").await;
    // Both widgets rendered in their shadow roots: the article's headline, the related cards.
    b.wait_js(
        "document.querySelector('khabar-article').shadowRoot?.querySelector('h1') &&
         document.querySelector('khabar-related').shadowRoot?.querySelector('.kh-card__link')",
    )
    .await;
    assert_eq!(
        b.js("return window.__violations").await,
        serde_json::json!([]),
        "the embeds need nothing the policy forbids"
    );
    // Chromium reads Permissions-Policy (Firefox and WebKit do not, yet): every feature it names
    // is one Chromium knows (an unknown one is an error in its console) and is off, and the
    // features the share bar uses stay on where Chromium has them (web-share: not on Linux).
    let features = b
        .js(&format!(
            "const p = document.featurePolicy; if (!p) return null;
             const named = {PERMISSIONS:?}.split(', ').map(f => f.split('=')[0]);
             return {{ unknown: named.filter(f => !p.features().includes(f)),
                      allowed: named.filter(f => p.allowsFeature(f)),
                      share_off: ['web-share', 'clipboard-write'].filter(f => p.features().includes(f) && !p.allowsFeature(f)) }};"
        ))
        .await;
    if !features.is_null() {
        assert_eq!(
            features,
            serde_json::json!({"unknown": [], "allowed": [], "share_off": []}),
            "Permissions-Policy: {PERMISSIONS}"
        );
    }
    b.close().await;
}

#[tokio::test]
async fn a_reader_opens_a_deep_link_through_nginx() {
    let nginx = Nginx::start();
    let slug = article_slug();
    let b = Reader::start(&nginx).await;
    b.open_article(&slug).await;
    let article = content(&format!("articles/{slug}.json"));
    assert_eq!(
        b.text("h1").await,
        article["title"].as_str().unwrap(),
        "the deep link shows the article's headline"
    );
    // The page is the published one; the app loads after its first paint and takes it over.
    b.wait("#khabar[data-khabar-app]:not([hidden])").await;
    b.wait_js("performance.getEntriesByType('resource').some(e => e.name.endsWith('_bg.wasm') && e.responseEnd > 0)")
        .await;
    // The browser got the wasm compressed (fewer bytes on the wire than it decoded).
    let wasm = b
        .js(
            "const e = performance.getEntriesByType('resource').find(e => e.name.endsWith('_bg.wasm'));
             return e ? [e.encodedBodySize, e.decodedBodySize] : null;",
        )
        .await;
    let sizes: Option<(u64, u64)> = serde_json::from_value(wasm.clone()).ok();
    assert!(
        sizes.is_some_and(|(wire, decoded)| wire > 0 && wire < decoded),
        "the wasm should arrive compressed: [encoded, decoded] = {wasm}\nnginx:\n{}",
        nginx.log()
    );
    // Once, in every engine (a preload of it would be downloaded twice by WebKit, which never
    // hands a preload to fetch(): scripts/postbuild/external-start.mjs).
    assert_eq!(nginx.requests_for("_bg.wasm"), 1, "the wasm is downloaded once");
    b.close().await;
}
