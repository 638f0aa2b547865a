//! Stage 6, index: the search index of one site, in the site's language.
//!
//! Input: the site's language and, per page, its title, URL and text sections (split at headings;
//! worksheet questions and the roles diagram's words are in them). Output: `search-index.js`,
//! which sets `window.HANDBOOK_SEARCH` when loaded with a plain `<script>` tag, so search works
//! from `file://` and under any sub-path (no fetch, no module, no worker).
//!
//! Words are stemmed with elasticlunr-rs's Danish or Swedish pipeline (its stop words and Snowball
//! stemmer). Snowball splits the handbook's own key words (Swedish `mentor` -> `ment`, `mentorn`
//! -> `mentorn`), so the key words of each language are matched first by [`KeyWord`]s: a root
//! and the endings of its inflected forms, all mapped to one stem. The browser must stem a query
//! exactly as the index did, so the index carries the map from every word form in the site to
//! its stem, the key-word table, and the stop words seen; `search.js` applies the same rules and
//! falls back to prefix matching for words the site does not contain.
//!
//! The index is compact: page URLs and titles once, per section its page, anchor, heading and a
//! short snippet; per stem a flat list of the sections it is in (as differences) with their
//! weights, a weight written only where it is not 1, with titles weighing more than headings,
//! and headings more than text; the word forms as endings of their stems. `search.js` unpacks it
//! on load.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use elasticlunr::{Language, Pipeline};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::lang::Lang;
use crate::markdown::TextSection;

/// One page of the site, for the index.
pub(crate) struct SearchPage<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub sections: &'a [TextSection],
}

/// A key word and the endings of its inflected forms; every form gets the stem `root`.
pub(crate) struct KeyWord {
    pub root: &'static str,
    pub endings: &'static [&'static str],
}

const DANISH_KEYS: &[KeyWord] = &[
    KeyWord { root: "mentor", endings: &["", "en", "er", "erne", "s", "ens", "ers", "ernes"] },
    KeyWord { root: "mentee", endings: &["", "n", "s", "ns", "ne", "nes", "r", "rne"] },
    KeyWord { root: "møde", endings: &["", "t", "r", "rne", "s", "ts", "rs", "rnes"] },
    KeyWord { root: "leder", endings: &["", "en", "e", "ne", "s", "ens", "es", "nes"] },
    KeyWord { root: "evaluering", endings: &["", "en", "er", "erne", "ens", "ernes"] },
    KeyWord { root: "samtale", endings: &["", "n", "r", "rne", "ns", "rnes"] },
    KeyWord { root: "forløb", endings: &["", "et", "ene", "ets", "enes"] },
];

const SWEDISH_KEYS: &[KeyWord] = &[
    KeyWord { root: "mentor", endings: &["", "n", "er", "erna", "s", "ns", "ers", "ernas"] },
    KeyWord { root: "adept", endings: &["", "en", "er", "erna", "s", "ens", "ers", "ernas"] },
    KeyWord { root: "möte", endings: &["", "t", "n", "na", "s", "ts", "ns", "nas"] },
    KeyWord { root: "ledare", endings: &["", "n", "na", "s", "ns", "nas"] },
    KeyWord { root: "chef", endings: &["", "en", "er", "erna", "s", "ens", "ers", "ernas"] },
    KeyWord { root: "utvärdering", endings: &["", "en", "ar", "arna", "ens", "arnas"] },
    KeyWord { root: "samtal", endings: &["", "et", "en", "s", "ets", "ens", "ena"] },
];

pub(crate) fn key_words(lang: Lang) -> &'static [KeyWord] {
    match lang {
        Lang::Danish => DANISH_KEYS,
        Lang::Swedish => SWEDISH_KEYS,
    }
}

/// Splits text into lower-case words the way `search.js` does: runs of letters and digits. A
/// word already in lower case is not copied.
pub(crate) fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let (start, end, upper) = next_word(text, at)?;
        at = end;
        let word = &text[start..end];
        Some(match upper {
            false => Cow::Borrowed(word),
            true => {
                let mut lowered = String::with_capacity(word.len());
                lower_case_into(word, &mut lowered);
                Cow::Owned(lowered)
            }
        })
    })
}

/// What a byte says about the character it starts or continues: [`OTHER`] for ASCII that is
/// neither letter nor digit, [`LOWER`] for an ASCII lower-case letter or a digit, [`UPPER`] for
/// an ASCII upper-case letter, [`WIDE`] for a byte of a character outside ASCII.
static CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if !byte.is_ascii() {
            WIDE
        } else if byte.is_ascii_uppercase() {
            UPPER
        } else if byte.is_ascii_alphanumeric() {
            LOWER
        } else {
            OTHER
        };
        b += 1;
    }
    table
};
const OTHER: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const WIDE: u8 = 3;

/// The next run of letters and digits from byte `from`: its start, its end, and whether it has
/// an upper-case letter. ASCII bytes are classed by a table, Latin-1 letters (æ ø å ä ö é) by
/// their code, and only other characters through Unicode's tables, which are slow to consult.
fn next_word(text: &str, from: usize) -> Option<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        match CLASS[usize::from(b)] {
            OTHER => i += 1,
            WIDE => {
                let (len, letter, _) = wide(text, i);
                if letter {
                    break;
                }
                i += len;
            }
            _ => break,
        }
    }
    if i >= bytes.len() {
        return None;
    }
    let (start, mut upper) = (i, false);
    loop {
        // Eight bytes at a time while they are ASCII small letters and digits (most of a word).
        i += lower_run(bytes, i);
        let Some(&b) = bytes.get(i) else { break };
        match CLASS[usize::from(b)] {
            OTHER => break,
            LOWER => i += 1,
            UPPER => {
                upper = true;
                i += 1;
            }
            _ => {
                let (len, letter, up) = wide(text, i);
                if !letter {
                    break;
                }
                upper |= up;
                i += len;
            }
        }
    }
    Some((start, i, upper))
}

/// How many bytes from `i` on are ASCII small letters or digits, counted eight at a time: 0 to
/// 8 where eight bytes remain, else 0 (the caller goes on byte by byte).
fn lower_run(bytes: &[u8], i: usize) -> usize {
    let mut run = 0;
    while let Some(chunk) = bytes.get(i + run..i + run + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        const HIGH: u64 = 0x8080_8080_8080_8080;
        const ONES: u64 = 0x0101_0101_0101_0101;
        if v & HIGH != 0 {
            return run;
        }
        // Each byte is below 0x80, so adding to it never carries into the next: a byte's high
        // bit says whether it reached the bound.
        let at_least = |low: u8| v + ONES * u64::from(0x80 - low);
        let small = at_least(b'a') & !at_least(b'z' + 1);
        let digit = at_least(b'0') & !at_least(b'9' + 1);
        let other = !(small | digit) & HIGH;
        if other != 0 {
            return run + (other.trailing_zeros() / 8) as usize;
        }
        run += 8;
    }
    run
}

/// The character outside ASCII that starts at byte `i`: its length in bytes, whether it is a
/// letter or digit, and whether it is upper case.
fn wide(text: &str, i: usize) -> (usize, bool, bool) {
    let bytes = text.as_bytes();
    // U+00C0 to U+00FF are two bytes, the first 0xC3: letters all but × and ÷, upper case
    // below ß.
    if bytes[i] == 0xC3
        && let Some(&next) = bytes.get(i + 1)
    {
        let code = 0xC0 + u32::from(next & 0x3F);
        return (2, code != 0xD7 && code != 0xF7, code < 0xDF && code != 0xD7);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    (c.len_utf8(), c.is_alphanumeric(), c.is_uppercase())
}

/// Stems words of one language, remembering each word form's stem. Stems are numbered in the
/// order they are met, so the index is built on numbers rather than strings.
pub(crate) struct Stemmer<'v> {
    lang: Lang,
    /// The words of the site, when known: see [`Stemmer::for_site`].
    site: Option<&'v dyn Fn(&str) -> bool>,
    /// Word form -> stem number (`None` for a stop word).
    seen: FxHashMap<Box<str>, Option<u32>>,
    numbers: FxHashMap<Box<str>, u32>,
    stems: Vec<Box<str>>,
}

impl<'v> Stemmer<'v> {
    pub fn new(lang: Lang) -> Self {
        Stemmer {
            lang,
            site: None,
            seen: FxHashMap::default(),
            numbers: FxHashMap::default(),
            stems: Vec::new(),
        }
    }

    /// A stemmer for the words of one site (`known` says whether a word is one). Snowball's stem
    /// of a word may itself be a word of the site with a stem of its own (`dagsordenen` ->
    /// `dagsorden` -> `dagsord`, Swedish `rektorer` -> `rektor` -> `rekt`): such a word gets that
    /// word's stem, so every form of it finds every other.
    pub fn for_site(lang: Lang, known: &'v dyn Fn(&str) -> bool) -> Self {
        Stemmer { site: Some(known), ..Stemmer::new(lang) }
    }

    /// A stem's number, when a word of the site has it.
    fn number(&self, stem: &str) -> Option<u32> {
        self.numbers.get(stem).copied()
    }

    pub fn stem(&mut self, word: &str) -> Option<String> {
        self.stem_number(word).map(|n| self.stems[n as usize].to_string())
    }

    /// The stem's number (`None` for a stop word).
    fn stem_number(&mut self, word: &str) -> Option<u32> {
        if let Some(&known) = self.seen.get(word) {
            return known;
        }
        let keyed = key_words(self.lang)
            .iter()
            .find(|k| word.strip_prefix(k.root).is_some_and(|ending| k.endings.contains(&ending)));
        let stem = match keyed {
            Some(k) => Some(k.root.into()),
            None => snowball_stem(self.lang, word),
        };
        // A stem that is a shorter word of the site: that word's stem (which ends, each step
        // being shorter), unless that word is a stop word.
        if let Some(stem) = &stem
            && stem.len() < word.len()
            && self.site.is_some_and(|known| known(stem))
            && let Some(n) = self.stem_number(stem)
        {
            self.seen.insert(word.into(), Some(n));
            return Some(n);
        }
        let number = stem.map(|stem| match self.numbers.get(&stem) {
            Some(&n) => n,
            None => {
                let n = self.stems.len() as u32;
                self.numbers.insert(stem.clone(), n);
                self.stems.push(stem);
                n
            }
        });
        self.seen.insert(word.into(), number);
        number
    }
}

/// elasticlunr-rs's pipeline for a language and the stems it gave, kept by each thread: making
/// the pipeline compiles a regex, and the sites of one build share most of their words (their
/// base pages), so each word is stemmed once per thread rather than once per site.
struct Snowball {
    pipeline: Pipeline,
    stems: FxHashMap<Box<str>, Option<Box<str>>>,
}

/// Words a thread remembers the stems of, per language, before it starts over (a long `serve`
/// session meets new words with every edit).
const SNOWBALL_WORDS: usize = 200_000;

thread_local! {
    static SNOWBALL: std::cell::RefCell<[Option<Snowball>; 2]> = const { std::cell::RefCell::new([None, None]) };
}

/// elasticlunr-rs's pipeline for `lang`: its trimmer, stop words and Snowball stemmer.
fn pipeline(lang: Lang) -> Pipeline {
    match lang {
        Lang::Danish => elasticlunr::lang::Danish::new().make_pipeline(),
        Lang::Swedish => elasticlunr::lang::Swedish::new().make_pipeline(),
    }
}

/// `word`'s stem by the language's Snowball stemmer (with elasticlunr-rs's trimmer and stop
/// words); `None` for a stop word.
fn snowball_stem(lang: Lang, word: &str) -> Option<Box<str>> {
    SNOWBALL.with_borrow_mut(|languages| {
        let slot = &mut languages[Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0)];
        let snowball =
            slot.get_or_insert_with(|| Snowball { pipeline: pipeline(lang), stems: FxHashMap::default() });
        if let Some(known) = snowball.stems.get(word) {
            return known.clone();
        }
        let stem: Option<Box<str>> = snowball
            .pipeline
            .run(vec![word.to_owned()])
            .into_iter()
            .next()
            .filter(|s| !s.is_empty())
            .map(String::into_boxed_str);
        if snowball.stems.len() >= SNOWBALL_WORDS {
            snowball.stems.clear();
        }
        snowball.stems.insert(word.into(), stem.clone());
        stem
    })
}

/// Field weights: a match in a page title counts most, then headings, then text.
const TITLE: u32 = 10;
const HEADING: u32 = 4;
const TEXT: u32 = 1;
/// Characters of a section kept for the result's snippet.
const SNIPPET: usize = 110;

/// One searchable section: its page, anchor, heading and snippet.
#[derive(Serialize)]
struct Doc<'a>(usize, &'a str, &'a str, String);

/// The index file, its fields in the order written.
struct IndexFile<'a> {
    lang: &'static str,
    /// Per page: URL and title.
    pages: Vec<[&'a str; 2]>,
    /// Per section: page number, anchor (empty for the page's top), heading, snippet. Written
    /// as JSON while the pages are read, a run of pages to each buffer.
    docs: Vec<Vec<u8>>,
    /// Stem -> the word forms in the site with that stem (other than the stem itself), each
    /// written as the ending after the stem, or in full after `~` where it does not start
    /// with the stem.
    stems: BTreeMap<&'a str, Vec<String>>,
    /// Words of the site that stemming drops (stop words), so a query drops them too.
    stop: BTreeSet<String>,
    /// `[root, [endings]]`: the key words, applied before stemming.
    keys: Vec<(&'a str, &'a [&'a str])>,
    /// Stem -> the sections it is in, each written as the difference from the one before (the
    /// first as it is), so the numbers stay short; a section where the stem weighs more than 1
    /// has its weight before it, negated: `[0, -4, 2, 1]` is section 0 (weight 1), section 2
    /// (weight 4), section 3 (weight 1). Most weigh 1, so this is a tenth of the index smaller
    /// than pairs.
    index: BTreeMap<&'a str, Vec<i64>>,
    /// Groups of stems that mean the same to a reader (synonyms), each with a stem in the site.
    syn: Vec<Vec<String>>,
    /// Phrases of several words (`hvor ofte`) and the synonym group each stands for.
    phr: Vec<(String, usize)>,
    /// Question words, which say nothing about what a question asks.
    q: &'a [String],
}

impl IndexFile<'_> {
    /// The file as one JSON object onto `js`; the two long fields, `docs` (written already) and
    /// `index` (written here by all threads, a stem each), are joined from their parts, so the
    /// megabytes of a large site are not written by one thread alone.
    fn write(&self, js: &mut Vec<u8>) -> serde_json::Result<()> {
        let index: Vec<Vec<u8>> = self
            .index
            .par_iter()
            .map(|(stem, postings)| {
                let mut entry = serde_json::to_vec(stem)?;
                entry.push(b':');
                serde_json::to_writer(&mut entry, postings)?;
                Ok(entry)
            })
            .collect::<serde_json::Result<_>>()?;
        // Room for the long fields and a guess at the short ones, so megabytes are not copied
        // as the file grows.
        let long: usize = self.docs.iter().chain(&index).map(Vec::len).sum();
        js.reserve(long + self.pages.len() * 64 + 64 * 1024);
        let field = |js: &mut Vec<u8>, name: &str| {
            js.extend_from_slice(if js.ends_with(b"{") { b"\"" } else { b",\"" });
            js.extend_from_slice(name.as_bytes());
            js.extend_from_slice(b"\":");
        };
        js.push(b'{');
        field(js, "lang");
        serde_json::to_writer(&mut *js, self.lang)?;
        field(js, "pages");
        serde_json::to_writer(&mut *js, &self.pages)?;
        field(js, "docs");
        join(js, b'[', &self.docs, b']');
        field(js, "stems");
        serde_json::to_writer(&mut *js, &self.stems)?;
        field(js, "stop");
        serde_json::to_writer(&mut *js, &self.stop)?;
        field(js, "keys");
        serde_json::to_writer(&mut *js, &self.keys)?;
        field(js, "index");
        join(js, b'{', &index, b'}');
        field(js, "syn");
        serde_json::to_writer(&mut *js, &self.syn)?;
        field(js, "phr");
        serde_json::to_writer(&mut *js, &self.phr)?;
        field(js, "q");
        serde_json::to_writer(&mut *js, self.q)?;
        js.push(b'}');
        Ok(())
    }
}

/// `parts` (each empty or JSON values joined by commas) joined by commas between `open` and
/// `close`.
fn join(js: &mut Vec<u8>, open: u8, parts: &[Vec<u8>], close: u8) {
    js.push(open);
    for part in parts.iter().filter(|p| !p.is_empty()) {
        if js.last() != Some(&open) {
            js.push(b',');
        }
        js.extend_from_slice(part);
    }
    js.push(close);
}

/// The words of a site's search beside its text: synonyms, and question words.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SearchWords {
    /// Groups of words a reader may use for the same thing; a phrase of several words may be
    /// one of them.
    pub synonyms: Vec<Vec<String>>,
    /// Words of a question that say nothing about what it asks (`hvordan`, `hur`).
    pub questions: Vec<String>,
}

/// The parts of a compound: `tilmeldingsfrist` -> `tilmelding`, `frist`; `udviklingssamtale` ->
/// `udvikling`, `samtale`. Each part has at least four letters. Both parts are words of the site,
/// with a joining `s` or `e` between them allowed; or the head is a word of the site joined by
/// `s` (the mark of a compound in Danish and Swedish), in which case the tail need not be. `None`
/// for a word that is not such a compound (`mentorerne`, `forberedelse`).
pub(crate) fn compound_parts(word: &str, known: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    split_known(word, known).or_else(|| split_joined(word, known))
}

const PART: usize = 4;

/// The places a word can be cut with at least a part's letters on each side, the longest head
/// first (so a compound splits into as few parts as it can).
fn cuts(word: &str) -> impl Iterator<Item = (&str, &str)> {
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(PART).collect();
    bounds.into_iter().rev().map(|cut| word.split_at(cut)).filter(|(_, tail)| tail.chars().count() >= PART)
}

/// The head as a word of the site, maybe with a joining letter after it.
fn head_word<'w>(head: &'w str, joins: &[char], known: &dyn Fn(&str) -> bool) -> Option<&'w str> {
    if known(head) {
        return Some(head);
    }
    head.strip_suffix(joins).filter(|b| b.chars().count() >= PART && known(b))
}

/// Every part a word of the site.
fn split_known(word: &str, known: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    for (head, tail) in cuts(word) {
        let Some(base) = head_word(head, &['s', 'e'], known) else { continue };
        if known(tail) {
            return Some(vec![base.to_owned(), tail.to_owned()]);
        }
        if let Some(mut rest) = split_known(tail, known) {
            rest.insert(0, base.to_owned());
            return Some(rest);
        }
    }
    None
}

/// A word of the site joined by `s` to a tail the site does not use on its own.
fn split_joined(word: &str, known: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    cuts(word).find_map(|(head, tail)| {
        let base = head.strip_suffix('s').filter(|b| b.chars().count() >= PART && known(b))?;
        Some(vec![base.to_owned(), tail.to_owned()])
    })
}

/// The start of a section's text, whitespace folded, cut after a word within [`SNIPPET`]
/// characters. Only as much of the text is folded as the snippet needs.
fn snippet(text: &str) -> String {
    // Room for the snippet's characters, most of them one byte, and the word that ends it.
    let mut folded = String::with_capacity(2 * SNIPPET);
    let mut chars = 0;
    for word in text.split_whitespace() {
        if chars > SNIPPET {
            break;
        }
        if !folded.is_empty() {
            folded.push(' ');
            chars += 1;
        }
        folded.push_str(word);
        chars += word.chars().count();
    }
    if chars <= SNIPPET {
        return folded;
    }
    let cut = folded.char_indices().nth(SNIPPET).map_or(folded.as_str(), |(end, _)| &folded[..end]);
    let cut = cut.rsplit_once(' ').map_or(cut, |(head, _)| head);
    format!("{cut} …")
}

/// The site's words, each numbered once in the order met, and each section's words as those
/// numbers with the weight they have there (the sum over the fields they are in). Texts are
/// split into words once.
#[derive(Default)]
struct Words<'a> {
    numbers: FxHashMap<Cow<'a, str>, u32>,
    /// Per section: word number and weight, once per word.
    sections: Vec<Vec<(u32, u32)>>,
    /// The section being read, if one is: copied into `sections`, at its size, when it ends
    /// (the buffer is kept for the next).
    open: Option<Vec<(u32, u32)>>,
    /// Per word number: the last section it was met in and its place in that section's list.
    last: Vec<(usize, u32)>,
    /// A word with capitals, in lower case while it is looked up.
    lowered: String,
}

impl<'a> Words<'a> {
    fn number(&mut self, word: Cow<'a, str>) -> u32 {
        let next = self.numbers.len() as u32;
        *self.numbers.entry(word).or_insert(next)
    }

    /// The number of a word with capitals, which [`words`] would give in lower case; copied
    /// only when the site has not met it before (most such words start a sentence).
    fn number_lowered(&mut self, word: &str) -> u32 {
        lower_case_into(word, &mut self.lowered);
        match self.numbers.get(self.lowered.as_str()) {
            Some(&n) => n,
            None => self.number(Cow::Owned(self.lowered.clone())),
        }
    }

    fn add(&mut self, text: &'a str, weight: u32) {
        // The count of sections with the open one names it, and is never 0.
        let section_number = self.sections.len() + 1;
        let mut at = 0;
        while let Some((start, end, upper)) = next_word(text, at) {
            at = end;
            let word = &text[start..end];
            let n = if upper { self.number_lowered(word) } else { self.number(Cow::Borrowed(word)) };
            let Some(section) = self.open.as_mut() else { continue };
            if self.last.len() <= n as usize {
                self.last.resize(n as usize + 1, (0, 0));
            }
            match self.last[n as usize] {
                (last, place) if last == section_number => section[place as usize].1 += weight,
                _ => {
                    self.last[n as usize] = (section_number, section.len() as u32);
                    section.push((n, weight));
                }
            }
        }
    }

    /// Ends the open section, if any, and opens a new one.
    fn open_section(&mut self) {
        let buffer = self.close_section();
        self.open = Some(buffer);
    }

    /// Ends the open section, if any; returns the emptied buffer.
    fn close_section(&mut self) -> Vec<(u32, u32)> {
        let Some(mut open) = self.open.take() else { return Vec::new() };
        self.sections.push(open.as_slice().to_vec());
        open.clear();
        open
    }

    /// Appends `other`'s words and sections, its words renumbered as met after this one's.
    fn append(&mut self, other: Words<'a>) {
        let mut met: Vec<(Cow<'a, str>, u32)> = other.numbers.into_iter().collect();
        met.sort_unstable_by_key(|&(_, n)| n);
        let renumbered: Vec<u32> = met.into_iter().map(|(word, _)| self.number(word)).collect();
        for mut section in other.sections {
            for (word, _) in &mut section {
                *word = renumbered[*word as usize];
            }
            self.sections.push(section);
        }
    }
}

/// `word` in lower case, as `str::to_lowercase` makes it, into `out` (cleared first): ASCII and
/// Latin-1 letters without Unicode's tables (À-Þ but × are the capitals, 32 below their small
/// letters), other words through them.
fn lower_case_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in word.chars() {
        match c {
            'A'..='Z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' => {
                out.push(char::from_u32(u32::from(c) + 32).unwrap_or(c));
            }
            '\0'..='\u{FF}' => out.push(c),
            _ => {
                out.clear();
                out.push_str(&word.to_lowercase());
                return;
            }
        }
    }
}

/// Pages read by one thread: their words and sections, numbered among themselves.
struct Run<'a> {
    words: Words<'a>,
    /// Their sections' docs as JSON, joined by commas.
    docs: Vec<u8>,
}

/// Reads the sections of `pages`, the first of which is page number `first` of the site.
fn read_run<'a>(first: usize, pages: &'a [SearchPage<'a>]) -> Run<'a> {
    let mut docs = Vec::new();
    let mut words_of_run = Words::default();
    for (page_number, page) in (first..).zip(pages) {
        if page.sections.is_empty() {
            // Its title is still a word of the site, for splitting compounds.
            for word in words(page.title) {
                words_of_run.number(word);
            }
        }
        for (n, section) in page.sections.iter().enumerate() {
            let (anchor, heading) = match &section.heading {
                Some(h) => (h.id.as_str(), h.text.as_str()),
                None => ("", ""),
            };
            if n > 0 && heading.is_empty() && section.text.trim().is_empty() {
                continue;
            }
            if !docs.is_empty() {
                docs.push(b',');
            }
            // Plain strings and numbers: serialising cannot fail.
            let doc = Doc(page_number, anchor, heading, snippet(&section.text));
            serde_json::to_writer(&mut docs, &doc).ok();
            words_of_run.open_section();
            // The page title belongs to the page's first section only, so one page does not
            // flood the results with all its sections.
            let title = if n == 0 { page.title } else { "" };
            for (text, weight) in [(title, TITLE), (heading, HEADING), (section.text.as_str(), TEXT)] {
                words_of_run.add(text, weight);
            }
        }
    }
    words_of_run.close_section();
    Run { words: words_of_run, docs }
}

/// Pages per run read by one thread: enough runs for the threads to share the work evenly.
const RUN_PAGES: usize = 64;

/// Builds the index script (UTF-8: JSON from strings).
pub(crate) fn build<'a>(lang: Lang, pages: &'a [SearchPage<'a>], search: &'a SearchWords) -> Vec<u8> {
    // Splitting the texts into words is most of the work: runs of pages are read in parallel,
    // then joined in page order, so words keep the numbers they would have got in one pass.
    let runs: Vec<Run> =
        pages.par_chunks(RUN_PAGES).enumerate().map(|(i, run)| read_run(i * RUN_PAGES, run)).collect();
    let mut docs = Vec::with_capacity(runs.len());
    let mut site = Words::default();
    for run in runs {
        site.append(run.words);
        docs.push(run.docs);
    }
    let mut vocabulary: Vec<&str> = vec![""; site.numbers.len()];
    for (word, &n) in &site.numbers {
        vocabulary[n as usize] = word;
    }
    // Each word's stem, and its parts' stems when it is a compound of words the site uses.
    let known = |w: &str| site.numbers.contains_key(w);
    let mut stemmer = Stemmer::for_site(lang, &known);
    let stems_of: Vec<(Option<u32>, Vec<u32>)> = vocabulary
        .iter()
        .map(|word| {
            let parts = if word.len() >= 8 { compound_parts(word, &known) } else { None };
            let parts = parts.iter().flatten().filter_map(|part| stemmer.stem_number(part)).collect();
            (stemmer.stem_number(word), parts)
        })
        .collect();
    // Per stem number: its sections and weights, written as `IndexFile::index` says.
    let mut postings: Vec<Vec<i64>> = vec![Vec::new(); stemmer.stems.len()];
    let mut last = vec![0; stemmer.stems.len()];
    let mut weights = vec![0; stemmer.stems.len()];
    let mut found = Vec::new();
    for (doc, section) in site.sections.iter().enumerate() {
        let doc = doc as u32;
        for &(word, weight) in section {
            let (own, parts) = &stems_of[word as usize];
            for &stem in parts.iter().chain(own) {
                if weights[stem as usize] == 0 {
                    found.push(stem);
                }
                weights[stem as usize] += weight;
            }
        }
        for stem in found.drain(..) {
            let stem = stem as usize;
            let weight = std::mem::take(&mut weights[stem]);
            if weight != 1 {
                postings[stem].push(-i64::from(weight));
            }
            postings[stem].push(i64::from(doc - last[stem]));
            last[stem] = doc;
        }
    }
    let mut file = IndexFile {
        lang: lang.code(),
        pages: pages.iter().map(|p| [p.url, p.title]).collect(),
        docs,
        stems: BTreeMap::new(),
        stop: BTreeSet::new(),
        keys: key_words(lang).iter().map(|k| (k.root, k.endings)).collect(),
        index: BTreeMap::new(),
        syn: Vec::new(),
        phr: Vec::new(),
        q: &search.questions,
    };
    // Synonyms as stems: a group is kept when the site has one of its words.
    for group in &search.synonyms {
        let mut stems: Vec<String> = Vec::new();
        let mut phrases = Vec::new();
        for member in group {
            // Written as a query is read: lower case, words split at anything but a letter or
            // a digit (`kick-off` -> `kick off`).
            let member: Vec<String> = words(member).map(Cow::into_owned).collect();
            if let [word] = member.as_slice()
                && let Some(stem) = stemmer.stem(word).filter(|s| !stems.contains(s))
            {
                stems.push(stem);
            }
            // Every member is also looked up as written, so a word the site never uses
            // (`tavshedspligt`) still finds the group.
            if !member.is_empty() {
                phrases.push(member.join(" "));
            }
        }
        let present = stems.iter().any(|s| {
            stemmer.number(s).is_some_and(|n| postings.get(n as usize).is_some_and(|p| !p.is_empty()))
        });
        if present {
            file.phr.extend(phrases.into_iter().map(|p| (p, file.syn.len())));
            file.syn.push(stems);
        }
    }
    // The longest phrases are looked for first, so `hvor ofte` is read before `hvor`.
    file.phr.sort_by_key(|(p, _)| std::cmp::Reverse(p.split(' ').count()));
    // The map from each word form of the site to its stem, and the stop words. A word may have
    // been met first as a part of a compound, so these come from the vocabulary.
    for (word, (stem, _)) in vocabulary.iter().zip(&stems_of) {
        let Some(stem) = stem else {
            file.stop.insert((*word).to_owned());
            continue;
        };
        let stem = &*stemmer.stems[*stem as usize];
        if stem != *word {
            let written = match word.strip_prefix(stem) {
                Some(ending) => ending.to_owned(),
                None => format!("~{word}"),
            };
            file.stems.entry(stem).or_default().push(written);
        }
    }
    // The vocabulary has no order of its own; the index is the same in every build.
    for written in file.stems.values_mut() {
        written.sort_unstable();
    }
    file.index = stemmer.stems.iter().map(|s| &**s).zip(postings).collect();
    // Written straight after its prefix (the index of a large site is megabytes, not copied
    // twice). Serialising plain strings and numbers cannot fail.
    let prefix = b"window.HANDBOOK_SEARCH = ";
    let mut js = prefix.to_vec();
    if file.write(&mut js).is_err() {
        js.truncate(prefix.len());
        js.extend_from_slice(b"{}");
    }
    js.extend_from_slice(b";\n");
    js
}

#[cfg(test)]
mod tests {
    use super::{SNIPPET, Stemmer, build, key_words, snippet, words};

    #[test]
    fn a_snippet_is_the_folded_start_of_the_text_cut_after_a_word() {
        assert_eq!(snippet("  Kort\n tekst. "), "Kort tekst.");
        let long = "ord ".repeat(100);
        let cut = snippet(&long);
        assert!(cut.ends_with("ord …") && cut.chars().count() <= SNIPPET + 2, "{cut}");
        let exact = "x".repeat(SNIPPET);
        assert_eq!(snippet(&format!("\n{exact}\n")), exact);
        assert_eq!(snippet(&format!("{exact} y")), format!("{exact} …"));
        let over = format!("{} yz", "x".repeat(SNIPPET - 1));
        assert_eq!(snippet(&over), format!("{} …", "x".repeat(SNIPPET - 1)));
    }
    use crate::lang::Lang;
    use crate::markdown::{Heading, TextSection};

    /// The index of Danish `pages`, as `search.js` reads it.
    fn index_json(pages: &[super::SearchPage], search: &super::SearchWords) -> serde_json::Value {
        let js = String::from_utf8(build(Lang::Danish, pages, search)).unwrap();
        let json = js.strip_prefix("window.HANDBOOK_SEARCH = ").and_then(|j| j.strip_suffix(";\n")).unwrap();
        serde_json::from_str(json).unwrap()
    }

    fn stems(lang: Lang, forms: &[&str]) -> Vec<Option<String>> {
        let mut s = Stemmer::new(lang);
        forms.iter().map(|f| s.stem(f)).collect()
    }

    #[test]
    fn every_form_of_a_key_word_has_one_stem() {
        for lang in Lang::ALL {
            for key in key_words(lang) {
                let forms: Vec<String> = key.endings.iter().map(|e| format!("{}{e}", key.root)).collect();
                let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
                let got = stems(lang, &refs);
                assert!(got.iter().all(|s| s.as_deref() == Some(key.root)), "{lang}: {forms:?} -> {got:?}");
            }
        }
    }

    #[test]
    fn compounds_split_into_words_the_site_uses_and_ordinary_words_stay_whole() {
        let vocabulary = |words: &'static [&'static str]| move |w: &str| words.contains(&w);
        let da = vocabulary(&[
            "tilmelding",
            "frist",
            "udvikling",
            "samtale",
            "mentor",
            "ordning",
            "aftale",
            "holder",
            "forbered",
            "leder",
            "gruppe",
            "møde",
            "handling",
            "plan",
        ]);
        let split = |w: &str, known: &dyn Fn(&str) -> bool| super::compound_parts(w, known);
        assert_eq!(split("tilmeldingsfrist", &da).unwrap(), ["tilmelding", "frist"]);
        assert_eq!(split("udviklingssamtale", &da).unwrap(), ["udvikling", "samtale"]);
        assert_eq!(split("mentorordning", &da).unwrap(), ["mentor", "ordning"]);
        assert_eq!(split("aftaleholder", &da).unwrap(), ["aftale", "holder"]);
        assert_eq!(split("handlingsplanmøde", &da).unwrap(), ["handling", "plan", "møde"]);
        // Words that look like compounds but are not: no part of four letters, or a part the
        // site does not use.
        // Joined by s, the tail need not be a word of the site.
        assert_eq!(split("udviklingsplan", &da).unwrap(), ["udvikling", "plan"]);
        assert_eq!(split("tilmeldingsdato", &da).unwrap(), ["tilmelding", "dato"]);
        for whole in [
            "mentorerne",
            "forberedelse",
            "forberedelser",
            "samtalen",
            "ledelse",
            "mødet",
            "evaluering",
            "lederne",
            "mentorens",
        ] {
            assert_eq!(split(whole, &da), None, "{whole}");
        }
        let sv = vocabulary(&[
            "halvdags",
            "utbildning",
            "mentor",
            "samtal",
            "tystnad",
            "löfte",
            "adept",
            "chef",
            "möte",
        ]);
        assert_eq!(split("halvdagsutbildning", &sv).unwrap(), ["halvdags", "utbildning"]);
        assert_eq!(split("mentorsamtal", &sv).unwrap(), ["mentor", "samtal"]);
        assert_eq!(split("tystnadslöfte", &sv).unwrap(), ["tystnad", "löfte"]);
        assert_eq!(split("utbildningsplan", &sv).unwrap(), ["utbildning", "plan"]);
        for whole in ["adepterna", "mentorerna", "samtalet", "chefen", "mötena", "utbildningen", "mentorskap"]
        {
            assert_eq!(split(whole, &sv), None, "{whole}");
        }
    }

    #[test]
    fn a_compound_is_found_by_its_parts_and_synonyms_travel_as_stems() {
        let sections = [TextSection {
            heading: None,
            text: "Tilmeldingsfrist. Vi aftaler fortrolighed og tilmelding.".into(),
        }];
        let page = super::SearchPage { title: "Forsiden", url: "index.html", sections: &sections };
        let search = super::SearchWords {
            synonyms: vec![
                vec!["tavshedspligt".into(), "fortrolighed".into()],
                vec!["hvor ofte".into(), "møde".into()],
                vec!["ukendt".into()],
            ],
            questions: vec!["hvordan".into()],
        };
        let json = index_json(&[page], &search);
        // "tilmelding" is a part of the compound, and a word of the site through it.
        assert!(
            json["index"]["tilmelding"] == serde_json::json!([-2, 0])
                && json["index"]["frist"] == serde_json::json!([0]),
            "{}",
            json["index"]
        );
        assert_eq!(json["syn"], serde_json::json!([["tavshedsp", "fortro"]]));
        // Every member as written, so a query for a word the site never uses finds the group;
        // the group of `hvor ofte` is dropped, as the site has neither of its words.
        assert_eq!(json["phr"], serde_json::json!([["tavshedspligt", 0], ["fortrolighed", 0]]));
        assert_eq!(json["q"], serde_json::json!(["hvordan"]));
    }

    #[test]
    fn snowball_would_split_the_swedish_mentor() {
        // The trap the key words exist for: without them these differ.
        let plain = elasticlunr::lang::Swedish::new();
        let pipeline = elasticlunr::Language::make_pipeline(&plain);
        let a = pipeline.run(vec!["mentor".into()]);
        let b = pipeline.run(vec!["mentorn".into()]);
        assert_ne!(a, b);
        assert_eq!(
            stems(Lang::Swedish, &["mentor", "mentorn"]),
            [Some("mentor".into()), Some("mentor".into())]
        );
    }

    #[test]
    fn a_word_first_met_inside_a_compound_is_still_a_word_of_the_site() {
        let sections = [TextSection {
            heading: None,
            text: "Efterfølgende holdes mentorsamtalen efter aftale. Følgende gælder for samtalen med en mentor."
                .into(),
        }];
        let page = super::SearchPage { title: "Møder", url: "moeder.html", sections: &sections };
        let json = index_json(&[page], &super::SearchWords::default());
        // `samtalen` is met first as a part of `mentorsamtalen`, `efter` as one of
        // `efterfølgende`: the query word `samtalen` still finds its stem, and `efter`, a stop
        // word, is still dropped from a query.
        assert_eq!(json["stems"]["samtale"], serde_json::json!(["n"]));
        assert!(json["stop"].as_array().unwrap().iter().any(|w| w == "efter"), "{}", json["stop"]);
        assert!(json["index"].get("efter").is_none());
    }

    #[test]
    fn a_word_whose_stem_is_another_word_of_the_site_shares_that_words_stem() {
        let index_of = |text: &str| {
            let sections = [TextSection { heading: None, text: text.into() }];
            let page = super::SearchPage { title: "Forløbet", url: "forloebet.html", sections: &sections };
            index_json(&[page], &super::SearchWords::default())
        };
        // Snowball: `dagsordenen` -> `dagsorden`, and `dagsorden` -> `dagsord`. With both words on
        // the site, both are `dagsord`, so a query for either finds the other.
        let both = index_of("Menteen sætter dagsordenen. En god dagsorden er kort.");
        assert_eq!(both["stems"]["dagsord"], serde_json::json!(["en", "enen"]), "{}", both["stems"]);
        assert!(both["index"].get("dagsorden").is_none(), "{}", both["index"]);
        // Without `dagsorden` on the site, `dagsordenen` keeps Snowball's stem.
        let one = index_of("Menteen sætter dagsordenen.");
        assert_eq!(one["stems"]["dagsorden"], serde_json::json!(["en"]), "{}", one["stems"]);
    }

    proptest::proptest! {
        /// The fast word splitter reads every text as Unicode's letters and digits would.
        #[test]
        fn words_are_runs_of_letters_and_digits_in_lower_case(text in proptest::prop_oneof![
            "[a-zA-Z0-9 .,;:!?'()\\-–×÷ßÀ-ÿĀ-ſΑ-ω一-丁😀\u{300}\n]{0,60}",
            "([a-z0-9]{0,19}[ .,:;@`{/\\[ZAäÖ]){0,8}",
        ]) {
            let expected: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let got: Vec<String> = words(&text).map(std::borrow::Cow::into_owned).collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn words_are_lower_cased_as_unicode_does(word in "[a-zA-Z0-9À-ÿĀ-ſΑ-ωΣİ]{0,12}") {
            let mut lowered = String::new();
            super::lower_case_into(&word, &mut lowered);
            proptest::prop_assert_eq!(lowered, word.to_lowercase());
        }
    }

    #[test]
    fn stop_words_are_dropped_and_other_words_stemmed() {
        assert_eq!(stems(Lang::Danish, &["og", "vi"]), [None, None]);
        let s = stems(Lang::Danish, &["ledelsen", "ledelse"]);
        assert_eq!(s[0], s[1]);
        assert_eq!(words("Møder, mødes – og MØDET!").collect::<Vec<_>>(), ["møder", "mødes", "og", "mødet"]);
    }

    #[test]
    fn a_stem_remembered_by_the_thread_is_the_stem_a_fresh_pipeline_gives() {
        // Protects: the stems a thread keeps for later sites are the stemmer's, and a stop word
        // stays one.
        for (lang, words) in [
            (Lang::Danish, ["ledelsen", "og", "samarbejdet", "ledelsen"]),
            (Lang::Swedish, ["utvecklingen", "och", "ledarskapet", "utvecklingen"]),
        ] {
            let fresh = super::pipeline(lang);
            for word in words {
                let expected = fresh.run(vec![word.to_owned()]).into_iter().next().filter(|s| !s.is_empty());
                assert_eq!(super::snowball_stem(lang, word).map(String::from), expected, "{word}");
            }
        }
    }

    #[test]
    fn pages_read_in_parallel_runs_keep_their_page_and_section_numbers() {
        // Three runs of pages: a word on pages 0, 70 and 140 is in sections 0, 70 and 140 of
        // the site, and each section belongs to its own page.
        let texts: Vec<[TextSection; 1]> = (0..150)
            .map(|n| {
                let text =
                    if n % 70 == 0 { format!("Tavshedspligt på side {n}.") } else { format!("Side {n}.") };
                [TextSection { heading: None, text }]
            })
            .collect();
        let urls: Vec<String> = (0..150).map(|n| format!("side-{n}.html")).collect();
        let pages: Vec<super::SearchPage> = texts
            .iter()
            .zip(&urls)
            .map(|(sections, url)| super::SearchPage { title: "Side", url, sections })
            .collect();
        assert!(pages.len() > 2 * super::RUN_PAGES);
        let json = index_json(&pages, &super::SearchWords::default());
        assert_eq!(json["docs"][140], serde_json::json!([140, "", "", "Tavshedspligt på side 140."]));
        let stem = Stemmer::new(Lang::Danish).stem("tavshedspligt").unwrap();
        assert_eq!(json["index"][stem.as_str()], serde_json::json!([0, 70, 70]));
        let docs = json["docs"].as_array().unwrap();
        assert_eq!(docs.len(), 150);
        assert!(docs.iter().enumerate().all(|(n, doc)| doc[0] == n));
    }

    #[test]
    fn the_index_holds_sections_stems_and_weights() {
        let sections = [
            TextSection { heading: None, text: "Vi mødes hver måned.".into() },
            TextSection {
                heading: Some(Heading { level: 2, id: "stop".into(), text: "Stop før tid".into() }),
                text: "Kontakt HR, hvis I vil afslutte forløbet.".into(),
            },
            TextSection {
                heading: Some(Heading { level: 2, id: "slut".into(), text: "Slut".into() }),
                text: "Forløbet slutter efter et år.".into(),
            },
        ];
        let page = super::SearchPage { title: "Forløbet", url: "forloebet.html", sections: &sections };
        let json = index_json(&[page], &super::SearchWords::default());
        assert_eq!(json["lang"], "da");
        assert_eq!(json["pages"][0], serde_json::json!(["forloebet.html", "Forløbet"]));
        assert_eq!(
            json["docs"][1],
            serde_json::json!([0, "stop", "Stop før tid", "Kontakt HR, hvis I vil afslutte forløbet."])
        );
        assert_eq!(json["stems"]["møde"], serde_json::json!(["s"]));
        assert!(json["stop"].as_array().unwrap().iter().any(|w| w == "vi"));
        // "forløb" is in section 0's title (weight 10), and in the text (1) of sections 1 and 2,
        // written as differences: 0, 1, 1; the weight 10 before its section, negated.
        assert_eq!(json["index"]["forløb"], serde_json::json!([-10, 0, 1, 1]));
    }
}
