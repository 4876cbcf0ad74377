//! Share URLs for each provider, percent-encoded exactly (UTF-8, as `encodeURIComponent`).

use crate::content::ShareProvider;

/// What is shared: the article's canonical URL, its title and its lede.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shared {
    pub url: String,
    pub title: String,
    pub text: String,
}

/// `s` percent-encoded like JavaScript's `encodeURIComponent`: every byte of its UTF-8 form
/// except `A-Z a-z 0-9 - _ . ! ~ * ' ( )` becomes `%XX`. Spaces are `%20`, never `+`.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The link that shares `shared` through `provider`; `None` for the controls that are not
/// links (native share sheet, copy link).
pub fn share_link(provider: ShareProvider, shared: &Shared) -> Option<String> {
    let (url, title) = (encode(&shared.url), encode(&shared.title));
    Some(match provider {
        ShareProvider::Whatsapp => format!(
            "https://wa.me/?text={}",
            encode(&format!("{} {}", shared.title, shared.url))
        ),
        ShareProvider::Telegram => format!("https://t.me/share/url?url={url}&text={title}"),
        ShareProvider::Facebook => format!("https://www.facebook.com/sharer/sharer.php?u={url}"),
        ShareProvider::X => format!("https://x.com/intent/post?url={url}&text={title}"),
        ShareProvider::Linkedin => format!("https://www.linkedin.com/sharing/share-offsite/?url={url}"),
        ShareProvider::Email => format!(
            "mailto:?subject={title}&body={}",
            encode(&format!("{}\n\n{}", shared.text, shared.url))
        ),
        ShareProvider::Native | ShareProvider::CopyLink | ShareProvider::Unknown => return None,
    })
}

/// The CSS modifier and icon name of a control: its key in `site.json`, with `-` for `_`.
pub fn name(provider: ShareProvider) -> String {
    provider.key().replace('_', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `%XX` sequences (the test's own decoder, independent of `encode`).
    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap(), 16).unwrap());
                i += 3;
            } else {
                assert!(bytes[i] != b'+', "a + would read as a space");
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    /// The query parameters of a URL, decoded.
    fn params(link: &str) -> Vec<(String, String)> {
        let query = link.split_once('?').unwrap().1;
        assert!(!query.contains('#'), "a raw # would cut the link: {link}");
        query
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_string(), decode(v))
            })
            .collect()
    }

    const HOSTILE: &str = "«عاجل»: 95% & 5% #وسم? a+b=c \"اقتباس\" 'مفرد'\nسطر ثانٍ 🇸🇦🎉 100٪ / \\ < > %20";

    fn shared() -> Shared {
        Shared {
            url: "https://khabar.example/article/gulf-rail-2026?ref=a&b=c#top".into(),
            title: HOSTILE.into(),
            text: format!("الملخص: {HOSTILE}"),
        }
    }

    #[test]
    fn encode_matches_encode_uri_component() {
        assert_eq!(encode("a b&c#d?e+f"), "a%20b%26c%23d%3Fe%2Bf");
        assert_eq!(encode("خبر"), "%D8%AE%D8%A8%D8%B1");
        assert_eq!(encode("-_.!~*'()"), "-_.!~*'()");
        assert_eq!(encode("🎉\n\""), "%F0%9F%8E%89%0A%22");
    }

    #[test]
    fn every_link_carries_the_exact_url_and_title() {
        let s = shared();
        let get = |p| params(&share_link(p, &s).unwrap());
        assert_eq!(get(ShareProvider::Facebook), vec![("u".into(), s.url.clone())]);
        assert_eq!(get(ShareProvider::Linkedin), vec![("url".into(), s.url.clone())]);
        assert_eq!(
            get(ShareProvider::X),
            vec![("url".into(), s.url.clone()), ("text".into(), s.title.clone())]
        );
        assert_eq!(
            get(ShareProvider::Telegram),
            vec![("url".into(), s.url.clone()), ("text".into(), s.title.clone())]
        );
        assert_eq!(
            get(ShareProvider::Whatsapp),
            vec![("text".into(), format!("{} {}", s.title, s.url))]
        );
        assert_eq!(
            get(ShareProvider::Email),
            vec![
                ("subject".into(), s.title.clone()),
                ("body".into(), format!("{}\n\n{}", s.text, s.url))
            ]
        );
    }

    #[test]
    fn links_start_with_the_providers_share_endpoints() {
        let s = shared();
        let link = |p| share_link(p, &s).unwrap();
        assert!(link(ShareProvider::Facebook).starts_with("https://www.facebook.com/sharer/sharer.php?u="));
        assert!(link(ShareProvider::X).starts_with("https://x.com/intent/post?url="));
        assert!(
            link(ShareProvider::Linkedin).starts_with("https://www.linkedin.com/sharing/share-offsite/?url=")
        );
        assert!(link(ShareProvider::Email).starts_with("mailto:?subject="));
        assert!(link(ShareProvider::Whatsapp).starts_with("https://wa.me/?text="));
        assert!(link(ShareProvider::Telegram).starts_with("https://t.me/share/url?url="));
        assert_eq!(share_link(ShareProvider::Native, &s), None);
        assert_eq!(share_link(ShareProvider::CopyLink, &s), None);
    }
}
