//! A real browser over WebDriver. The engine is a parameter: `KHABAR_BROWSER=chromium`
//! (default, Debian's chromium + chromedriver), `firefox` (geckodriver) or `webkit`
//! (WebKitWebDriver under xvfb-run).

use std::future::Future;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// How long a test waits for something a reader would see.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(50);

/// Whether `error` says only that the document a command ran in went away before it answered
/// (a reload or a navigation, the page's own or the test's): the same command on the next
/// document is the answer. Each engine says it its own way: WebKit "Callback was not called
/// before the unload event", Firefox "Document was unloaded" or "Actor 'MarionetteCommands'
/// destroyed before query", Chromium "Inspected target navigated or closed", "Execution context
/// was destroyed" or "Cannot find context with specified id", and all of them a stale element.
pub fn left_the_page(error: &CmdError) -> bool {
    if let CmdError::Standard(e) = error {
        if e.error == ErrorStatus::StaleElementReference {
            return true;
        }
    }
    let message = error.to_string().to_lowercase();
    [
        "unload",
        "navigat",
        "no such execution context",
        "execution context was destroyed",
        "cannot find context with specified id",
        "destroyed before query",
        "stale element",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// A browser session and the driver process behind it.
pub struct Browser {
    pub client: Client,
    driver: Child,
    port: u16,
    session: String,
    profile: String,
    /// The number of the last page left through [`Browser::navigate`].
    left: AtomicU64,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn engine() -> String {
    std::env::var("KHABAR_BROWSER").unwrap_or_else(|_| "chromium".to_string())
}

/// True when the tests drive Chromium. In another engine, says that `what` is emulated through
/// the DevTools protocol, which only Chromium's driver has, and is false: the test returns.
pub fn devtools(what: &str) -> bool {
    let chromium = engine() == "chromium";
    if !chromium {
        eprintln!("{what} is emulated through the DevTools protocol, which only Chromium's driver has");
    }
    chromium
}

/// The driver command and the session capabilities for the engine, at a window size; with
/// `script` false, JavaScript is off for the page (Chromium's content setting, Firefox's
/// `javascript.enabled`, WebKit's `enable-javascript`), and `(scripting: none)` matches; the
/// driver's own scripts still run, to read the page, but nothing that waits on the page's
/// timers (axe-core) can.
fn driver_and_caps(port: u16, width: u32, height: u32, profile: &str, script: bool) -> (Command, Value) {
    match engine().as_str() {
        "firefox" => {
            // Firefox keeps its window at least 500px wide unless its own chrome says otherwise
            // (a stylesheet in the profile, read with the pref below), and its scrollbars take
            // room where Chromium's (`--hide-scrollbars`) do not: overlay scrollbars, as on phones.
            let chrome = std::path::Path::new(profile).join("chrome");
            std::fs::create_dir_all(&chrome).unwrap();
            std::fs::write(
                chrome.join("userChrome.css"),
                ":root { min-width: 0 !important; } #navigator-toolbox { display: none !important; }",
            )
            .unwrap();
            let mut cmd = Command::new(std::env::var("GECKODRIVER").unwrap_or_else(|_| "geckodriver".into()));
            cmd.args(["--host", "127.0.0.1", "--port", &port.to_string()]);
            let caps = json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": std::env::var("FIREFOX_BIN").unwrap_or_else(|_| "/usr/bin/firefox-esr".into()),
                    "args": ["-headless", "-profile", profile],
                    "prefs": {
                        "intl.accept_languages": "ar",
                        "toolkit.legacyUserProfileCustomizations.stylesheets": true,
                        "ui.useOverlayScrollbars": 1,
                        "javascript.enabled": script
                    }
                }
            });
            (cmd, caps)
        }
        "webkit" => {
            // MiniBrowser's toolbar keeps its window at least 447px wide and takes 38px of its
            // height; in full-screen mode it has none, and with no window manager under Xvfb the
            // window still takes the size WebDriver asks for.
            let mut cmd = Command::new("xvfb-run");
            cmd.args(["-a", "/usr/bin/WebKitWebDriver", &format!("--port={port}")]);
            let caps = json!({
                "browserName": "MiniBrowser",
                "webkitgtk:browserOptions": {
                    "binary": "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
                    "args": ["--automation", "--full-screen", format!("--enable-javascript={script}")]
                }
            });
            (cmd, caps)
        }
        _ => {
            let mut cmd = Command::new(
                std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()),
            );
            cmd.args([format!("--port={port}"), "--allowed-ips=127.0.0.1".into()]);
            let caps = json!({
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/lib/chromium/chromium".into()),
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-quic", "--no-first-run", "--disable-default-apps", "--lang=ar",
                        "--hide-scrollbars", "--force-device-scale-factor=1",
                        format!("--user-data-dir={profile}"), format!("--window-size={width},{height}")
                    ],
                    "prefs": {
                        "profile.managed_default_content_settings.javascript": if script { 1 } else { 2 }
                    }
                }
            });
            (cmd, caps)
        }
    }
}

fn tempdir() -> String {
    let dir = std::env::temp_dir().join(format!(
        "khabar-e2e-{}-{}",
        std::process::id(),
        Instant::now().elapsed().as_nanos() ^ (free_port() as u128) << 20
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir.display().to_string()
}

impl Browser {
    /// A new browser with a fresh profile, 1280×900.
    pub async fn start() -> Browser {
        Browser::sized(1280, 900).await
    }

    /// A new browser with a fresh profile and this viewport.
    pub async fn sized(width: u32, height: u32) -> Browser {
        Browser::with(width, height, true).await
    }

    /// A new browser whose pages run no script of their own, as a reader with JavaScript off
    /// (or a crawler that renders) sees them.
    #[allow(dead_code)] // not every test binary uses it
    pub async fn without_script(width: u32, height: u32) -> Browser {
        Browser::with(width, height, false).await
    }

    async fn with(width: u32, height: u32, script: bool) -> Browser {
        let port = free_port();
        let profile = tempdir();
        let (mut cmd, caps) = driver_and_caps(port, width, height, &profile, script);
        // Its own process group, so that Drop also ends what the driver started (xvfb-run's
        // Xvfb and WebKitWebDriver, which a SIGKILL to xvfb-run alone leaves running).
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let driver = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the WebDriver server");
        let url = format!("http://127.0.0.1:{port}");
        let caps: serde_json::Map<String, Value> = caps.as_object().unwrap().clone();
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() > deadline => panic!("no WebDriver session on {url}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        let session = client.session_id().await.ok().flatten().unwrap_or_default();
        let browser = Browser {
            client,
            driver,
            port,
            session,
            profile,
            left: AtomicU64::new(0),
        };
        if engine() == "chromium" {
            // Headless Chromium keeps its window at least 500px wide, whatever `--window-size`
            // says: the viewport itself is set through DevTools, as its device mode does.
            browser
                .cdp(
                    "Emulation.setDeviceMetricsOverride",
                    json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
                )
                .expect("set the viewport");
        } else {
            let _ = browser.client.set_window_size(width, height).await;
        }
        // A test at a phone's width must run at that width.
        let viewport = browser.js("return [innerWidth, innerHeight]").await;
        assert_eq!(
            viewport[0],
            width,
            "{} gave a viewport of {viewport} for {width}×{height}",
            engine()
        );
        browser
    }

    /// Opens `url` and waits for the element `css`.
    pub async fn open(&self, url: &str, css: &str) -> Element {
        self.goto(url).await;
        self.wait(css).await
    }

    /// Goes to `url` and waits until the browser shows the new document ([`Browser::navigate`]).
    pub async fn goto(&self, url: &str) {
        self.navigate(&format!("navigate to {url}"), self.client.goto(url))
            .await;
    }

    /// Runs `navigation` (a goto, a refresh: what loads a new document, not a move in the app's
    /// own history) and waits until the browser shows the new document, so that nothing after
    /// it reads the page it left. A driver answers a navigation once the new page has loaded,
    /// but not every time: one that answered early left a test reading the old page, or its
    /// script unloaded under it. The page left is marked with a number of its own, and the new
    /// one is there when a script sees no such mark (a page back from the back-forward cache
    /// has an older number).
    pub async fn navigate(&self, what: &str, navigation: impl Future<Output = Result<(), CmdError>>) {
        let page = self.left.fetch_add(1, Ordering::Relaxed) + 1;
        self.js(&format!("window.__khabarLeft = {page}")).await;
        navigation.await.unwrap_or_else(|e| panic!("{what}: {e}"));
        self.try_wait_js(&format!("window.__khabarLeft !== {page}"))
            .await
            .unwrap_or_else(|e| panic!("{what}: no new document: {e}"));
    }

    /// Waits for the element `css`.
    pub async fn wait(&self, css: &str) -> Element {
        self.try_wait(css).await.unwrap_or_else(|e| panic!("{e}"))
    }

    /// Waits for the element `css`, and says so when it does not appear in time. A page that
    /// goes away while it looks (a reload) is looked in again: the driver finds elements with a
    /// script in the page (WebKit's does), and fantoccini's own wait gives up on the error.
    pub async fn try_wait(&self, css: &str) -> Result<Element, String> {
        let end = Instant::now() + PATIENCE;
        loop {
            let last = match self.client.find(Locator::Css(css)).await {
                Ok(element) => return Ok(element),
                Err(CmdError::Standard(e)) if e.error == ErrorStatus::NoSuchElement => "none yet".to_string(),
                Err(e) if left_the_page(&e) => format!("the page went away: {e}"),
                Err(e) => return Err(format!("no element {css:?}: {e}")),
            };
            if Instant::now() >= end {
                return Err(format!("no element {css:?} appeared ({last})"));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until `script` (a JS expression) is truthy. An expression that throws (an element
    /// not there yet, or a page that went away under it) counts as false until the time is up,
    /// and the last error is in the message then.
    pub async fn wait_js(&self, expression: &str) {
        self.try_wait_js(expression)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// [`Browser::wait_js`], saying so when the expression never became true.
    pub async fn try_wait_js(&self, expression: &str) -> Result<(), String> {
        let end = Instant::now() + PATIENCE;
        let script = format!("return !!({expression});");
        loop {
            let last = match self.client.execute(&script, vec![]).await {
                Ok(Value::Bool(true)) => return Ok(()),
                Ok(v) => format!("it was {v}"),
                Err(e) => format!("it threw: {e}"),
            };
            if Instant::now() >= end {
                return Err(format!("never became true: {expression}\n({last})"));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the page's fonts have loaded and two frames have been drawn since: a layout
    /// measured after it does not change by a web font arriving. (`font-display: optional`
    /// still lets a font that arrives while the page is young be used: under load, Firefox laid
    /// a headline out in the fallback font, then one line shorter in khabar Naskh.)
    #[allow(dead_code)] // not every test binary measures a layout
    pub async fn settled(&self) {
        self.again_on_a_new_page(|| {
            self.client.execute_async(
                "const done = arguments[arguments.length - 1];
                 document.fonts.ready.then(() =>
                   requestAnimationFrame(() => requestAnimationFrame(() => done(true))));",
                vec![],
            )
        })
        .await
        .unwrap_or_else(|e| panic!("wait for the page's fonts: {e}"));
    }

    /// Runs `script` in the page and returns its value. A page that goes away under it (a reload
    /// the page made) gets it again on the next document, until the time is up; any other error
    /// fails at once.
    pub async fn js(&self, script: &str) -> Value {
        self.again_on_a_new_page(|| self.client.execute(script, vec![]))
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Runs `command` until it answers with anything but [`left_the_page`], or the time is up.
    async fn again_on_a_new_page<T, F: Future<Output = Result<T, CmdError>>>(
        &self,
        command: impl Fn() -> F,
    ) -> Result<T, CmdError> {
        let end = Instant::now() + PATIENCE;
        loop {
            match command().await {
                Err(e) if left_the_page(&e) && Instant::now() < end => tokio::time::sleep(POLL).await,
                answer => return answer,
            }
        }
    }

    /// The text of the first element `css`, or "" when there is none.
    pub async fn text(&self, css: &str) -> String {
        let v = self
            .js(&format!(
                "const e = document.querySelector({}); return e ? e.textContent.trim() : '';",
                json!(css)
            ))
            .await;
        v.as_str().unwrap_or_default().to_string()
    }

    /// The texts of every element `css`.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let v = self
            .js(&format!(
                "return [...document.querySelectorAll({})].map(e => e.textContent.trim());",
                json!(css)
            ))
            .await;
        serde_json::from_value(v).unwrap_or_default()
    }

    /// An attribute of the first element `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let v = self
            .js(&format!(
                "const e = document.querySelector({}); return e ? e.getAttribute({}) : null;",
                json!(css),
                json!(name)
            ))
            .await;
        v.as_str().map(str::to_string)
    }

    /// Presses `key` (WebDriver's code: "\u{e007}" Enter, "\u{e004}" Tab, "\u{e00c}" Escape)
    /// on the focused element.
    pub async fn press(&self, key: &str) {
        self.client
            .active_element()
            .await
            .expect("an active element")
            .send_keys(key)
            .await
            .unwrap_or_else(|e| panic!("press {key:?}: {e}"));
    }

    /// Presses Tab `n` times and returns a description of the focused element.
    pub async fn tab(&self, n: usize) -> Value {
        for _ in 0..n {
            self.press("\u{e004}").await;
        }
        self.js(
            "const e = document.activeElement; return {tag: e.tagName.toLowerCase(), text: e.textContent.trim(), \
             href: e.getAttribute('href'), cls: e.className, inMain: !!e.closest('main'), inHeader: !!e.closest('header.kh-header')};",
        )
        .await
    }

    /// Runs axe-core on the page and returns its violations (id, impact, targets).
    pub async fn axe(&self) -> Vec<Value> {
        let source = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js"),
        )
        .expect("node_modules/axe-core: run `make test`, which installs it");
        // Injected and run as one: a page that went away under either has it again, both.
        let v = self
            .again_on_a_new_page(|| async {
                self.client.execute(&source, vec![]).await?;
                self.client
                    .execute_async(
                        "const done = arguments[arguments.length - 1];
                         axe.run(document, {resultTypes: ['violations']})
                           .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                targets: v.nodes.map(n => n.target.join(' '))}))))
                           .catch(e => done([{id: 'axe-error', help: String(e)}]));",
                        vec![],
                    )
                    .await
            })
            .await
            .unwrap_or_else(|e| panic!("run axe-core: {e}"));
        serde_json::from_value(v).unwrap_or_default()
    }

    /// Asserts axe-core finds no violation, listing them if it does.
    pub async fn assert_accessible(&self, what: &str) {
        let violations = self.axe().await;
        assert!(
            violations.is_empty(),
            "axe-core violations on {what}: {violations:#?}"
        );
    }

    /// Counts layout shifts from now on, and those since the page loaded (`buffered`), with the
    /// classes of what moved. The Layout Instability API is Chromium's: Firefox 153 and WebKit
    /// have none, and there [`Browser::assert_no_layout_shift`] says so instead of passing on a
    /// count that could not be anything but 0.
    pub async fn observe_layout_shift(&self) {
        self.js(
            "window.__shifts = [];
             if (!(PerformanceObserver.supportedEntryTypes || []).includes('layout-shift')) {
                 window.__shift = 'unmeasured'; return;
             }
             window.__shift = 0;
             new PerformanceObserver(l => l.getEntries().forEach(e => {
                 if (!e.hadRecentInput) { window.__shift += e.value; window.__shifts.push(e.sources.map(s => s.node && s.node.className)); }
             })).observe({type: 'layout-shift', buffered: true});",
        )
        .await;
    }

    /// Starts the count of [`Browser::observe_layout_shift`] again from 0.
    pub async fn reset_layout_shift(&self) {
        self.js("window.__shifts = []; if (typeof window.__shift === 'number') window.__shift = 0;")
            .await;
    }

    /// Asserts that nothing moved since [`Browser::observe_layout_shift`] (or the last reset),
    /// naming what did.
    pub async fn assert_no_layout_shift(&self, what: &str) {
        let shift = self.js("return [window.__shift, window.__shifts]").await;
        match &shift[0] {
            Value::Number(n) => assert_eq!(n.as_f64(), Some(0.0), "layout shifted through {what}: {shift}"),
            Value::String(_) => {
                assert_ne!(engine(), "chromium", "Chromium has the Layout Instability API");
                eprintln!(
                    "{what}: layout shift not measured, {} has no layout-shift entries",
                    engine()
                );
            }
            _ => panic!("observe_layout_shift() was not called before {what}"),
        }
    }

    /// Saves a screenshot under target/screenshots/ and returns its path.
    pub async fn screenshot(&self, name: &str) -> std::path::PathBuf {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let png = self.client.screenshot().await.expect("screenshot");
        // Chromium's are the ones docs/screenshots shows; another engine's carry its name.
        let path = match engine().as_str() {
            "chromium" => dir.join(format!("{name}.png")),
            other => dir.join(format!("{name}-{other}.png")),
        };
        std::fs::write(&path, png).unwrap();
        path
    }

    /// Ends the session and the driver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        // Drop ends the driver.
    }
}

impl Browser {
    /// Runs a Chrome DevTools Protocol command through chromedriver (`goog/cdp/execute`) and
    /// returns its result, or the driver's error. Chromium only; benchmarks use it to throttle
    /// the network and CPU and to read the heap, the feed test to count nodes after GC.
    pub fn cdp(&self, cmd: &str, params: Value) -> Result<Value, String> {
        let body = json!({"cmd": cmd, "params": params}).to_string();
        let answer = self.driver_request("POST", "/goog/cdp/execute", &body);
        let (_, body) = answer
            .split_once("\r\n\r\n")
            .ok_or_else(|| format!("{cmd}: no answer from the driver"))?;
        let answer: Value = serde_json::from_str(body).map_err(|e| format!("{cmd}: {e}: {body}"))?;
        match answer["value"].get("error") {
            Some(error) => Err(format!("{cmd}: {error}: {}", answer["value"]["message"])),
            None => Ok(answer["value"].clone()),
        }
    }

    /// Sends one command straight to the WebDriver server (for extensions the client does not
    /// wrap) and returns the raw answer. Blocking on purpose: it is also used from Drop.
    fn driver_request(&self, method: &str, path: &str, body: &str) -> String {
        use std::io::{Read, Write};
        let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", self.port)) else {
            return String::new();
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let request = format!(
            "{method} /session/{}{path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.session,
            self.port,
            body.len()
        );
        let mut answer = Vec::new();
        if stream.write_all(request.as_bytes()).is_ok() {
            // chromedriver keeps the connection open after its answer despite `Connection:
            // close`, so stop at the end of the body rather than wait for the read timeout.
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = stream.read(&mut buf) {
                answer.extend_from_slice(&buf[..n]);
                if answer_complete(&answer) {
                    break;
                }
            }
        }
        String::from_utf8_lossy(&answer).into_owned()
    }
}

/// Whether `answer` holds an HTTP answer's head and its whole `Content-Length` body.
fn answer_complete(answer: &[u8]) -> bool {
    let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&answer[..end]).to_ascii_lowercase();
    head.lines()
        .find_map(|l| l.strip_prefix("content-length:")?.trim().parse::<usize>().ok())
        .is_some_and(|len| answer.len() >= end + 4 + len)
}

impl Drop for Browser {
    /// Ends the session (the driver then quits its browser) and the driver, also when a test
    /// failed before `close()`.
    fn drop(&mut self) {
        self.driver_request("DELETE", "", "");
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.driver.id())])
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
