//! The rule for a strong secret: why a `SECRET_KEY` is weak, said by its
//! length and shape only, never its value.

const MIN_LENGTH: usize = 50;
const MIN_DISTINCT: usize = 5;
/// The longest sequence whose repetition makes a key weak.
const MAX_PERIOD: usize = 8;

/// Values that make a secret a placeholder wherever they appear in it,
/// ignoring case.
const PLACEHOLDERS: [&str; 18] = [
    "changeme",
    "change-me",
    "change_me",
    "changethis",
    "change-this",
    "change_this",
    "your-secret",
    "your_secret",
    "yoursecret",
    "secret-key-here",
    "placeholder",
    "replace-me",
    "replace_me",
    "replaceme",
    "insecure",
    "not-a-secret",
    "example",
    "dummy",
];

/// Why `secret` is weak, or `None` when it is strong.
pub(crate) fn weakness(secret: &str) -> Option<String> {
    let chars: Vec<char> = secret.chars().collect();
    let length = chars.len();
    if secret.starts_with("django-insecure-") {
        return Some(format!(
            "starts with Django's `django-insecure-` development prefix ({length} characters)"
        ));
    }
    let lower = secret.to_lowercase();
    if PLACEHOLDERS.iter().any(|p| lower.contains(p)) {
        return Some(format!("is a placeholder value ({length} characters)"));
    }
    if length < MIN_LENGTH {
        return Some(format!("is too short ({length} characters; at least {MIN_LENGTH})"));
    }
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < MIN_DISTINCT {
        return Some(format!(
            "has only {} distinct characters ({length} characters; at least {MIN_DISTINCT} distinct)",
            distinct.len()
        ));
    }
    if let Some(period) = (1..=MAX_PERIOD).find(|&p| (p..length).all(|i| chars[i] == chars[i - p]))
    {
        return Some(format!("repeats a sequence of {period} characters ({length} characters)"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7b52";

    #[test]
    fn weak_and_strong_keys() {
        let weak = [
            "django-insecure-3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f",
            "short",
            &"secret".repeat(10),
            &"12345".repeat(12),
            &"abcdefgh".repeat(7),
            &"ab".repeat(40),
            &format!("{HEX}CHANGEME"),
            &format!("ü{HEX}Ünicode-Placeholder"),
        ];
        for key in weak {
            assert!(weakness(key).is_some(), "{key}");
        }
        for strong in [HEX, &format!("ü{HEX}Ünicode"), &"abcdefghi".repeat(6)] {
            assert_eq!(weakness(strong), None, "{strong}");
        }
    }

    #[test]
    fn every_placeholder_is_found_anywhere_in_any_case() {
        for placeholder in PLACEHOLDERS {
            for text in
                [format!("{placeholder}{HEX}"), format!("{HEX}{}{HEX}", placeholder.to_uppercase())]
            {
                assert!(weakness(&text).unwrap().contains("placeholder"), "{text}");
            }
        }
    }

    #[test]
    fn the_text_never_holds_the_key() {
        for key in ["short-S3CRET", &"S3CRET".repeat(10)] {
            assert!(!weakness(key).unwrap().contains("S3CRET"));
        }
    }
}
