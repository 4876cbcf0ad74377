//! A small static server for end-to-end tests, on 127.0.0.1 with a free port.
//!
//! Serves the release `dist/` (with `application/wasm`), logs every request, notices when the
//! browser aborts one, and answers chosen paths as a test says (a status, another body, a
//! delay, a dropped connection). Benchmarks can also have it send compressed answers, as a
//! production server would ([`Server::compress`]).
//!
//! Two ways of answering a page:
//! - [`Server::start`], the app alone: every client route, `/` included, gets the app's shell
//!   (`dist/shell.html`, or `dist/index.html` in a build without the prerender step), so a
//!   test sees what the app renders in the browser, whatever was prerendered;
//! - [`Server::start_published`], the published site, as deploy/nginx/khabar.conf answers:
//!   `/` is `index.html`, a path is its prerendered `{path}.html` when there is one, an
//!   article or a section without one gets the shell (200), anything else `404.html` (404).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How the server answers a path.
#[derive(Clone, Debug)]
pub enum Reply {
    /// This status, with a short body.
    Status(u16),
    /// This body, as `application/json`.
    Json(String),
    /// These bytes, as `application/json` (content that may not be UTF-8).
    #[allow(dead_code)] // not every test binary sends one
    Bytes(Vec<u8>),
    /// This body, as `text/html` (for "not JSON").
    Html(String),
    /// This body as `content_type`: a script or a stylesheet a test adds to the pages (which
    /// allow no inline script or style: their Content-Security-Policy).
    #[allow(dead_code)] // not every test binary adds one
    File {
        content_type: &'static str,
        body: String,
    },
    /// The normal answer, after a delay.
    Delay(Duration),
    /// Close the connection without answering.
    Drop,
    /// These bytes as they are (a status line, headers and perhaps part of a body), then
    /// nothing more for `stall` (the client sees a stalled answer), then close: a redirect, a
    /// `Retry-After`, a `Content-Length` longer than the body.
    #[allow(dead_code)] // not every test binary sends one
    Raw { bytes: String, stall: Duration },
    /// This body as `content_type`, or its brotli or gzip copy when compression is on and the
    /// request accepts it, as for dist's files (benchmarks serve generated content this way).
    #[allow(dead_code)] // used by benches/
    Encoded {
        content_type: &'static str,
        raw: Arc<Vec<u8>>,
        br: Arc<Vec<u8>>,
        gzip: Arc<Vec<u8>>,
    },
}

/// One request the server saw.
#[derive(Clone, Debug)]
pub struct Logged {
    pub path: String,
    /// The browser closed the connection before the answer was sent.
    pub aborted: bool,
    /// The request's `Accept-Encoding` header ("" when absent).
    #[allow(dead_code)] // read by benches/
    pub accept_encoding: String,
    /// The `Content-Encoding` of the answer (`br`, `gzip`), when it was compressed.
    #[allow(dead_code)] // read by benches/
    pub encoding: Option<&'static str>,
}

/// A change to every HTML page the server answers with (a setting, markup in the head).
type Edit = Arc<dyn Fn(String) -> String + Send + Sync>;

#[derive(Default)]
struct State {
    rules: HashMap<String, Reply>,
    log: Vec<Logged>,
    /// Applied, in order, to every `.html` file served from dist/.
    edits: Vec<Edit>,
    /// Answer pages as the published site does ([`Server::start_published`]).
    published: bool,
    /// Send dist's `.br`/`.gz` copies and `Reply::Encoded`'s when the request accepts them.
    compress: bool,
    /// Serve the service worker (`/sw.js`): off by default, a 404, so that no test but the
    /// offline ones has a worker between the page and this server.
    worker: bool,
    /// Close every connection unanswered, as a network that is gone.
    cut: bool,
}

/// The running server; stops when dropped.
pub struct Server {
    pub base: String,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

pub fn dist_dir() -> PathBuf {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").is_file(),
        "no release build in {}: run `make test` (or `trunk build --release`) first",
        dist.display()
    );
    dist
}

/// The one file in dist/ named `{prefix}…{suffix}` other than `except` (read at test time:
/// every build has new hashes).
#[allow(dead_code)] // not every test binary looks one up
pub fn built(prefix: &str, suffix: &str, except: &str) -> String {
    let names: Vec<String> = std::fs::read_dir(dist_dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(prefix) && n.ends_with(suffix) && n != except)
        .collect();
    assert_eq!(
        names.len(),
        1,
        "expected one dist/{prefix}*{suffix} in the release build, found {names:?}"
    );
    names.into_iter().next().unwrap()
}

/// The app's shell in `root`: `shell.html`, which the prerender step writes (its `index.html`
/// is then the home page), or `index.html` in a build without that step.
fn shell(root: &Path) -> PathBuf {
    let shell = root.join("shell.html");
    if shell.is_file() {
        shell
    } else {
        root.join("index.html")
    }
}

impl Server {
    /// Serves `dist/`, every client route with the app's shell.
    pub fn start() -> Server {
        Server::serving(false)
    }

    /// Serves `dist/` as the published site, with its prerendered pages, as nginx does
    /// (deploy/nginx/khabar.conf).
    #[allow(dead_code)] // not every test binary uses it
    pub fn start_published() -> Server {
        Server::serving(true)
    }

    fn serving(published: bool) -> Server {
        let root = dist_dir();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State {
            published,
            ..State::default()
        }));
        let stop = Arc::new(AtomicBool::new(false));
        listener.set_nonblocking(true).unwrap();
        let (st, sp) = (state.clone(), stop.clone());
        thread::spawn(move || {
            while !sp.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (st, root, sp) = (st.clone(), root.clone(), sp.clone());
                        thread::spawn(move || {
                            let _ = handle(stream, &root, &st, &sp);
                        });
                    }
                    Err(_) => thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { base, state, stop }
    }

    /// The full URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Answers `path` (exact, without query) with `reply` from now on.
    pub fn on(&self, path: &str, reply: Reply) {
        self.state.lock().unwrap().rules.insert(path.to_string(), reply);
    }

    /// Serves `code` as the script `path` and adds it to the head of every page, ahead of the
    /// app's own scripts (a shim that takes an API away, a listener).
    #[allow(dead_code)] // not every test binary adds one
    pub fn script(&self, path: &str, code: &str) {
        self.on(
            path,
            Reply::File {
                content_type: "text/javascript; charset=utf-8",
                body: code.to_string(),
            },
        );
        self.add_to_head(&format!("<script src=\"{path}\"></script>"));
    }

    /// Answers `path` normally again.
    pub fn clear(&self, path: &str) {
        self.state.lock().unwrap().rules.remove(path);
    }

    /// Serves every HTML page of dist/ (the shell, the prerendered pages, the not-found page)
    /// changed by `edit` (e.g. another content timeout), after the edits before it. The edit
    /// is tried on the shell at once, so that one that does not fit fails in the test rather
    /// than in the server's thread; it must leave a page it does not fit as it is.
    pub fn edit_index(&self, edit: impl Fn(String) -> String + Send + Sync + 'static) {
        let html = std::fs::read_to_string(shell(&dist_dir())).unwrap();
        let before = self.state.lock().unwrap().edits.clone();
        edit(before.iter().fold(html, |html, e| e(html)));
        self.state.lock().unwrap().edits.push(Arc::new(edit));
    }

    /// Serves the pages with their `<meta name="khabar:{name}">` setting set to `value`.
    #[allow(dead_code)] // not every test binary sets one
    pub fn set_setting(&self, name: &str, value: &str) {
        let name = format!("khabar:{name}");
        let html = std::fs::read_to_string(shell(&dist_dir())).unwrap();
        assert!(html.contains(&name), "the shell has no {name}: {html}");
        let tag = format!("<meta name=\"{name}\" content=\"{value}\">");
        self.edit_index(move |html| {
            let Some(at) = html.find(&name) else {
                return html; // a page that does not read this setting (examples/host/)
            };
            let start = html[..at].rfind("<meta").expect("a meta tag");
            let end = at + html[at..].find('>').expect("the tag's end") + 1;
            format!("{}{tag}{}", &html[..start], &html[end..])
        });
    }

    /// Serves the pages with `markup` before their `<title>`: ahead of every script and
    /// stylesheet they load. (The release pages are minified, so they have no `<head>` tag to
    /// put it after.) The pages allow no inline script or style (their
    /// Content-Security-Policy): add a `<script src>` or a stylesheet of a file the test serves
    /// ([`Server::script`]).
    pub fn add_to_head(&self, markup: &str) {
        let html = std::fs::read_to_string(shell(&dist_dir())).unwrap();
        assert!(html.contains("<title>"), "the shell has no <title>: {html}");
        let markup = format!("{markup}<title>");
        self.edit_index(move |html| html.replacen("<title>", &markup, 1));
    }

    /// From now on, answers with dist's precompressed copies (`.br`, else `.gz`, as the
    /// request's `Accept-Encoding` allows) and with `Reply::Encoded`'s, as a production server
    /// does. Off by default: tests see plain answers.
    #[allow(dead_code)] // used by benches/
    pub fn compress(&self) {
        self.state.lock().unwrap().compress = true;
    }

    /// Serves the service worker, which the pages register (off by default: [`State`]).
    #[allow(dead_code)] // not every test binary uses it
    pub fn serve_worker(&self) {
        self.state.lock().unwrap().worker = true;
    }

    /// From now on, closes every connection unanswered: the network is gone.
    #[allow(dead_code)] // not every test binary uses it
    pub fn cut(&self) {
        self.state.lock().unwrap().cut = true;
    }

    /// Every request so far.
    pub fn log(&self) -> Vec<Logged> {
        self.state.lock().unwrap().log.clone()
    }

    /// How many requests were made for `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.log().iter().filter(|l| l.path == path).count()
    }

    /// Waits up to `within` for `check` to hold on the log.
    pub fn wait_log(&self, within: Duration, check: impl Fn(&[Logged]) -> bool) -> bool {
        let end = Instant::now() + within;
        while Instant::now() < end {
            if check(&self.log()) {
                return true;
            }
            thread::sleep(Duration::from_millis(25));
        }
        check(&self.log())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn mime(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn respond(stream: &mut TcpStream, status: u16, content_type: &str, body: &[u8]) -> std::io::Result<()> {
    respond_encoded(stream, status, content_type, None, body)
}

/// Like [`respond`], with a `Content-Encoding` when `body` is compressed.
fn respond_encoded(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    encoding: Option<&str>,
    body: &[u8],
) -> std::io::Result<()> {
    let encoding = encoding
        .map(|e| format!("Content-Encoding: {e}\r\nVary: Accept-Encoding\r\n"))
        .unwrap_or_default();
    // Nothing is kept by the browser, except the page's font faces, which nginx has browsers
    // keep for good under their hashed names (deploy/nginx/khabar.conf): a face loaded with
    // `font-display: optional` is used on a later page only from the cache.
    let cache = if content_type == "font/woff2" && status == 200 {
        "public, max-age=31536000, immutable"
    } else {
        "no-store"
    };
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\n{encoding}Content-Length: {}\r\nCache-Control: {cache}\r\nConnection: close\r\n\r\n",
        if status < 400 { "OK" } else { "Error" },
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

/// Sleeps for `d`, watching whether the client closes the connection meanwhile.
fn wait_watching(stream: &TcpStream, d: Duration, stop: &AtomicBool) -> bool {
    let end = Instant::now() + d;
    stream.set_nonblocking(true).ok();
    let mut buf = [0u8; 1];
    let mut closed = false;
    while Instant::now() < end && !stop.load(Ordering::Relaxed) {
        match stream.peek(&mut buf) {
            Ok(0) => {
                closed = true;
                break;
            }
            Err(e) if e.kind() != std::io::ErrorKind::WouldBlock => {
                closed = true;
                break;
            }
            _ => thread::sleep(Duration::from_millis(10)),
        }
    }
    stream.set_nonblocking(false).ok();
    closed
}

fn handle(
    mut stream: TcpStream,
    root: &Path,
    state: &Mutex<State>,
    stop: &AtomicBool,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut accept_encoding = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                accept_encoding = value.trim().to_string();
            }
        }
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    let (rule, edits, published, compress) = {
        let mut s = state.lock().unwrap();
        if s.cut {
            return Ok(());
        }
        s.log.push(Logged {
            path: path.clone(),
            aborted: false,
            accept_encoding: accept_encoding.clone(),
            encoding: None,
        });
        (
            s.rules
                .get(&path)
                .cloned()
                .or_else(|| (path.ends_with("/sw.js") && !s.worker).then_some(Reply::Status(404))),
            s.edits.clone(),
            s.published,
            s.compress,
        )
    };
    let accepts = |coding: &str| {
        compress
            && accept_encoding
                .split(',')
                .any(|c| c.split(';').next().unwrap_or("").trim() == coding)
    };
    let mark_encoding = |encoding: &'static str| {
        let mut s = state.lock().unwrap();
        if let Some(l) = s.log.iter_mut().rev().find(|l| l.path == path) {
            l.encoding = Some(encoding);
        }
    };
    let mark_aborted = || {
        let mut s = state.lock().unwrap();
        if let Some(l) = s.log.iter_mut().rev().find(|l| l.path == path) {
            l.aborted = true;
        }
    };
    match rule {
        Some(Reply::Status(code)) => {
            return respond(
                &mut stream,
                code,
                "text/plain",
                format!("status {code}").as_bytes(),
            )
        }
        Some(Reply::Json(body)) => return respond(&mut stream, 200, "application/json", body.as_bytes()),
        Some(Reply::Bytes(body)) => return respond(&mut stream, 200, "application/json", &body),
        Some(Reply::Html(body)) => {
            return respond(&mut stream, 200, "text/html; charset=utf-8", body.as_bytes())
        }
        Some(Reply::File { content_type, body }) => {
            return respond(&mut stream, 200, content_type, body.as_bytes())
        }
        Some(Reply::Drop) => {
            let _ = stream.shutdown(Shutdown::Both);
            return Ok(());
        }
        Some(Reply::Raw { bytes, stall }) => {
            stream.write_all(bytes.as_bytes())?;
            stream.flush()?;
            if wait_watching(&stream, stall, stop) {
                mark_aborted();
            }
            let _ = stream.shutdown(Shutdown::Both);
            return Ok(());
        }
        Some(Reply::Encoded {
            content_type,
            raw,
            br,
            gzip,
        }) => {
            for (coding, body) in [("br", br), ("gzip", gzip)] {
                if accepts(coding) {
                    mark_encoding(coding);
                    return respond_encoded(&mut stream, 200, content_type, Some(coding), &body);
                }
            }
            return respond(&mut stream, 200, content_type, &raw);
        }
        Some(Reply::Delay(d)) if wait_watching(&stream, d, stop) => {
            mark_aborted();
            return Ok(());
        }
        Some(Reply::Delay(_)) | None => {}
    }
    let rel = path.trim_start_matches('/');
    // A path is a file of dist/ only inside it.
    let file = |rel: &str| (!rel.is_empty() && !rel.contains("..")).then(|| root.join(rel));
    // dist's precompressed copy of `file`, when compression is on and the request accepts it.
    let precompressed = |file: &Path| {
        ["br", "gzip"].into_iter().find_map(|coding| {
            let ext = if coding == "br" { "br" } else { "gz" };
            let copy = PathBuf::from(format!("{}.{ext}", file.display()));
            (accepts(coding) && copy.is_file()).then_some((coding, copy))
        })
    };
    // Answers with `file` of dist/ and `status`: an HTML page with the test's edits, anything
    // else (and a page when there are none) as it is or as its precompressed copy.
    let mut serve = |file: &Path, status: u16| -> std::io::Result<()> {
        let content_type = mime(&file.to_string_lossy());
        if content_type.starts_with("text/html") && !edits.is_empty() {
            let html = edits
                .iter()
                .fold(std::fs::read_to_string(file)?, |html, edit| edit(html));
            return respond(&mut stream, status, content_type, html.as_bytes());
        }
        let mut body = Vec::new();
        if let Some((coding, copy)) = precompressed(file) {
            std::fs::File::open(&copy)?.read_to_end(&mut body)?;
            mark_encoding(coding);
            return respond_encoded(&mut stream, status, content_type, Some(coding), &body);
        }
        std::fs::File::open(file)?.read_to_end(&mut body)?;
        respond(&mut stream, status, content_type, &body)
    };
    let asked = file(rel).map(|f| {
        let page = f.join("index.html");
        if page.is_file() {
            page // a folder's page, e.g. /examples/host/
        } else {
            f
        }
    });
    if let Some(file) = asked.filter(|f| f.is_file()) {
        return serve(&file, 200);
    }
    let last = rel.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return respond(&mut stream, 404, "text/plain", b"not found");
    }
    // A client route.
    if !published {
        // The app alone: its shell answers every route, and the app routes it.
        return serve(&shell(root), 200);
    }
    // The published site: the home page, a prerendered page, the shell for an article or a
    // section not prerendered, else the not-found page.
    if rel.is_empty() {
        return serve(&root.join("index.html"), 200);
    }
    if let Some(page) = file(&format!("{rel}.html")).filter(|f| f.is_file()) {
        return serve(&page, 200);
    }
    // As nginx's prefix locations (deploy/nginx/khabar.conf), the route table's prefixes.
    if [khabar::route::ARTICLE, khabar::route::SECTION]
        .iter()
        .any(|prefix| rel.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/')))
    {
        return serve(&shell(root), 200);
    }
    let not_found = root.join("404.html");
    serve(
        &if not_found.is_file() {
            not_found
        } else {
            shell(root)
        },
        404,
    )
}
