//! A small static server for end-to-end tests, on 127.0.0.1 with a free port.
//!
//! Serves the release `dist/` (with `application/wasm`), falls back to `index.html` for client
//! routes, logs every request, notices when the browser aborts one, and answers chosen paths
//! as a test says (a status, another body, a delay, a dropped connection). Benchmarks can also
//! have it send compressed answers, as a production server would ([`Server::compress`]).

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
    /// This body, as `text/html` (for "not JSON").
    Html(String),
    /// The normal answer, after a delay.
    Delay(Duration),
    /// Close the connection without answering.
    Drop,
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

#[derive(Default)]
struct State {
    rules: HashMap<String, Reply>,
    log: Vec<Logged>,
    index: Option<String>,
    /// Send dist's `.br`/`.gz` copies and `Reply::Encoded`'s when the request accepts them.
    compress: bool,
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

impl Server {
    /// Serves `dist/`.
    pub fn start() -> Server {
        let root = dist_dir();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
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

    /// Answers `path` normally again.
    pub fn clear(&self, path: &str) {
        self.state.lock().unwrap().rules.remove(path);
    }

    /// Serves `index.html` changed by `edit` (e.g. another content timeout).
    pub fn edit_index(&self, edit: impl FnOnce(String) -> String) {
        let html = std::fs::read_to_string(dist_dir().join("index.html")).unwrap();
        self.state.lock().unwrap().index = Some(edit(html));
    }

    /// Serves index.html with its `<meta name="khabar:{name}">` setting set to `value`.
    #[allow(dead_code)] // not every test binary sets one
    pub fn set_setting(&self, name: &str, value: &str) {
        let name = format!("khabar:{name}");
        self.edit_index(|html| {
            let at = html
                .find(&name)
                .unwrap_or_else(|| panic!("index.html has no {name}: {html}"));
            let start = html[..at].rfind("<meta").expect("a meta tag");
            let end = at + html[at..].find('>').expect("the tag's end") + 1;
            let tag = format!("<meta name=\"{name}\" content=\"{value}\">");
            format!("{}{tag}{}", &html[..start], &html[end..])
        });
    }

    /// Serves index.html with `markup` before its `<title>`: ahead of every script and
    /// stylesheet the page loads. (The release index.html is minified, so it has no `<head>`
    /// tag to put it after.)
    pub fn add_to_head(&self, markup: &str) {
        self.edit_index(|html| {
            assert!(html.contains("<title>"), "index.html has no <title>: {html}");
            html.replacen("<title>", &format!("{markup}<title>"), 1)
        });
    }

    /// From now on, answers with dist's precompressed copies (`.br`, else `.gz`, as the
    /// request's `Accept-Encoding` allows) and with `Reply::Encoded`'s, as a production server
    /// does. Off by default: tests see plain answers.
    #[allow(dead_code)] // used by benches/
    pub fn compress(&self) {
        self.state.lock().unwrap().compress = true;
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
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\n{encoding}Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
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
    let (rule, index, compress) = {
        let mut s = state.lock().unwrap();
        s.log.push(Logged {
            path: path.clone(),
            aborted: false,
            accept_encoding: accept_encoding.clone(),
            encoding: None,
        });
        (s.rules.get(&path).cloned(), s.index.clone(), s.compress)
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
        Some(Reply::Html(body)) => {
            return respond(&mut stream, 200, "text/html; charset=utf-8", body.as_bytes())
        }
        Some(Reply::Drop) => {
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
    let mut file = root.join(rel);
    if !rel.is_empty() && !rel.contains("..") && file.join("index.html").is_file() {
        file = file.join("index.html"); // a folder's page, e.g. /examples/host/
    }
    let is_file = !rel.is_empty() && !rel.contains("..") && file.is_file();
    // dist's precompressed copy of `file`, when compression is on and the request accepts it.
    let precompressed = |file: &Path| {
        ["br", "gzip"].into_iter().find_map(|coding| {
            let ext = if coding == "br" { "br" } else { "gz" };
            let copy = PathBuf::from(format!("{}.{ext}", file.display()));
            (accepts(coding) && copy.is_file()).then_some((coding, copy))
        })
    };
    if is_file {
        let mut body = Vec::new();
        let content_type = mime(&file.to_string_lossy());
        if let Some((coding, copy)) = precompressed(&file) {
            std::fs::File::open(&copy)?.read_to_end(&mut body)?;
            mark_encoding(coding);
            return respond_encoded(&mut stream, 200, content_type, Some(coding), &body);
        }
        std::fs::File::open(&file)?.read_to_end(&mut body)?;
        return respond(&mut stream, 200, content_type, &body);
    }
    let last = rel.rsplit('/').next().unwrap_or("");
    if rel.is_empty() || !last.contains('.') {
        // A client route: the app's index.html answers it.
        let html = match index {
            Some(html) => html,
            None => {
                if let Some((coding, copy)) = precompressed(&root.join("index.html")) {
                    let body = std::fs::read(copy)?;
                    mark_encoding(coding);
                    let html = "text/html; charset=utf-8";
                    return respond_encoded(&mut stream, 200, html, Some(coding), &body);
                }
                std::fs::read_to_string(root.join("index.html"))?
            }
        };
        return respond(&mut stream, 200, "text/html; charset=utf-8", html.as_bytes());
    }
    respond(&mut stream, 404, "text/plain", b"not found")
}
