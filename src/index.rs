//! Stage 6, index: the search index of one site.
//!
//! Input: the site's language and, per page, its title, URL and text sections. Output: the
//! JavaScript file `search-index.js`, which sets `window.HANDBOOK_SEARCH` when loaded with a
//! plain `<script>` tag, so search works from `file://` and under any sub-path.

use elasticlunr::Index;

use crate::lang::Lang;
use crate::render::TextSection;

/// One searchable section of a page.
pub struct SearchPage<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub sections: &'a [TextSection],
}

fn language(lang: Lang) -> Box<dyn elasticlunr::Language> {
    match lang {
        Lang::Danish => Box::new(elasticlunr::lang::Danish::new()),
        Lang::Swedish => Box::new(elasticlunr::lang::Swedish::new()),
    }
}

/// Builds the index script.
pub fn build(lang: Lang, pages: &[SearchPage]) -> String {
    let mut index = Index::with_language(language(lang), &["title", "heading", "body"]);
    for page in pages {
        for (n, section) in page.sections.iter().enumerate() {
            let (anchor, heading) = match &section.heading {
                Some(h) => (format!("#{}", h.id), h.text.as_str()),
                None => (String::new(), ""),
            };
            let doc_ref = format!("{}{}", page.url, if n == 0 && anchor.is_empty() { "" } else { &anchor });
            index.add_doc(&doc_ref, [page.title, heading, section.text.trim()]);
        }
    }
    format!("window.HANDBOOK_SEARCH = {};\n", index.to_json())
}
