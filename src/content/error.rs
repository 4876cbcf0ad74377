//! The one error type of the content layer: a precise message (URL, status, JSON path) for
//! the developer console; `locale::error_message` gives the reader's Arabic sentence.

use super::validate::Issue;

/// Why a piece of content could not be shown.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    /// The request never got an answer (offline, DNS, refused, CORS, connection reset).
    #[error("network error fetching {url}: {detail}")]
    Network { url: String, detail: String },
    /// No answer within the time limit; the request was aborted.
    #[error("timed out after {after_ms} ms fetching {url}")]
    Timeout { url: String, after_ms: u32 },
    /// The server answered with a status other than 2xx.
    #[error("HTTP {status} fetching {url}")]
    Status { url: String, status: u16 },
    /// The body is larger than [`super::limits::MAX_FILE_BYTES`]; it is not parsed. `bytes` is
    /// the length its server declared, or, where it declared none, what had come when the
    /// download was stopped.
    #[error("{url} is {bytes} bytes, over the 5 MB limit")]
    TooLarge { url: String, bytes: usize },
    /// The body is not JSON at all.
    #[error("{url} is not JSON: {detail}")]
    NotJson { url: String, detail: String },
    /// The JSON does not have the expected shape; `path` is where it differs.
    #[error("{url}: {path}: {detail}")]
    Shape {
        url: String,
        path: String,
        detail: String,
    },
    /// Well-formed content that breaks a rule (empty title, zero image size, bad date …).
    #[error("{url}: {}", join_issues(.issues))]
    Invalid { url: String, issues: Vec<Issue> },
    /// The view that asked went away; never shown to a reader.
    #[error("request for {url} was aborted")]
    Aborted { url: String },
}

fn join_issues(issues: &[Issue]) -> String {
    issues.iter().map(Issue::to_string).collect::<Vec<_>>().join("; ")
}

impl ContentError {
    /// A short machine name of the kind, for CSS hooks and tests (`data-error-kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Network { .. } => "network",
            Self::Timeout { .. } => "timeout",
            Self::Status { .. } => "status",
            Self::TooLarge { .. } => "too-large",
            Self::NotJson { .. } => "not-json",
            Self::Shape { .. } => "shape",
            Self::Invalid { .. } => "invalid",
            Self::Aborted { .. } => "aborted",
        }
    }

    /// True for a missing resource (404/410): the page shows "not found" rather than an error.
    pub fn is_not_found(&self) -> bool {
        matches!(
            self,
            Self::Status {
                status: 404 | 410,
                ..
            }
        )
    }

    /// True where trying again may help: network, timeout, server errors, and a body that is
    /// not JSON at all (cut short on the way, or a proxy's or captive portal's HTML page in its
    /// place). Content whose JSON is whole but wrong stays wrong.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Network { .. } | Self::Timeout { .. } | Self::Aborted { .. } | Self::NotJson { .. } => true,
            Self::Status { status, .. } => *status >= 500 || *status == 408 || *status == 429,
            Self::TooLarge { .. } | Self::Shape { .. } | Self::Invalid { .. } => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn console_message_is_precise() {
        let e = ContentError::Shape {
            url: "/content/articles/a.json".into(),
            path: "body[3].runs[1]".into(),
            detail: "missing field `text`".into(),
        };
        assert_eq!(
            e.to_string(),
            "/content/articles/a.json: body[3].runs[1]: missing field `text`"
        );
        let invalid = ContentError::Invalid {
            url: "u".into(),
            issues: vec![
                Issue {
                    path: "title".into(),
                    message: "must not be empty".into(),
                },
                Issue {
                    path: "hero.image.width".into(),
                    message: "must be a positive number of pixels".into(),
                },
            ],
        };
        assert_eq!(
            invalid.to_string(),
            "u: title: must not be empty; hero.image.width: must be a positive number of pixels"
        );
    }

    #[test]
    fn not_found_and_retry() {
        let s = |status| ContentError::Status {
            url: "u".into(),
            status,
        };
        assert!(s(404).is_not_found() && !s(404).is_retryable());
        assert!(!s(500).is_not_found() && s(500).is_retryable());
        assert!(s(429).is_retryable());
        let not_json = ContentError::NotJson {
            url: "u".into(),
            detail: "unexpected end of input".into(),
        };
        assert!(
            not_json.is_retryable(),
            "a truncated body may come whole next time"
        );
        let shape = ContentError::Shape {
            url: "u".into(),
            path: "title".into(),
            detail: "missing field `title`".into(),
        };
        assert!(!shape.is_retryable());
    }
}
