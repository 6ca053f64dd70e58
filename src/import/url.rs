//! URLs in imported data: telling them from other text, cleaning them, and naming an outlet
//! after one.
//!
//! On a platform that hosts many publishers the host says nothing about who published: every
//! Telegram channel is `t.me`, so two channels citing an event would count as one origin. There
//! the outlet is the channel or account in the URL's path (`t.me/rian_ru`, `@account` on X,
//! `youtube.com/@handle`), lowercased as the platforms ignore case; a URL that names no account
//! (`youtube.com/watch?v=...`) falls back to the host.

/// True for text that is a link (`scheme://...`), not prose or markup.
pub fn is_url(text: &str) -> bool {
    text.contains("://") && !text.contains(char::is_whitespace) && !text.starts_with('<')
}

/// The URL inside quotes, brackets or punctuation that came with it from prose ("“https://x/”,"):
/// leading quotes and openers, trailing quotes and sentence punctuation, and a closing bracket
/// only when the URL has no opening one (`.../Foo_(bar)` keeps its own).
pub fn clean(text: &str) -> &str {
    const OPENERS: &[char] = &['"', '\'', '“', '”', '‘', '’', '«', '»', '„', '<', '(', '['];
    const CLOSERS: &[char] = &[
        '"', '\'', '“', '”', '‘', '’', '«', '»', '>', ',', '.', ';', ':', '!', '?',
    ];
    let mut url = text.trim().trim_start_matches(OPENERS);
    loop {
        let trimmed = url.trim_end_matches(CLOSERS);
        let unbalanced = |open: char, close: char| {
            trimmed.ends_with(close) && trimmed.matches(open).count() < trimmed.matches(close).count()
        };
        let trimmed = if unbalanced('(', ')') || unbalanced('[', ']') {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            return url;
        }
        url = trimmed;
    }
}

/// Each URL in free text (a credit naming several), cleaned, in order.
pub fn urls_in(text: &str) -> Vec<&str> {
    text.split_whitespace().map(clean).filter(|w| is_url(w)).collect()
}

/// The outlet a URL names: the channel or account on a platform of many publishers, else the
/// host without `www.`; `None` for text that is not a URL.
pub fn outlet(url: &str) -> Option<String> {
    account(url).or_else(|| host(url))
}

/// The channel or account a URL names on a platform of many publishers; `None` elsewhere.
pub fn account(url: &str) -> Option<String> {
    let url = clean(url);
    on_platform(&host(url)?, url)
}

/// The host, lowercased, without `www.`, `m.` or `mobile.`; `None` for text that is not a URL.
fn host(url: &str) -> Option<String> {
    let url = clean(url);
    let host = crate::url::host(url).to_lowercase();
    let host = ["www.", "m.", "mobile."]
        .iter()
        .fold(host.as_str(), |h, p| h.strip_prefix(p).unwrap_or(h));
    (url.contains("://") && !host.is_empty()).then(|| host.to_string())
}

/// The channel or account a platform URL names, in the form the platform shows it.
fn on_platform(host: &str, url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("", |i| &rest[i + 1..]);
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase)
        .collect();
    let first = segments.first()?.as_str();
    let second = segments.get(1).map(String::as_str);
    let not = |reserved: &[&str]| !reserved.contains(&first) && !first.contains(".php");
    match host {
        "t.me" | "telegram.me" => match (first, second) {
            ("s", Some(name)) => Some(format!("t.me/{name}")),
            ("c", Some(id)) => Some(format!("t.me/c/{id}")),
            ("joinchat" | "addstickers" | "share", _) => None,
            (name, _) => Some(format!("t.me/{name}")),
        },
        "twitter.com" | "x.com" => {
            not(&["i", "intent", "search", "hashtag", "home", "share", "explore"]).then(|| format!("@{first}"))
        }
        "youtube.com" => match (first, second) {
            (handle, _) if handle.starts_with('@') => Some(format!("youtube.com/{handle}")),
            ("channel" | "c" | "user", Some(name)) => Some(format!("youtube.com/{first}/{name}")),
            _ => None,
        },
        "tiktok.com" => first.starts_with('@').then(|| format!("tiktok.com/{first}")),
        "facebook.com" | "fb.com" => match (first, second) {
            ("groups", Some(name)) => Some(format!("facebook.com/groups/{name}")),
            _ => not(&["watch", "story", "photo", "video", "share", "events", "reel", "groups"])
                .then(|| format!("facebook.com/{first}")),
        },
        "instagram.com" => match (first, second) {
            ("stories", Some(name)) => Some(format!("instagram.com/{name}")),
            _ => not(&["p", "reel", "reels", "tv", "explore", "stories"]).then(|| format!("instagram.com/{first}")),
        },
        "vk.com" => (!["wall", "video", "photo", "clip", "feed", "away"]
            .iter()
            .any(|p| first.starts_with(p)))
        .then(|| format!("vk.com/{first}")),
        "rumble.com" => match (first, second) {
            ("c" | "user", Some(name)) => Some(format!("rumble.com/{first}/{name}")),
            _ => None,
        },
        "threads.net" | "threads.com" => first.starts_with('@').then(|| format!("threads.net/{first}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_urls() {
        assert_eq!(outlet("https://www.example.org/a?b").as_deref(), Some("example.org"));
        assert_eq!(outlet("https://t.me").as_deref(), Some("t.me"));
        assert_eq!(outlet("HIDDEN"), None);
        assert!(is_url("https://youtu.be/x"));
        assert!(!is_url("<blockquote>https://x</blockquote>"));
        assert!(!is_url("/static/img.jpg"));
    }

    #[test]
    fn a_platform_url_names_its_channel_or_account() {
        let cases = [
            ("https://t.me/rian_ru/12345", "t.me/rian_ru"),
            ("https://t.me/s/Rian_Ru/12345", "t.me/rian_ru"),
            ("https://telegram.me/rian_ru", "t.me/rian_ru"),
            ("https://t.me/c/1234567/89", "t.me/c/1234567"),
            ("https://twitter.com/Account/status/1", "@account"),
            ("https://x.com/account/status/1?s=20", "@account"),
            ("https://mobile.twitter.com/account", "@account"),
            ("https://x.com/i/web/status/1", "x.com"),
            ("https://www.youtube.com/@Handle/videos", "youtube.com/@handle"),
            ("https://youtube.com/channel/UC123", "youtube.com/channel/uc123"),
            ("https://www.youtube.com/watch?v=abc", "youtube.com"),
            ("https://www.tiktok.com/@name/video/1", "tiktok.com/@name"),
            ("https://www.facebook.com/SomePage/posts/1", "facebook.com/somepage"),
            ("https://m.facebook.com/story.php?id=1", "facebook.com"),
            (
                "https://www.facebook.com/groups/helpers/posts/1",
                "facebook.com/groups/helpers",
            ),
            ("https://www.instagram.com/someone/", "instagram.com/someone"),
            ("https://www.instagram.com/p/Cx1/", "instagram.com"),
            ("https://vk.com/club123", "vk.com/club123"),
            ("https://vk.com/wall-1_2", "vk.com"),
            ("https://www.reuters.com/world/a", "reuters.com"),
        ];
        for (url, want) in cases {
            assert_eq!(outlet(url).as_deref(), Some(want), "{url}");
        }
        assert_ne!(outlet("https://t.me/rian_ru/1"), outlet("https://t.me/other/2"));
    }

    #[test]
    fn quotes_and_punctuation_around_a_url_are_trimmed() {
        assert_eq!(clean("“https://t.me/a/1”"), "https://t.me/a/1");
        assert_eq!(clean("\"https://x.org/a\","), "https://x.org/a");
        assert_eq!(clean("(https://x.org/a)."), "https://x.org/a");
        assert_eq!(
            clean("https://en.wikipedia.org/wiki/Foo_(bar)"),
            "https://en.wikipedia.org/wiki/Foo_(bar)"
        );
        assert_eq!(clean("<https://x.org/a>"), "https://x.org/a");
        assert_eq!(
            urls_in("Photos: https://a.org/1, “https://t.me/b/2” and more"),
            ["https://a.org/1", "https://t.me/b/2"]
        );
    }
}
