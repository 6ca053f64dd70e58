//! URLs in imported data: telling them from other text, and naming an outlet after one.

/// True for text that is a link (`scheme://...`), not prose or markup.
pub fn is_url(text: &str) -> bool {
    text.contains("://") && !text.contains(char::is_whitespace) && !text.starts_with('<')
}

/// A URL's host without `www.`, as a stand-in outlet when nothing else names the source.
pub fn host(url: &str) -> Option<String> {
    let host = crate::url::host(url).trim_start_matches("www.");
    (url.contains("://") && !host.is_empty()).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_urls() {
        assert_eq!(host("https://www.example.org/a?b").as_deref(), Some("example.org"));
        assert_eq!(host("https://t.me").as_deref(), Some("t.me"));
        assert_eq!(host("HIDDEN"), None);
        assert!(is_url("https://youtu.be/x"));
        assert!(!is_url("<blockquote>https://x</blockquote>"));
        assert!(!is_url("/static/img.jpg"));
    }
}
