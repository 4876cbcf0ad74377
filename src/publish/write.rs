//! Writing a published site while readers read it: every file is written beside its old self
//! and renamed into place, so a reader gets the old file or the new one, whole, never a missing,
//! empty or half-written one; its `.br` and `.gz` copies are written and renamed with it, just
//! before it; a file whose bytes have not changed is not touched; removals come last.
//!
//! nginx (deploy/nginx/khabar.conf) answers a file's `.br` only while the file itself exists,
//! so removing the file first and its copies after leaves no moment in which a copy of a
//! removed file is served.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The endings publishing writes `.br` and `.gz` copies of (as the build's precompress step:
/// scripts/postbuild/precompress.mjs).
const COMPRESSIBLE: [&str; 9] = ["html", "js", "mjs", "css", "wasm", "json", "svg", "txt", "xml"];

/// A file being written is named `.{name}.khabar-new` until it is renamed: a hidden name, which
/// nginx never serves and the next run removes if a killed run left it.
const PARTIAL: &str = ".khabar-new";

/// brotli's quality for published files: 11, the smallest (and slowest), as the build's.
const BROTLI_QUALITY: u32 = 11;

/// brotli's quality once a run has written [`FINE_FILES`] files: 8. On the sample article
/// pages (19.5 KB each) quality 11 gives 4.23 KB in 68 ms a page here, 8 gives 4.63 KB in 3.8
/// ms (docs/performance.md): a full publish of thousands of pages at 11 took hours, and
/// the next incremental run writes each page it changes at 11 again.
const FAST_BROTLI_QUALITY: u32 = 8;

/// The largest file compressed at [`BROTLI_QUALITY`]: 256 KB. A larger one (the sitemap of a
/// large archive: 5.7 MB at 20,000 articles) goes at [`FAST_BROTLI_QUALITY`]: at 11 it alone
/// took 20 s of a one-article publish.
const FINE_BYTES: usize = 256 * 1024;

/// How many files a run writes at [`BROTLI_QUALITY`] before it goes on at
/// [`FAST_BROTLI_QUALITY`]: an incremental run (one article: its page, home, its section,
/// the feeds and the sitemap) stays under it.
const FINE_FILES: usize = 200;

/// What one run of publishing changed in the build's folder.
#[derive(Debug, Default)]
pub struct Changes {
    /// Files written because they were new or their bytes changed (relative, with `/`).
    pub written: Vec<String>,
    /// Files left as they were: the same bytes were already there.
    pub unchanged: usize,
    /// Files removed (with their compressed copies): outputs of what is no longer published.
    pub removed: Vec<String>,
}

/// Writes into one build folder, keeping the list of what this run publishes.
pub struct Writer {
    dist: PathBuf,
    /// Every file this run publishes, relative, with `/`.
    kept: BTreeSet<String>,
    /// Every file in the folder, relative, with `/`, but the compressed copies, with which of
    /// those it has ([`BR`], [`GZ`]): the folder is walked once, when the writer is made, and
    /// what the run writes is added here, so that keeping a file and removing what is left
    /// need no walk and no look at the disk.
    present: HashMap<String, u8>,
    pub changes: Changes,
}

/// A file of [`Writer::present`] has its `.br` copy.
const BR: u8 = 1;
/// A file of [`Writer::present`] has its `.gz` copy.
const GZ: u8 = 2;
/// A file of [`Writer::present`] itself (a copy can be there without its file).
const FILE: u8 = 4;

fn io_error(path: &Path, e: std::io::Error) -> String {
    format!("{}: {e}", path.display())
}

/// Whether `name`'s ending is one publishing compresses.
fn compressible(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ending)| COMPRESSIBLE.contains(&ending))
}

/// The partial name of `path`: `.{name}.khabar-new` in its folder.
fn partial(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}{PARTIAL}"))
}

/// `bytes` compressed with brotli at [`BROTLI_QUALITY`].
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    brotli_at(bytes, BROTLI_QUALITY)
}

/// `bytes` compressed with brotli at `quality`.
fn brotli_at(bytes: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 4 + 64);
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        size_hint: bytes.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("compressing into memory");
    out
}

/// `bytes` compressed with gzip at level 9.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("compressing into memory");
    encoder.finish().expect("compressing into memory")
}

impl Writer {
    /// A writer into `dist`; removes what a killed run left half-written there.
    pub fn new(dist: &Path) -> Result<Writer, String> {
        let mut leftovers = Vec::new();
        let mut present: HashMap<String, u8> = HashMap::new();
        walk(dist, &mut |path| {
            if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(PARTIAL))
            {
                leftovers.push(path.to_path_buf());
            } else if let Ok(rel) = path.strip_prefix(dist) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                let (base, flag) = match (rel.strip_suffix(".br"), rel.strip_suffix(".gz")) {
                    (Some(base), _) if compressible(base) => (base.to_string(), BR),
                    (_, Some(base)) if compressible(base) => (base.to_string(), GZ),
                    _ => (rel, FILE),
                };
                *present.entry(base).or_default() |= flag;
            }
        })?;
        for path in leftovers {
            fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
        }
        Ok(Writer {
            dist: dist.to_path_buf(),
            kept: BTreeSet::new(),
            present,
            changes: Changes::default(),
        })
    }

    /// Publishes `bytes` as `rel` (with `/`): nothing when the file already holds them (and has
    /// its copies); otherwise its `.br` and `.gz` copies, then the file, each written under a
    /// partial name and renamed into place.
    pub fn put(&mut self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        self.put_all(vec![(rel.to_string(), bytes.to_vec())])
    }

    /// [`put`](Self::put) for each file in order, their copies compressed on every core first.
    pub fn put_all(&mut self, files: Vec<(String, Vec<u8>)>) -> Result<(), String> {
        let mut changed = Vec::new();
        for (rel, bytes) in files {
            self.kept.insert(rel.clone());
            let target = self.dist.join(&rel);
            let same = self.has_copies(&rel) && fs::read(&target).is_ok_and(|old| old == bytes);
            if same {
                self.changes.unchanged += 1;
            } else {
                changed.push((rel, bytes));
            }
        }
        let quality = if self.changes.written.len() + changed.len() > FINE_FILES {
            FAST_BROTLI_QUALITY
        } else {
            BROTLI_QUALITY
        };
        let copies = compress_all(&changed, quality);
        for ((rel, bytes), copies) in changed.into_iter().zip(copies) {
            let target = self.dist.join(&rel);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
            }
            let mut writes: Vec<(PathBuf, Vec<u8>)> = Vec::new();
            if let Some((br, gz)) = copies {
                writes.push((self.dist.join(format!("{rel}.br")), br));
                writes.push((self.dist.join(format!("{rel}.gz")), gz));
            }
            writes.push((target, bytes));
            for (path, data) in &writes {
                let part = partial(path);
                fs::write(&part, data).map_err(|e| io_error(&part, e))?;
            }
            for (path, _) in &writes {
                fs::rename(partial(path), path).map_err(|e| io_error(path, e))?;
            }
            let flags = if writes.len() == 3 { FILE | BR | GZ } else { FILE };
            *self.present.entry(rel.clone()).or_default() |= flags;
            self.changes.written.push(rel);
        }
        Ok(())
    }

    /// Keeps `rel` as it is, unread, if it is there with its copies (an output whose inputs
    /// have not changed since it was written): true if it was kept, false if it must be
    /// written.
    pub fn keep(&mut self, rel: &str) -> bool {
        let kept = self.has_copies(rel);
        if kept {
            self.kept.insert(rel.to_string());
            self.changes.unchanged += 1;
        }
        kept
    }

    /// Whether `rel` is there with its `.br` and `.gz` copies, or needs none.
    fn has_copies(&self, rel: &str) -> bool {
        let need = if compressible(rel) { FILE | BR | GZ } else { FILE };
        self.present.get(rel).is_some_and(|&has| has & need == need)
    }

    /// Removes every file under the folders `owned` (relative, with `/`) that this run did not
    /// publish, with its compressed copies: the file first, then its copies, then the folders
    /// left empty. Call it last, once everything new is in place.
    pub fn remove_the_rest(&mut self, owned: &[&str]) -> Result<(), String> {
        let mut stale = Vec::new();
        for (base, &has) in &self.present {
            let under = owned.iter().any(|folder| {
                base.strip_prefix(folder)
                    .is_some_and(|rest| rest.starts_with('/'))
            });
            if !under || self.kept.contains(base) {
                continue;
            }
            if has & FILE != 0 {
                stale.push((base.clone(), true));
            }
            for (flag, ending) in [(BR, ".br"), (GZ, ".gz")] {
                if has & flag != 0 {
                    stale.push((format!("{base}{ending}"), false));
                }
            }
        }
        // A file sorts before its `.br` and `.gz`: the file goes first.
        stale.sort();
        let mut folders = BTreeSet::new();
        for (rel, is_file) in stale {
            let path = self.dist.join(&rel);
            fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
            if is_file {
                self.present.remove(&rel);
                self.changes.removed.push(rel.clone());
            }
            let mut folder = rel.as_str();
            while let Some((parent, _)) = folder.rsplit_once('/') {
                if owned.contains(&parent) {
                    break;
                }
                folders.insert(parent.to_string());
                folder = parent;
            }
        }
        // The folders that held what was removed, the deepest first, if nothing is left in them.
        for folder in folders.iter().rev() {
            let path = self.dist.join(folder);
            if fs::read_dir(&path).is_ok_and(|mut entries| entries.next().is_none()) {
                fs::remove_dir(&path).map_err(|e| io_error(&path, e))?;
            }
        }
        Ok(())
    }
}

/// The `.br` and `.gz` copies of each file (none for one that is not compressed), made on
/// every core the machine has.
fn compress_all(files: &[(String, Vec<u8>)], quality: u32) -> Vec<Option<(Vec<u8>, Vec<u8>)>> {
    let compress = |(rel, bytes): &(String, Vec<u8>)| {
        let quality = if bytes.len() > FINE_BYTES {
            FAST_BROTLI_QUALITY
        } else {
            quality
        };
        compressible(rel).then(|| (brotli_at(bytes, quality), gzip(bytes)))
    };
    crate::content::check::on_every_core(files, 2, compress)
}

/// Calls `visit` on every file under `dir` (none when it does not exist), without following
/// symbolic links.
fn walk(dir: &Path, visit: &mut dyn FnMut(&Path)) -> Result<(), String> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error(dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| io_error(&path, e))?;
        if kind.is_dir() {
            walk(&path, visit)?;
        } else {
            visit(&path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    struct Folder(PathBuf);
    impl Folder {
        fn new(name: &str) -> Folder {
            let dir = std::env::temp_dir().join(format!("khabar-write-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            Folder(dir)
        }
        fn files(&self) -> Vec<String> {
            let mut out = Vec::new();
            walk(&self.0, &mut |p| {
                out.push(p.strip_prefix(&self.0).unwrap().to_string_lossy().into_owned())
            })
            .unwrap();
            out.sort();
            out
        }
    }
    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn unbrotli(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        brotli::Decompressor::new(bytes, 4096)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn ungzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn a_page_is_written_with_copies_that_decode_to_it_and_an_unchanged_one_is_not_touched() {
        let dir = Folder::new("put");
        let mut w = Writer::new(&dir.0).unwrap();
        let page = "<!doctype html><title>خبر</title>".repeat(50);
        w.put("article/a.html", page.as_bytes()).unwrap();
        w.put("content/images/a.png", b"\x89PNG").unwrap();
        assert_eq!(
            dir.files(),
            [
                "article/a.html",
                "article/a.html.br",
                "article/a.html.gz",
                "content/images/a.png"
            ]
        );
        assert_eq!(
            unbrotli(&fs::read(dir.0.join("article/a.html.br")).unwrap()),
            page.as_bytes()
        );
        assert_eq!(
            ungzip(&fs::read(dir.0.join("article/a.html.gz")).unwrap()),
            page.as_bytes()
        );
        assert_eq!(w.changes.written.len(), 2);

        let mut again = Writer::new(&dir.0).unwrap();
        again.put("article/a.html", page.as_bytes()).unwrap();
        assert_eq!((again.changes.written.len(), again.changes.unchanged), (0, 1));
        // A copy gone (or never written) is written again with its file, by the next run
        // (a run sees the folder as it was when it began, and what it wrote itself).
        fs::remove_file(dir.0.join("article/a.html.gz")).unwrap();
        let mut again = Writer::new(&dir.0).unwrap();
        again.put("article/a.html", page.as_bytes()).unwrap();
        assert_eq!(again.changes.written, ["article/a.html"]);
        // Changed bytes change the copies too.
        again.put("article/a.html", b"<p>new</p>").unwrap();
        assert_eq!(
            unbrotli(&fs::read(dir.0.join("article/a.html.br")).unwrap()),
            b"<p>new</p>"
        );
    }

    /// A batch is compressed on every core and written in order; past the first
    /// [`FINE_FILES`] files the copies are made at the faster quality, and decode to the file
    /// all the same.
    #[test]
    fn a_large_run_writes_every_file_with_copies_that_decode_to_it() {
        let dir = Folder::new("batch");
        let mut w = Writer::new(&dir.0).unwrap();
        let page = |i: usize| format!("<!doctype html><title>خبر {i}</title>").repeat(40 + i % 7);
        let files: Vec<(String, Vec<u8>)> = (0..FINE_FILES + 50)
            .map(|i| (format!("article/a{i}.html"), page(i).into_bytes()))
            .collect();
        let (first, rest) = files.split_at(10);
        w.put_all(first.to_vec()).unwrap();
        w.put_all(rest.to_vec()).unwrap();
        assert_eq!(w.changes.written.len(), FINE_FILES + 50);
        assert_eq!(
            w.changes.written[..3],
            ["article/a0.html", "article/a1.html", "article/a2.html"]
        );
        for (i, (rel, bytes)) in files.iter().enumerate() {
            let br = fs::read(dir.0.join(format!("{rel}.br"))).unwrap();
            assert_eq!(unbrotli(&br), *bytes, "{rel}");
            assert_eq!(
                ungzip(&fs::read(dir.0.join(format!("{rel}.gz"))).unwrap()),
                *bytes
            );
            let fine = brotli_at(bytes, BROTLI_QUALITY);
            assert_eq!(
                br == fine,
                i < 10,
                "{rel}: quality 11 only in the first, small batch"
            );
        }
    }

    #[test]
    fn what_a_run_does_not_publish_is_removed_with_its_copies_and_empty_folders() {
        let dir = Folder::new("remove");
        let mut w = Writer::new(&dir.0).unwrap();
        for rel in [
            "article/kept.html",
            "article/gone.html",
            "content/old/x.json",
            "index.html",
        ] {
            w.put(rel, b"x").unwrap();
        }
        let mut next = Writer::new(&dir.0).unwrap();
        next.put("article/kept.html", b"x").unwrap();
        next.remove_the_rest(&["article", "content"]).unwrap();
        assert_eq!(next.changes.removed, ["article/gone.html", "content/old/x.json"]);
        assert_eq!(
            dir.files(),
            [
                "article/kept.html",
                "article/kept.html.br",
                "article/kept.html.gz",
                "index.html",
                "index.html.br",
                "index.html.gz"
            ],
            "outside the owned folders nothing goes"
        );
        assert!(!dir.0.join("content/old").exists());
    }

    #[test]
    fn what_a_killed_run_left_half_written_is_removed_and_never_a_published_name() {
        let dir = Folder::new("partial");
        fs::create_dir_all(dir.0.join("article")).unwrap();
        let left = partial(&dir.0.join("article/a.html"));
        assert_eq!(left.file_name().unwrap(), ".a.html.khabar-new");
        fs::write(&left, b"<p>half").unwrap();
        Writer::new(&dir.0).unwrap();
        assert!(dir.files().is_empty(), "{:?}", dir.files());
    }
}
