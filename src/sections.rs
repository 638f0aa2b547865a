//! The sections of a page's Markdown, by heading id, and fingerprints that tell when a base page
//! or section has changed.
//!
//! Input: a page body as written. Output: its [`Section`]s: each heading with an id the author
//! can name (`{#id}`, or made from the heading's text as the rendered page makes it), and the
//! byte range from the heading to the next heading of the same or a higher level. A programme
//! replaces or drops a section by its id without copying the page; the fingerprint of the base
//! section, kept beside the replacement, lets `check` say when the base has moved on.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// A section of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Section {
    pub id: String,
    pub level: u8,
    /// From the start of the heading's line to the start of the next section at this level or
    /// higher (or the end of the body).
    pub range: Range<usize>,
}

/// The addressable sections of `body`, in order. A heading whose text quotes a setting and has
/// no `{#id}` of its own has no id known before expansion, and is left out.
pub(crate) fn sections(body: &str) -> Vec<Section> {
    let mut found: Vec<(Option<String>, u8, usize)> = Vec::new();
    let mut open: Option<(Option<String>, u8, usize, String)> = None;
    let mut options = pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES;
    options |= pulldown_cmark::Options::ENABLE_TABLES;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let line_start = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
                open = Some((id.map(|i| i.to_string()), level as u8, line_start, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, _, text)) = &mut open {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak => {
                if let Some((_, _, _, text)) = &mut open {
                    text.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((id, level, start, text)) = open.take() {
                    let id = id.or_else(|| (!text.contains("{{")).then(|| crate::html::slug(&text)));
                    found.push((id, level, start));
                }
            }
            _ => {}
        }
    }
    found
        .iter()
        .enumerate()
        .filter_map(|(i, (id, level, start))| {
            let end = found[i + 1..].iter().find(|(_, l, _)| l <= level).map_or(body.len(), |(_, _, s)| *s);
            id.as_ref().map(|id| Section { id: id.clone(), level: *level, range: *start..end })
        })
        .collect()
}

/// A short, stable fingerprint of some Markdown: eight hex digits of its FNV-1a hash, lines
/// with their trailing whitespace trimmed and blank lines at either end ignored, so saving a
/// file in another editor does not change it.
pub(crate) fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (n, line) in text.trim_matches('\n').lines().enumerate() {
        let bytes = line.trim_end().bytes();
        let newline = (n > 0).then_some(b'\n');
        for b in newline.into_iter().chain(bytes) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{:08x}", (hash >> 32) as u32 ^ hash as u32)
}

#[cfg(test)]
mod tests {
    use super::{fingerprint, sections};

    #[test]
    fn sections_run_to_the_next_heading_of_their_level() {
        let body = "Intro.\n\n## Første møde\n\nTekst.\n\n### Forberedelse {#prep}\n\nMere.\n\n## Stop {#stop}\n\nSlut.\n\n## For {{ roles.mentee }}\n\nx\n";
        let s = sections(body);
        let ids: Vec<&str> = s.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["forste-mode", "prep", "stop"]);
        assert_eq!(
            &body[s[0].range.clone()],
            "## Første møde\n\nTekst.\n\n### Forberedelse {#prep}\n\nMere.\n\n"
        );
        assert_eq!(&body[s[1].range.clone()], "### Forberedelse {#prep}\n\nMere.\n\n");
        assert_eq!(&body[s[2].range.clone()], "## Stop {#stop}\n\nSlut.\n\n");
    }

    #[test]
    fn fingerprints_ignore_trailing_space_and_line_ends_but_not_words() {
        assert_eq!(fingerprint("## A\n\nTekst.\n"), fingerprint("## A  \n\nTekst.\n\n\n"));
        assert_ne!(fingerprint("## A\n\nTekst.\n"), fingerprint("## A\n\nTekst!\n"));
        assert_eq!(fingerprint("x").len(), 8);
    }
}
