//! URLs from timeline files: which ones tlx will open or link, and the host to show beside them.

/// True for http and https URLs without control characters: the only ones tlx hands to a browser
/// or writes as a link, so a `javascript:` URL in a file stays inert text.
pub fn is_web(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && !url.chars().any(char::is_control)
}

/// The host of a URL, shown so look-alike domains can be noticed.
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_are_links() {
        assert!(is_web("https://example.org/a"));
        assert!(is_web("HTTP://example.org"));
        assert!(!is_web("javascript:alert(1)"));
        assert!(!is_web("example.org"));
    }
}
