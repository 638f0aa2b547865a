//! Components: what a page places with `{{ name(...) }}` on a line of its own.
//!
//! Input: a component call from the Markdown wing, and the programme's data in its own words
//! (worksheets, roles diagram, contacts, key dates, the pages present). Output: the component's
//! HTML, written by the theme's `templates/components/<name>.html` from a typed context, and the
//! words a reader sees in it, for search. Rust validates and computes (a diagram's geometry, a
//! date's wording); the templates write all markup, so a theme or a programme can change it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::layout::root_prefix;
use crate::markdown::{Call, Component, Components};
use crate::roles::RolesDiagram;
use crate::settings::{Contact, DateName, Programme};
use crate::strings::Strings;
use crate::theme::Theme;
use crate::vocabulary::event_text;
use crate::worksheet::Worksheet;

/// A page a page list can show.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Listed<'a> {
    /// Its path in the site (`vaerktoejer/swot.md`).
    #[serde(skip)]
    pub rel: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
}

/// The components of one site.
pub(crate) struct Host<'a> {
    pub theme: &'a Theme,
    /// The site's template data (interface strings, site facts).
    pub site: &'a tera::Context,
    pub programme: &'a Programme,
    pub strings: &'a Strings,
    pub worksheets: &'a BTreeMap<String, Worksheet>,
    pub diagram: Option<&'a RolesDiagram>,
    /// The site's pages in navigation order.
    pub pages: &'a [Listed<'a>],
    /// Components already rendered, by name, argument and `root`: a worksheet or the diagram
    /// placed on many pages is the same on every page as deep in the site.
    pub made: std::sync::Mutex<rustc_hash::FxHashMap<Made, Component>>,
}

/// A component call by name and argument, and the `root` of the page it is on.
pub(crate) type Made = (String, Option<String>, String);

const NAMES: &str = "`worksheet(\"id\")`, `roles_diagram()`, `contacts()`, `key_dates()`, `page_list()` or `page_list(\"folder\")`";

#[derive(Serialize)]
struct WorksheetContext<'a> {
    root: &'a str,
    worksheet: crate::worksheet::WorksheetView<'a>,
}

#[derive(Serialize)]
struct DiagramContext<'a> {
    root: &'a str,
    diagram: crate::roles::DiagramView,
}

#[derive(Serialize)]
struct ContactsContext<'a> {
    root: &'a str,
    contacts: &'a [Contact],
    /// `page` or `footer`: where the list stands (ids differ, so both can be on one page).
    placement: &'static str,
}

#[derive(Serialize)]
struct DatesContext<'a> {
    root: &'a str,
    dates: Vec<DateView<'a>>,
}

#[derive(Serialize)]
struct DateView<'a> {
    name: DateName,
    label: &'a str,
    /// "onsdag den 24. august 2011 kl. 14.00–16.00".
    when: String,
    place: Option<&'a str>,
    /// The calendar file, from the site root.
    calendar: String,
}

#[derive(Serialize)]
struct PageListContext<'a> {
    root: &'a str,
    pages: Vec<ListedView<'a>>,
}

#[derive(Serialize)]
struct ListedView<'a> {
    #[serde(flatten)]
    page: &'a Listed<'a>,
    /// From the site root.
    url: String,
}

impl Host<'_> {
    fn render(&self, template: &str, view: &impl Serialize) -> Result<String, (String, String)> {
        self.theme
            .render(template, self.site.clone(), view)
            .map_err(|d| (d.message, d.file.map(|f| format!("in {}", f.display())).unwrap_or_default()))
    }

    fn worksheet(&self, id: Option<String>, root: &str) -> Result<Component, (String, String)> {
        let Some(id) = id else {
            return Err((
                "`worksheet` needs the worksheet's id, e.g. `worksheet(\"swot\")`".into(),
                String::new(),
            ));
        };
        let Some(ws) = self.worksheets.get(&id) else {
            let known = self.worksheets.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            return Err((
                format!("there is no worksheet `{id}`"),
                format!("the worksheets are: {known} (files in `worksheets/`)"),
            ));
        };
        let intro = ws.intro.as_ref().map(|i| crate::markdown::fragment(i));
        let view =
            WorksheetContext { root, worksheet: ws.view(&id, &self.programme.id, self.strings, intro) };
        Ok(Component {
            html: self.render("components/worksheet.html", &view)?,
            text: ws.text(),
            worksheet: Some(id),
        })
    }

    fn diagram(&self, root: &str) -> Result<Component, (String, String)> {
        let Some(diagram) = self.diagram else {
            return Err((
                "there is no roles diagram (`roles.yaml`) for this programme".into(),
                String::new(),
            ));
        };
        let view = DiagramContext { root, diagram: diagram.view("roles-diagram", self.strings) };
        Ok(Component {
            html: self.render("components/roles-diagram.html", &view)?,
            text: diagram.text(),
            worksheet: None,
        })
    }

    fn contacts(&self, root: &str) -> Result<Component, (String, String)> {
        let contacts = &self.programme.settings.contacts;
        if contacts.is_empty() {
            return Ok(Component::default());
        }
        let text = contacts
            .iter()
            .map(|c| {
                [Some(&c.name), c.title.as_ref(), c.unit.as_ref()]
                    .into_iter()
                    .flatten()
                    .map(|t| t.value.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n");
        let view = ContactsContext { root, contacts, placement: "page" };
        Ok(Component {
            html: self.render("components/contacts.html", &view)?,
            text: format!("{}\n{text}", self.strings.contacts_heading.value),
            worksheet: None,
        })
    }

    fn key_dates(&self, root: &str) -> Result<Component, (String, String)> {
        let lang = self.programme.lang();
        let dates: Vec<DateView> = self
            .programme
            .settings
            .dates
            .iter()
            .map(|(name, event)| DateView {
                name,
                label: self.strings.date_label(name),
                when: event_text(lang, event),
                place: event.place.as_deref(),
                calendar: calendar_file(name),
            })
            .collect();
        if dates.is_empty() {
            return Ok(Component::default());
        }
        let text = dates
            .iter()
            .map(|d| format!("{}: {} {}", d.label, d.when, d.place.unwrap_or("")))
            .collect::<Vec<_>>()
            .join("\n");
        let view = DatesContext { root, dates };
        Ok(Component {
            html: self.render("components/key-dates.html", &view)?,
            text: format!("{}\n{text}", self.strings.dates_heading.value),
            worksheet: None,
        })
    }

    fn page_list(
        &self,
        folder: Option<String>,
        page_rel: &str,
        root: &str,
    ) -> Result<Component, (String, String)> {
        let folder =
            folder.unwrap_or_else(|| page_rel.rsplit_once('/').map_or(String::new(), |(f, _)| f.to_owned()));
        let folder = folder.trim_matches('/');
        let in_folder = |rel: &str| match rel.rsplit_once('/') {
            Some((f, _)) => f == folder,
            None => folder.is_empty(),
        };
        if !folder.is_empty() && !self.pages.iter().any(|p| p.rel.starts_with(&format!("{folder}/"))) {
            let folders: std::collections::BTreeSet<&str> =
                self.pages.iter().filter_map(|p| p.rel.rsplit_once('/').map(|(f, _)| f)).collect();
            return Err((
                format!("there is no folder `{folder}` with pages"),
                format!(
                    "the folders are: {}",
                    folders.into_iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
        let pages: Vec<ListedView> = self
            .pages
            .iter()
            .filter(|p| in_folder(p.rel) && p.rel != page_rel && !p.rel.ends_with("index.md"))
            .map(|p| ListedView {
                page: p,
                url: format!("{}.html", p.rel.strip_suffix(".md").unwrap_or(p.rel)),
            })
            .collect();
        let text = pages
            .iter()
            .map(|p| format!("{} {}", p.page.title, p.page.description.unwrap_or("")))
            .collect::<Vec<_>>()
            .join("\n");
        let view = PageListContext { root, pages };
        Ok(Component { html: self.render("components/page-list.html", &view)?, text, worksheet: None })
    }
}

/// Where a key date's calendar file is, from the site root.
pub(crate) fn calendar_file(name: DateName) -> String {
    format!("calendar/{}.ics", name.key())
}

impl Components for Host<'_> {
    fn render(&self, call: &Call, page_rel: &str) -> Result<Component, (String, String)> {
        // A page list leaves out the page it is on, so only it depends on more than the root.
        if call.name == "page_list" {
            return self.render_now(call, page_rel);
        }
        let key = (call.name.to_owned(), call.argument.clone(), root_prefix(page_rel));
        let made = || self.made.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(component) = made().get(&key) {
            return Ok(component.clone());
        }
        let component = self.render_now(call, page_rel)?;
        made().insert(key, component.clone());
        Ok(component)
    }
}

impl Host<'_> {
    fn render_now(&self, call: &Call, page_rel: &str) -> Result<Component, (String, String)> {
        let root = root_prefix(page_rel);
        let no_argument = || match &call.argument {
            None => Ok(()),
            Some(_) => Err((format!("`{}()` takes no argument", call.name), String::new())),
        };
        match call.name {
            "worksheet" => self.worksheet(call.argument.clone(), &root),
            "roles_diagram" => no_argument().and_then(|()| self.diagram(&root)),
            "contacts" => no_argument().and_then(|()| self.contacts(&root)),
            "key_dates" => no_argument().and_then(|()| self.key_dates(&root)),
            "page_list" => self.page_list(call.argument.clone(), page_rel, &root),
            other => Err((format!("unknown component `{other}`"), format!("the components are {NAMES}"))),
        }
    }
}
