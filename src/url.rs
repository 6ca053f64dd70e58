//! URLs from timeline files: which ones tlx will open or link, and the host to show beside them.

use std::fmt::Write as _;

/// True for http and https URLs with nothing hidden in them (see [`crate::text::is_hidden`]): the
/// only ones tlx writes as a link, so a `javascript:` or `file:` URL in a file stays inert text.
pub fn is_web(url: &str) -> bool {
    web_scheme(url.trim_start()).is_some() && !url.chars().any(crate::text::is_hidden)
}

/// The web scheme (`https://` or `http://`, in any case) that `text` starts with, as written
/// here in lower case.
pub fn web_scheme(text: &str) -> Option<&'static str> {
    let start = |len: usize| text.as_bytes().get(..len);
    ["https://", "http://"]
        .into_iter()
        .find(|s| start(s.len()).is_some_and(|b| b.eq_ignore_ascii_case(s.as_bytes())))
}

/// True for the web links ([`is_web`]) tlx hands to a browser: with no whitespace either, which a
/// browser would drop or encode, opening something other than the link read. (Exports
/// percent-encode a space, so they link such URLs as written.)
pub fn is_openable(url: &str) -> bool {
    is_web(url) && !url.chars().any(char::is_whitespace)
}

/// What tlx writes beside a URL as read from the file: its host when it would open it
/// ([`is_openable`]), else that it is not a web link, so `javascript:` is never labelled a host.
pub fn note(url: &str) -> String {
    match is_openable(url) {
        true => format!("host: {}", host_note(url)),
        false => "not a web link".to_string(),
    }
}

/// The host of a URL as a browser reads it: after the scheme and any `user:password@` (which
/// `https://bank.com@evil.example/` uses to look like `bank.com`), up to the port or the path.
/// Browsers end the host at a backslash too.
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = &rest[..rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len())];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    match host.rsplit_once(':') {
        // An IPv6 address keeps its colons inside brackets.
        Some((h, port)) if !port.contains(']') => h,
        _ => host,
    }
}

/// The host, and, when it has letters outside ASCII, which ones: `аpple.com` with a Cyrillic `а`
/// looks like `apple.com`, so the note names `а U+0430`.
pub fn host_note(url: &str) -> String {
    let host = host(url);
    let mut note = host.to_string();
    let mut foreign: Vec<char> = Vec::new();
    for c in host.chars().filter(|c| !c.is_ascii()) {
        if !foreign.contains(&c) {
            foreign.push(c);
        }
    }
    if !foreign.is_empty() {
        note += " (not ASCII:";
        for c in foreign.iter().take(4) {
            // Each letter stands alone here, so an accent gets a base to sit on.
            let _ = write!(note, " {} U+{:04X}", crate::text::line(&c.to_string()), *c as u32);
        }
        if foreign.len() > 4 {
            note += " …";
        }
        note += ")";
    }
    note
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_are_links() {
        assert!(is_web("https://example.org/a"));
        assert!(is_web("HTTP://example.org"));
        assert!(!is_web("javascript:alert(1)"));
        assert!(!is_web("file:///etc/passwd"));
        assert!(!is_web("example.org"));
        assert!(!is_web("https://example.org/\u{1b}[2J"));
        assert!(!is_web("https://exa\u{202e}mple.org"));
        assert!(!is_web("http:/example.org") && !is_web("https:") && !is_web("httpx://e.org"));
        assert_eq!(web_scheme("HtTpS://e.org"), Some("https://"));
        assert_eq!(web_scheme("Http://e.org"), Some("http://"));
        assert!(is_openable("https://example.org/a"));
        for spaced in [
            " https://example.org",
            "https://example.org/a b",
            "https://example.org/\n",
            "https://e.org/\u{a0}",
        ] {
            assert!(!is_openable(spaced), "{spaced:?}");
        }
    }

    #[test]
    fn only_web_links_are_labelled_with_a_host() {
        assert_eq!(note("https://example.org/a"), "host: example.org");
        assert_eq!(note("javascript:alert(1)"), "not a web link");
        assert_eq!(note("https://example.org/\u{202e}gnp.exe"), "not a web link");
    }

    #[test]
    fn the_host_is_the_one_a_browser_would_visit() {
        assert_eq!(host("https://example.org/a?b#c"), "example.org");
        assert_eq!(host("https://bank.com@evil.example/login"), "evil.example");
        assert_eq!(host("https://user:pw@evil.example:8443/"), "evil.example");
        assert_eq!(host("https://evil.example\\@bank.com/"), "evil.example");
        assert_eq!(host("http://[::1]:8080/x"), "[::1]");
        assert_eq!(host("https://[2001:db8::1]/"), "[2001:db8::1]");
    }

    #[test]
    fn look_alike_letters_are_named() {
        assert_eq!(host_note("https://apple.com/"), "apple.com");
        assert_eq!(
            host_note("https://\u{430}pple.com/"),
            "\u{430}pple.com (not ASCII: \u{430} U+0430)"
        );
        assert_eq!(
            host_note("https://e\u{301}.fr"),
            "e\u{301}.fr (not ASCII: ◌\u{301} U+0301)"
        );
    }
}
