//! People who asked not to be published: finding their names (and links that name them) in text
//! so that no exported file carries them. Pure; the export decides what to leave out and runs
//! every text it publishes through [`Privacy::redact`].
//!
//! A name is matched case-insensitively as whole words, with the words joined by spaces, `-`,
//! `.`, `_`, Markdown emphasis or nothing ("Jane Doe", "jane.doe", "JaneDoe", "*Jane* Doe"), so
//! handles and addresses built from the name are caught too. An address (http, https, www.)
//! that holds the name, or is the person's own link, is removed whole rather than edited into
//! a link to someone else.

use crate::catalog::Person;

/// What replaces a private person's name.
pub const SOMEONE: &str = "someone";
/// What replaces an address that names a private person.
pub const LINK_REMOVED: &str = "(link removed)";

/// Characters that may join the words of a name in text; at most [`MAX_JOIN`] of them.
fn joins(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '.' | '_' | '*' | '~' | '`' | '\'' | '\u{2019}')
}
const MAX_JOIN: usize = 3;

/// The private people of a trip, ready to be looked for.
#[derive(Debug, Clone, Default)]
pub struct Privacy {
    people: Vec<Private>,
}

#[derive(Debug, Clone)]
struct Private {
    /// The name's words, folded (lowercase), letters and digits only.
    words: Vec<Vec<char>>,
    /// Their profile link, normalised (see [`normal_link`]).
    link: Option<String>,
}

impl Privacy {
    /// From the trip's people; only those marked private count.
    pub fn new<'a>(people: impl IntoIterator<Item = &'a Person>) -> Privacy {
        let people = people
            .into_iter()
            .filter(|p| p.private)
            .filter_map(|p| {
                let words: Vec<Vec<char>> = p
                    .name
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(|w| w.chars().map(fold).collect())
                    .collect();
                let link = p.link.as_deref().map(normal_link).filter(|l| !l.is_empty());
                (!words.is_empty() || link.is_some()).then_some(Private { words, link })
            })
            .collect();
        Privacy { people }
    }

    /// Whether there is anyone to look for.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// How many private people there are.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// Whether `text` names a private person (or is or holds an address that does).
    pub fn names(&self, text: &str) -> bool {
        !self.is_empty() && (self.first_name_match(&chars(text), 0).is_some() || self.url_in(text))
    }

    /// Whether an address names a private person: their own link, or an address holding their
    /// name ("https://x.example/jane-doe").
    pub fn names_url(&self, url: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let normal = normal_link(url);
        self.people.iter().any(|p| {
            p.link
                .as_deref()
                .is_some_and(|l| normal == l || normal.starts_with(&format!("{l}/")))
        }) || self.first_name_match(&chars(url), 0).is_some()
    }

    /// The text with every address that names a private person replaced by
    /// [`LINK_REMOVED`] and every private name by [`SOMEONE`].
    pub fn redact(&self, text: &str) -> String {
        if self.is_empty() {
            return text.to_owned();
        }
        let without_links = self.redact_links(text);
        let cs = chars(&without_links);
        let mut out = String::with_capacity(without_links.len());
        let mut at = 0;
        while at < cs.len() {
            match self.first_name_match(&cs, at) {
                Some((start, end)) => {
                    out.extend(cs[at..start].iter().map(|(c, _)| c));
                    out.push_str(SOMEONE);
                    at = end;
                }
                None => {
                    out.extend(cs[at..].iter().map(|(c, _)| c));
                    break;
                }
            }
        }
        out
    }

    fn url_in(&self, text: &str) -> bool {
        urls(text).any(|(start, end)| self.names_url(&text[start..end]))
    }

    fn redact_links(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (start, end) in urls(text) {
            if self.names_url(&text[start..end]) {
                out.push_str(&text[at..start]);
                out.push_str(LINK_REMOVED);
                at = end;
            }
        }
        out.push_str(&text[at..]);
        out
    }

    /// The earliest match of any private name at or after `from`: (start, end) in `cs`.
    fn first_name_match(&self, cs: &[(char, char)], from: usize) -> Option<(usize, usize)> {
        (from..cs.len())
            .filter(|&i| i == 0 || !cs[i - 1].1.is_alphanumeric())
            .find_map(|start| {
                self.people
                    .iter()
                    .filter(|p| !p.words.is_empty())
                    .filter_map(|p| match_at(cs, start, &p.words))
                    .max()
                    .map(|end| (start, end))
            })
    }
}

/// The end of `words` matched at `start` as whole words, or `None`.
fn match_at(cs: &[(char, char)], start: usize, words: &[Vec<char>]) -> Option<usize> {
    let mut at = start;
    for (n, word) in words.iter().enumerate() {
        if n > 0 {
            let mut joined = 0;
            while joined < MAX_JOIN && at < cs.len() && joins(cs[at].0) {
                at += 1;
                joined += 1;
            }
        }
        let end = at + word.len();
        if end > cs.len() || cs[at..end].iter().map(|(_, f)| *f).ne(word.iter().copied()) {
            return None;
        }
        at = end;
    }
    let whole = cs.get(at).is_none_or(|(_, f)| !f.is_alphanumeric());
    whole.then_some(at)
}

/// Each char with its folded (lowercase) form; a char whose lowercase is several chars keeps
/// the first, which is enough to compare names.
fn chars(text: &str) -> Vec<(char, char)> {
    text.chars().map(|c| (c, fold(c))).collect()
}

fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Byte ranges of the addresses in `text`: from `http://`, `https://` or `www.` to the next
/// space, bracket or quote, less trailing punctuation.
fn urls(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let lower = text.to_ascii_lowercase();
    let mut starts: Vec<usize> = ["http://", "https://", "www."]
        .iter()
        .flat_map(|p| lower.match_indices(p).map(|(at, _)| at).collect::<Vec<_>>())
        .collect();
    starts.sort_unstable();
    let mut last_end = 0;
    starts.into_iter().filter_map(move |start| {
        if start < last_end {
            return None;
        }
        let end = text[start..]
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | '"' | '\'')
            })
            .map_or(text.len(), |n| start + n);
        // Punctuation closing a sentence is not part of the address, as autolinkers read it.
        let end = start
            + text[start..end]
                .trim_end_matches(['.', ',', ';', ':', '!', '?'])
                .len();
        last_end = end;
        Some((start, end))
    })
}

/// An address without scheme, `www.`, trailing `/` and case: "https://www.X.example/jane/" →
/// "x.example/jane".
fn normal_link(url: &str) -> String {
    let lower = url.trim().to_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, link: Option<&str>, private: bool) -> Person {
        Person {
            id: 1,
            name: name.into(),
            link: link.map(Into::into),
            org: None,
            private,
        }
    }

    fn privacy() -> Privacy {
        Privacy::new(&[
            person("Jane Doe", Some("https://social.example/@jd"), true),
            person("kunal", None, true),
            person("Ann Lee", Some("https://ann.example"), false),
        ])
    }

    #[test]
    fn names_are_replaced_as_whole_words_in_any_case() {
        let p = privacy();
        let cases = [
            (
                "Dinner with Jane Doe and Ann",
                "Dinner with someone and Ann",
            ),
            ("JANE  DOE's talk", "someone's talk"),
            ("*Jane* Doe", "*someone"),
            ("mail jane.doe@acme.example", "mail someone@acme.example"),
            ("@JaneDoe and @kunal!", "@someone and @someone!"),
            (
                "Janet Doe, Jane Doer, kunaling",
                "Janet Doe, Jane Doer, kunaling",
            ),
            ("Kunal\nJane\nDoe", "someone\nsomeone"),
            ("", ""),
        ];
        for (text, want) in cases {
            assert_eq!(p.redact(text), want, "{text:?}");
        }
    }

    #[test]
    fn addresses_that_name_them_are_removed_whole() {
        let p = privacy();
        assert_eq!(
            p.redact("see https://x.example/jane-doe/slides, or www.kunal.dev."),
            "see (link removed), or (link removed)."
        );
        assert_eq!(
            p.redact("[me](HTTPS://social.example/@jd/) [ok](https://ann.example/x)"),
            "[me]((link removed)) [ok](https://ann.example/x)"
        );
        assert!(p.names_url("https://social.example/@jd/post/1"));
        assert!(!p.names_url("https://social.example/@jdx"));
        assert!(p.names_url("https://sched.example/event/1/keynote-jane-doe-acme"));
        assert!(!p.names_url("https://sched.example/event/1/keynote"));
    }

    #[test]
    fn nobody_private_changes_nothing() {
        let p = Privacy::new(&[person("Ann Lee", None, false)]);
        assert!(p.is_empty());
        assert_eq!(p.redact("Ann Lee"), "Ann Lee");
        assert!(!p.names("Ann Lee"));
        assert!(privacy().names("met KUNAL"));
        assert!(!privacy().names("met Ann"));
    }
}
