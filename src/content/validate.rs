//! Validation beyond types: the rules a well-typed file can still break.
//!
//! Pure functions, shared by the offline validator (`make check-content`) and the app, which
//! refuses structurally broken content and renders unsafe links as plain text. Every issue
//! names the JSON path it is about, e.g. `body[3].runs[1].href`.

use std::collections::HashSet;
use std::fmt;

use super::model::{Article, Block, Card, FeedPage, Figure, Image, Inline, RelatedList, Site};

/// One rule broken at one place of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// JSON path inside the file, e.g. `body[3].runs[1].href` (empty for the whole file).
    pub path: String,
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// What exists in a content folder, for the rules that look across files.
/// The app validates a single file with `Folder::default()`, which skips those rules.
#[derive(Clone, Debug, Default)]
pub struct Folder {
    /// Slugs of `articles/{slug}.json` present.
    pub articles: Option<HashSet<String>>,
    /// Section slugs of `site.json`.
    pub sections: Option<HashSet<String>>,
    /// Every file present, relative to the content root with `/` separators.
    pub files: Option<HashSet<String>>,
}

/// Collects issues while walking a value, keeping the current JSON path.
struct Walk<'f> {
    folder: &'f Folder,
    issues: Vec<Issue>,
}

impl Walk<'_> {
    fn issue(&mut self, path: &str, message: impl Into<String>) {
        self.issues.push(Issue {
            path: path.to_string(),
            message: message.into(),
        });
    }

    /// A plain-text field (title, summary, label, name, caption, alt …): it must say something.
    /// The offline validator also applies [`hygiene::check`] (not compiled into the app).
    fn text(&mut self, path: &str, value: &str) {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(message) = hygiene::check(value) {
            return self.issue(path, message);
        }
        if value.chars().all(is_invisible) {
            self.issue(path, "must not be empty");
        }
    }

    /// The optional plain-text fields of an article (credits, roles, attributions): when
    /// present, text fields like any other. Only the offline validator checks them (after the
    /// other fields): the app shows them as they are.
    #[cfg(not(target_arch = "wasm32"))]
    fn optional_texts(&mut self, article: &Article) {
        let mut fields = vec![("hero.credit".to_string(), &article.hero.credit)];
        for (i, a) in article.authors.iter().enumerate() {
            fields.push((format!("authors[{i}].role"), &a.role));
        }
        for (i, block) in article.body.iter().enumerate() {
            match block {
                Block::Quote { attribution, .. } => {
                    fields.push((format!("body[{i}].attribution"), attribution));
                }
                Block::Figure { figure } => {
                    fields.push((format!("body[{i}].figure.credit"), &figure.credit));
                }
                _ => {}
            }
        }
        for (path, value) in fields {
            if let Some(value) = value {
                self.text(&path, value);
            }
        }
    }

    fn slug(&mut self, path: &str, value: &str) {
        if !is_slug(value) {
            self.issue(
                path,
                format!("{value:?} is not a slug (lowercase a-z, 0-9 and single hyphens)"),
            );
        }
    }

    fn article_ref(&mut self, path: &str, slug: &str) {
        self.slug(path, slug);
        if let Some(articles) = &self.folder.articles {
            if is_slug(slug) && !articles.contains(slug) {
                self.issue(
                    path,
                    format!("{slug:?} names no article (no articles/{slug}.json)"),
                );
            }
        }
    }

    fn section_ref(&mut self, path: &str, slug: &str) {
        if let Some(sections) = &self.folder.sections {
            if !sections.contains(slug) {
                self.issue(path, format!("{slug:?} is not a section of site.json"));
            }
        }
    }

    fn file_ref(&mut self, path: &str, file: &str) {
        if !is_relative_file(file) {
            self.issue(
                path,
                format!("{file:?} must be a path relative to the content folder"),
            );
        } else if let Some(files) = &self.folder.files {
            if !files.contains(file) {
                self.issue(path, format!("{file:?} does not exist in the content folder"));
            }
        }
    }

    fn date(&mut self, path: &str, value: &str) -> Option<i64> {
        let parsed = parse_rfc3339(value);
        if parsed.is_none() {
            self.issue(
                path,
                format!("{value:?} is not an RFC 3339 date-time with offset (2026-11-02T09:30:00+03:00)"),
            );
        }
        parsed
    }

    fn href(&mut self, path: &str, href: &str) {
        if let Err(why) = check_href(href) {
            self.issue(path, format!("{href:?} is not an allowed link: {why}"));
        }
    }

    fn image(&mut self, path: &str, image: &Image) {
        match check_src(&image.src) {
            Ok(()) => {
                if let (Some(files), true) = (&self.folder.files, is_relative_file(&image.src)) {
                    if !files.contains(&image.src) {
                        self.issue(
                            &format!("{path}.src"),
                            format!("{:?} does not exist in the content folder", image.src),
                        );
                    }
                }
            }
            Err(why) => self.issue(
                &format!("{path}.src"),
                format!("{:?} is not an allowed image source: {why}", image.src),
            ),
        }
        if image.width == 0 {
            self.issue(&format!("{path}.width"), "must be a positive number of pixels");
        }
        if image.height == 0 {
            self.issue(&format!("{path}.height"), "must be a positive number of pixels");
        }
        self.text(&format!("{path}.alt"), &image.alt);
        if let Some(srcset) = &image.srcset {
            for (i, candidate) in srcset.split(',').enumerate() {
                let url = candidate.split_whitespace().next().unwrap_or("");
                if let Err(why) = check_src(url) {
                    self.issue(
                        &format!("{path}.srcset"),
                        format!(
                            "candidate {} {url:?} is not an allowed image source: {why}",
                            i + 1
                        ),
                    );
                }
            }
        }
    }

    fn figure(&mut self, path: &str, figure: &Figure) {
        self.image(&format!("{path}.image"), &figure.image);
        self.text(&format!("{path}.caption"), &figure.caption);
    }

    fn card(&mut self, path: &str, card: &Card) {
        self.article_ref(&format!("{path}.slug"), &card.slug);
        self.text(&format!("{path}.title"), &card.title);
        self.text(&format!("{path}.teaser"), &card.teaser);
        self.image(&format!("{path}.image"), &card.image);
        self.slug(&format!("{path}.category.slug"), &card.category.slug);
        self.section_ref(&format!("{path}.category.slug"), &card.category.slug);
        self.text(&format!("{path}.category.label"), &card.category.label);
        self.date(&format!("{path}.published"), &card.published);
    }
}

fn walk(folder: &Folder, f: impl FnOnce(&mut Walk)) -> Vec<Issue> {
    let mut w = Walk {
        folder,
        issues: Vec::new(),
    };
    f(&mut w);
    w.issues
}

/// Checks `site.json`. `folder` adds the rules that look across files (the logo's file).
pub fn validate_site(site: &Site, folder: &Folder) -> Vec<Issue> {
    walk(folder, |w| {
        w.text("name", &site.name);
        w.image("logo", &site.logo);
        if !(site.base_url.starts_with("https://") || site.base_url.starts_with("http://"))
            || site.base_url.len() <= "https://".len()
            || !printable_url(&site.base_url)
        {
            w.issue(
                "base_url",
                format!(
                    "{:?} must be an absolute http(s) URL, of printable ASCII without spaces, quotes or <>",
                    site.base_url
                ),
            );
        }
        if site.sections.is_empty() {
            w.issue("sections", "must list at least one section");
        }
        let mut seen = HashSet::new();
        for (i, s) in site.sections.iter().enumerate() {
            w.slug(&format!("sections[{i}].slug"), &s.slug);
            w.text(&format!("sections[{i}].label"), &s.label);
            if !seen.insert(s.slug.as_str()) {
                w.issue(
                    &format!("sections[{i}].slug"),
                    format!("{:?} is listed twice", s.slug),
                );
            }
        }
    })
}

/// Checks an article. `folder` adds the rules that look across files.
pub fn validate_article(article: &Article, folder: &Folder) -> Vec<Issue> {
    walk(folder, |w| {
        w.slug("slug", &article.slug);
        w.text("title", &article.title);
        w.text("summary", &article.summary);
        w.slug("category.slug", &article.category.slug);
        w.section_ref("category.slug", &article.category.slug);
        w.text("category.label", &article.category.label);
        let published = w.date("published", &article.published);
        if let Some(updated) = &article.updated {
            if let (Some(p), Some(u)) = (published, w.date("updated", updated)) {
                if u < p {
                    w.issue("updated", "is earlier than published");
                }
            }
        }
        for (i, a) in article.authors.iter().enumerate() {
            w.text(&format!("authors[{i}].name"), &a.name);
        }
        if let Some(m) = article.reading_minutes {
            let range = super::model::READING_MINUTES;
            if !range.contains(&m) {
                w.issue(
                    "reading_minutes",
                    format!(
                        "is {m}; a reading time is a whole number of minutes from {} to {}",
                        range.start(),
                        range.end()
                    ),
                );
            }
        }
        w.figure("hero", &article.hero);
        if article.body.is_empty() {
            w.issue("body", "must have at least one block");
        }
        for (i, block) in article.body.iter().enumerate() {
            let at = format!("body[{i}]");
            match block {
                Block::Paragraph { runs } => {
                    if runs.is_empty() {
                        w.issue(&format!("{at}.runs"), "must have at least one run");
                    }
                    for (j, run) in runs.iter().enumerate() {
                        if let Inline::Link { href, .. } = run {
                            w.href(&format!("{at}.runs[{j}].href"), href);
                        }
                    }
                }
                Block::Heading { text } => w.text(&format!("{at}.text"), text),
                Block::Quote { text, .. } => w.text(&format!("{at}.text"), text),
                Block::Figure { figure } => w.figure(&format!("{at}.figure"), figure),
                Block::SeeAlso { slug, title } => {
                    w.article_ref(&format!("{at}.slug"), slug);
                    w.text(&format!("{at}.title"), title);
                }
                Block::Unknown { .. } => {}
            }
        }
        for (i, t) in article.tags.iter().enumerate() {
            w.text(&format!("tags[{i}]"), t);
        }
        if let Some(related) = &article.related {
            w.file_ref("related", related);
        }
        #[cfg(not(target_arch = "wasm32"))]
        w.optional_texts(article);
    })
}

/// Checks one page of a feed.
pub fn validate_feed(page: &FeedPage, folder: &Folder) -> Vec<Issue> {
    walk(folder, |w| {
        if page.section != "home" {
            w.section_ref("section", &page.section);
        }
        for (i, card) in page.items.iter().enumerate() {
            w.card(&format!("items[{i}]"), card);
        }
        if let Some(next) = &page.next {
            w.file_ref("next", next);
        }
    })
}

/// Checks a related-news list.
pub fn validate_related(list: &RelatedList, folder: &Folder) -> Vec<Issue> {
    walk(folder, |w| {
        for (i, card) in list.items.iter().enumerate() {
            w.card(&format!("items[{i}]"), card);
        }
    })
}

/// True for a character that shows nothing on its own: whitespace, the zero-width space,
/// non-joiner and joiner (U+200B–U+200D), the direction marks (LRM U+200E, RLM U+200F, ALM
/// U+061C), the word joiner (U+2060) and the zero-width no-break space (U+FEFF). A text field
/// made only of these is empty.
fn is_invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{061C}')
}

/// The rules for plain-text fields that only the offline validator applies: the app renders
/// such text as text either way, and these checks would add weight to it for content the
/// validator has already refused.
#[cfg(not(target_arch = "wasm32"))]
pub mod hygiene {
    use super::is_invisible;

    pub use crate::content::limits::MAX_TEXT_CHARS;

    /// The bidi controls that open or close an embedding, an override or an isolate. In a
    /// field that is joined to other text (the document title, the share text, a card) an
    /// unclosed one reorders what follows it: `U+202E` shows `gnp.exe` for `exe.png`. The
    /// direction marks (LRM, RLM, ALM) are not here: they only give a direction to what is
    /// next to them, and Arabic text around Latin words or digits needs them.
    pub const BIDI_CONTROLS: [(char, &str); 9] = [
        ('\u{202A}', "U+202A LEFT-TO-RIGHT EMBEDDING"),
        ('\u{202B}', "U+202B RIGHT-TO-LEFT EMBEDDING"),
        ('\u{202C}', "U+202C POP DIRECTIONAL FORMATTING"),
        ('\u{202D}', "U+202D LEFT-TO-RIGHT OVERRIDE"),
        ('\u{202E}', "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ('\u{2066}', "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ('\u{2067}', "U+2067 RIGHT-TO-LEFT ISOLATE"),
        ('\u{2068}', "U+2068 FIRST STRONG ISOLATE"),
        ('\u{2069}', "U+2069 POP DIRECTIONAL ISOLATE"),
    ];

    /// The first text-hygiene rule `value` breaks, as the validator's message: a bidi control,
    /// a control character other than whitespace, more than [`MAX_TEXT_CHARS`] characters, or
    /// only invisible characters where some are not whitespace (whitespace alone is left to
    /// the plain "must not be empty").
    pub fn check(value: &str) -> Option<String> {
        for c in value.chars() {
            if let Some((_, name)) = BIDI_CONTROLS.iter().find(|(b, _)| *b == c) {
                return Some(format!(
                    "contains the bidi control {name}, which can reorder the text around it"
                ));
            }
            if let Some(name) = hidden_letter(c) {
                return Some(format!(
                    "contains {name}, an invisible character that can hide or fake text"
                ));
            }
            if c.is_control() && !c.is_whitespace() {
                return Some(format!(
                    "contains the control character U+{:04X}, which a reader cannot see",
                    u32::from(c)
                ));
            }
        }
        let length = value.chars().count();
        if length > MAX_TEXT_CHARS {
            return Some(format!(
                "is {length} characters long; a text field holds at most {MAX_TEXT_CHARS}"
            ));
        }
        if value.chars().all(is_invisible) && !value.chars().all(char::is_whitespace) {
            let first = value.chars().find(|c| !c.is_whitespace()).map_or(0, u32::from);
            return Some(format!(
                "must not be empty: it has only invisible characters (U+{first:04X} and whitespace)"
            ));
        }
        None
    }

    /// The name of `c` if it is a character that shows nothing yet is not whitespace or a
    /// joiner: the Hangul fillers (a "letter" that draws blank, used to make a name look empty
    /// or to pad a fake one), the Unicode tag characters (invisible ASCII, which can smuggle
    /// text past a reader), the Mongolian vowel separator and the Braille blank.
    pub fn hidden_letter(c: char) -> Option<String> {
        let name = match c {
            '\u{115F}' => "U+115F HANGUL CHOSEONG FILLER",
            '\u{1160}' => "U+1160 HANGUL JUNGSEONG FILLER",
            '\u{3164}' => "U+3164 HANGUL FILLER",
            '\u{FFA0}' => "U+FFA0 HALFWIDTH HANGUL FILLER",
            '\u{180E}' => "U+180E MONGOLIAN VOWEL SEPARATOR",
            '\u{2800}' => "U+2800 BRAILLE PATTERN BLANK",
            '\u{E0000}'..='\u{E007F}' => {
                return Some(format!("the tag character U+{:04X}", u32::from(c)));
            }
            _ => return None,
        };
        Some(name.to_string())
    }

    /// True if `url` holds an HTML character reference (`&#106;`, `&#x6A;`, `&colon;`). Content
    /// is JSON, not HTML: nothing decodes it (the app sets attributes from the DOM, the
    /// published pages escape `&`), so `&#106;avascript:` is a harmless relative link, but it
    /// is never what a writer meant, and only decoding stands between it and a script.
    pub fn has_char_reference(url: &str) -> bool {
        url.match_indices('&').any(|(i, _)| {
            let rest = &url[i + 1..];
            rest.starts_with('#') || {
                let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
                name > 0 && rest[name..].starts_with(';')
            }
        })
    }
}

/// Whether every character of `url` is one [`is_url_char`] allows. Only the offline validator
/// checks it: the browser sets attributes from the DOM and encodes share links, and the check
/// would add weight to the app for content the validator has refused.
#[cfg(not(target_arch = "wasm32"))]
fn printable_url(url: &str) -> bool {
    url.chars().all(is_url_char)
}

#[cfg(target_arch = "wasm32")]
fn printable_url(_url: &str) -> bool {
    true
}

/// A character a URL may hold as it is (RFC 3986's unreserved, reserved and `%`): no space,
/// control, quote, `<`, `>` or non-ASCII letter, so the site's URL can be written into a page,
/// an XML file or a line of `robots.txt` without changing it (`\n` would start a new line).
#[cfg(not(target_arch = "wasm32"))]
pub fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&()*+,;=%".contains(c)
}

/// True for `a-z0-9` words joined by single hyphens, at most
/// [`MAX_SLUG_BYTES`](super::limits::MAX_SLUG_BYTES) characters.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= super::limits::MAX_SLUG_BYTES
        && s.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A plain relative path inside the content folder: no scheme, no leading `/`, no `..`, and
/// no percent-encoded dot, slash or backslash (a server reads `%2e%2e/` as `../`). The app
/// fetches only such paths (`next`, `related`, and the paths it builds).
pub fn is_relative_file(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    !s.is_empty()
        && !s.starts_with('/')
        && !s.contains(':')
        && !s.contains('\\')
        && !["%2e", "%2f", "%5c"]
            .iter()
            .any(|encoded| lower.contains(encoded))
        && s.split('/').all(|p| !p.is_empty() && p != "." && p != "..")
}

/// The scheme of a URL, lowercased, as a browser would read it (`None` for a relative URL).
pub(crate) fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let head = &url[..colon];
    // A `/`, `?` or `#` before the colon makes it a relative path, not a scheme.
    if head.contains(['/', '?', '#']) {
        return None;
    }
    Some(head.to_ascii_lowercase())
}

/// Refuses control characters and whitespace that browsers strip when reading a scheme
/// (`java\tscript:` is `javascript:` to them).
fn check_chars(url: &str) -> Result<(), &'static str> {
    if url.chars().any(|c| c.is_control() || c == ' ' || c == '\u{a0}') {
        return Err("it contains spaces or control characters");
    }
    #[cfg(not(target_arch = "wasm32"))]
    if hygiene::has_char_reference(url) {
        return Err("it contains an HTML character reference (&#…; or &name;), which nothing decodes");
    }
    Ok(())
}

/// A link in article text: `http`, `https`, `mailto` or relative. Everything else
/// (`javascript:`, `data:`, `vbscript:`, `file:` …) is refused.
pub fn check_href(href: &str) -> Result<(), &'static str> {
    if href.is_empty() {
        return Err("it is empty");
    }
    check_chars(href)?;
    match scheme(href).as_deref() {
        None | Some("http" | "https" | "mailto") => Ok(()),
        Some(_) => Err("only http, https, mailto and relative links are allowed"),
    }
}

/// An image source: `http`, `https` or relative.
pub fn check_src(src: &str) -> Result<(), &'static str> {
    if src.is_empty() {
        return Err("it is empty");
    }
    check_chars(src)?;
    match scheme(src).as_deref() {
        None | Some("http" | "https") => Ok(()),
        Some(_) => Err("only http, https and relative image URLs are allowed"),
    }
}

/// Parses an RFC 3339 date-time with offset (`2026-11-02T09:30:00+03:00`, `…Z`, optional
/// fraction) into seconds since the Unix epoch; `None` if it is not one or names no real day.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &frac[digits..];
    }
    let offset = match rest.as_bytes() {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let d = |i: usize| i64::from(digits[i] - b'0');
            let (oh, om) = (d(0) * 10 + d(1), d(2) * 10 + d(3));
            if oh > 23 || om > 59 {
                return None;
            }
            let minutes = oh * 60 + om;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset * 60)
}

/// The civil date (year, month 1–12, day 1–31) of a count of days since 1970-01-01 (Howard
/// Hinnant's algorithm, the inverse of the one in `parse_rfc3339`).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_paths_stay_in_the_content_folder_even_percent_encoded() {
        assert!(is_relative_file("related/a.json"));
        assert!(is_relative_file("feeds/home/2.json"));
        for path in [
            "../site.json",
            "related/../../x.json",
            "%2e%2e/x.json",
            "related/%2E%2e/x.json",
            "related%2f..%2fx.json",
            "a%5c..%5cx.json",
            "/content/x.json",
            "https://evil.example/x.json",
            "",
        ] {
            assert!(!is_relative_file(path), "{path}");
        }
    }

    #[test]
    fn a_host_s_link_pattern_passes_the_link_rule_however_a_script_is_written() {
        // What an embed checks its link patterns, content base and stylesheet with (embed.rs).
        assert_eq!(check_href("https://news.example/{slug}"), Ok(()));
        assert_eq!(check_href("/news/{slug}.html"), Ok(()));
        for pattern in [
            "javascript:alert(document.domain)//{slug}",
            "JavaScript:alert(1)//{slug}",
            " javascript:alert(1)//{slug}",
            "\tjavascript:alert(1)//{slug}",
            "java\tscript:alert(1)//{slug}",
            "java\nscript:alert(1)//{slug}",
            "data:text/html,{slug}",
            "vbscript:msgbox//{slug}",
            "blob:https://x/{slug}",
        ] {
            assert!(check_href(pattern).is_err(), "{pattern}");
        }
    }

    #[test]
    fn rfc3339_accepts_offsets_and_fractions() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("1970-01-01T03:00:00+03:00"), Some(0));
        assert_eq!(
            parse_rfc3339("2026-11-02T09:30:00.250+03:00"),
            parse_rfc3339("2026-11-02T06:30:00Z")
        );
        assert_eq!(parse_rfc3339("2024-02-29T12:00:00-05:30"), Some(1_709_227_800));
    }

    #[test]
    fn rfc3339_refuses_what_is_not_a_real_instant() {
        for bad in [
            "",
            "2026-11-02",
            "2026-11-02T09:30:00",       // no offset
            "2026-11-02 09:30:00+03:00", // space separator
            "2026-02-30T09:30:00Z",      // no such day
            "2025-02-29T09:30:00Z",      // not a leap year
            "2026-13-01T09:30:00Z",
            "2026-11-02T24:00:00Z",
            "2026-11-02T09:30:00+3:00",
            "2026-11-02T09:30:00.+03:00",
            "٢٠٢٦-11-02T09:30:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn slugs() {
        assert!(is_slug("gulf-rail-2026"));
        for bad in ["", "Gulf", "a--b", "-a", "a-", "a_b", "خبر", "a/b"] {
            assert!(!is_slug(bad), "{bad:?}");
        }
    }

    #[test]
    fn links_only_http_mailto_or_relative() {
        for ok in [
            "https://example.org/x?a=1#b",
            "http://e.org",
            "mailto:a@b.c",
            "/article/x",
            "x/y",
            "#top",
            "?q=1",
            "/a:b",
        ] {
            assert_eq!(check_href(ok), Ok(()), "{ok:?}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\tscript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "",
        ] {
            assert!(check_href(bad).is_err(), "{bad:?}");
        }
        assert!(check_src("data:image/png;base64,AAAA").is_err());
        assert!(check_src("mailto:a@b.c").is_err());
        assert_eq!(check_src("images/a.svg"), Ok(()));
    }
}
