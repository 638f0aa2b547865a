//! The mentor-roles diagram: two axes, four roles, drawn from data.
//!
//! Input: `roles.yaml` (see `content/FORMAT.md`). Output: a [`RolesDiagram`] (validated: one role
//! per quadrant) and its HTML: an inline SVG with `<title>` and `<desc>` (one drawing for wide
//! screens and print, one for phones, switched by CSS), followed by a table that carries the same
//! facts as text for screen readers and anyone who prefers it.

use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::html::escape;
use crate::i18n::I18n;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RolesDiagram {
    pub title: String,
    pub description: String,
    pub axes: AxisLabels,
    pub roles: Vec<Role>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AxisLabels {
    pub directive: String,
    pub non_directive: String,
    pub challenging: String,
    pub supporting: String,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum Quadrant {
    #[serde(rename = "directive-challenging")]
    DirectiveChallenging,
    #[serde(rename = "non_directive-challenging")]
    NonDirectiveChallenging,
    #[serde(rename = "directive-supporting")]
    DirectiveSupporting,
    #[serde(rename = "non_directive-supporting")]
    NonDirectiveSupporting,
}

impl Quadrant {
    /// Column and row in the drawing: directive on the left, challenging on top.
    fn cell(self) -> (usize, usize) {
        match self {
            Quadrant::DirectiveChallenging => (0, 0),
            Quadrant::NonDirectiveChallenging => (1, 0),
            Quadrant::DirectiveSupporting => (0, 1),
            Quadrant::NonDirectiveSupporting => (1, 1),
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub quadrant: Quadrant,
    pub name: String,
    pub says: String,
    pub responsibility: String,
}

impl RolesDiagram {
    pub fn parse(text: &str, file: &Path) -> Result<RolesDiagram, Diagnostic> {
        let d: RolesDiagram = crate::yaml::parse(text, file, 0)?;
        let mut cells: Vec<(usize, usize)> = d.roles.iter().map(|r| r.quadrant.cell()).collect();
        cells.sort();
        cells.dedup();
        if d.roles.len() != 4 || cells.len() != 4 {
            return Err(Diagnostic::error(format!(
                "the diagram needs exactly four roles, one in each quadrant (directive-challenging, non_directive-challenging, directive-supporting, non_directive-supporting); found {} role(s) in {} quadrant(s)",
                d.roles.len(),
                cells.len()
            ))
            .in_file(file));
        }
        Ok(d)
    }

    /// The diagram's words, for the search index.
    pub fn text(&self) -> String {
        let mut out = format!("{} {}\n", self.title, self.description);
        for r in &self.roles {
            let _ = writeln!(out, "{} {} {}", r.name, r.says, r.responsibility);
        }
        out
    }

    fn position(&self, q: Quadrant) -> String {
        let a = &self.axes;
        match q {
            Quadrant::DirectiveChallenging => format!("{}, {}", a.directive, a.challenging),
            Quadrant::NonDirectiveChallenging => format!("{}, {}", a.non_directive, a.challenging),
            Quadrant::DirectiveSupporting => format!("{}, {}", a.directive, a.supporting),
            Quadrant::NonDirectiveSupporting => format!("{}, {}", a.non_directive, a.supporting),
        }
    }

    pub fn to_html(&self, id: &str, i18n: &I18n) -> String {
        // The table follows the figure (a figure may hold only one caption, first or last).
        let mut h = format!(r#"<div class="roles-diagram" id="{id}"><figure>"#);
        h.push_str(&self.svg(&format!("{id}-wide"), &Geometry::WIDE, i18n));
        h.push_str(&self.svg(&format!("{id}-narrow"), &Geometry::NARROW, i18n));
        let _ = write!(
            h,
            r#"<figcaption>{}</figcaption></figure><table class="roles-text"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
            escape(&self.title),
            escape(i18n.get("roles_text_caption")),
            escape(i18n.get("roles_role")),
            escape(i18n.get("roles_position")),
            escape(i18n.get("roles_says")),
            escape(i18n.get("roles_responsibility")),
        );
        for r in &self.roles {
            let _ = write!(
                h,
                r#"<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>"#,
                escape(&r.name),
                escape(&self.position(r.quadrant)),
                escape(&quoted(&r.says, i18n)),
                escape(&r.responsibility)
            );
        }
        h.push_str("</tbody></table></div>");
        h
    }

    fn svg(&self, id: &str, g: &Geometry, i18n: &I18n) -> String {
        let (w, hgt, m) = (g.width, g.height, g.margin);
        let (cw, ch) = ((w - 2.0 * m) / 2.0, (hgt - 2.0 * m) / 2.0);
        let mut s = format!(
            r#"<svg class="roles-svg roles-svg-{kind}" viewBox="0 0 {w} {hgt}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"#,
            kind = g.kind,
            title = escape(&self.title),
            desc = escape(&self.description),
        );
        let fills = ["#e8f1f8", "#eef6ec", "#fdf3e4", "#f3eef8"];
        for r in &self.roles {
            let (col, row) = r.quadrant.cell();
            let (x, y) = (m + col as f64 * cw, m + row as f64 * ch);
            let _ = write!(
                s,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{cw}\" height=\"{ch}\" fill=\"{}\" stroke=\"#5b6770\" stroke-width=\"1\"/>",
                fills[col + 2 * row]
            );
            let cx = x + cw / 2.0;
            let mut ty = y + g.font * 2.0;
            let _ = write!(
                s,
                "<text x=\"{cx}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"{}\" font-weight=\"700\" fill=\"#1a1a1a\">{}</text>",
                g.font * 1.25,
                escape(&r.name)
            );
            ty += g.font * 1.6;
            for line in wrap(&quoted(&r.says, i18n), g.wrap) {
                let _ = write!(
                    s,
                    "<text x=\"{cx}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"{}\" font-style=\"italic\" fill=\"#1a1a1a\">{}</text>",
                    g.font,
                    escape(&line)
                );
                ty += g.font * 1.3;
            }
            ty += g.font * 0.4;
            for line in wrap(&r.responsibility, g.wrap) {
                let _ = write!(
                    s,
                    "<text x=\"{cx}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"{}\" fill=\"#33414b\">{}</text>",
                    g.font * 0.9,
                    escape(&line)
                );
                ty += g.font * 1.2;
            }
        }
        // Axes: arrows through the middle, labels at the four ends.
        let (mx, my) = (w / 2.0, hgt / 2.0);
        let _ = write!(
            s,
            "<g stroke=\"#1a1a1a\" stroke-width=\"2\"><line x1=\"{m}\" y1=\"{my}\" x2=\"{}\" y2=\"{my}\"/><line x1=\"{mx}\" y1=\"{m}\" x2=\"{mx}\" y2=\"{}\"/></g>",
            w - m,
            hgt - m
        );
        let label = |s: &mut String, x: f64, y: f64, anchor: &str, text: &str| {
            let _ = write!(
                s,
                "<text x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\" font-size=\"{}\" font-weight=\"700\" fill=\"#1a1a1a\">{}</text>",
                g.font * 0.95,
                escape(text)
            );
        };
        let a = &self.axes;
        label(&mut s, mx, m - g.font * 0.6, "middle", &a.challenging);
        label(&mut s, mx, hgt - m + g.font * 1.3, "middle", &a.supporting);
        label(&mut s, m, my - g.font * 0.5, "start", &a.directive);
        label(&mut s, w - m, my - g.font * 0.5, "end", &a.non_directive);
        s.push_str("</svg>");
        s
    }
}

/// A saying in the language's quotation marks: »…« in Danish, ”…” in Swedish.
fn quoted(text: &str, i18n: &I18n) -> String {
    format!("{}{text}{}", i18n.get("quote_open"), i18n.get("quote_close"))
}

struct Geometry {
    kind: &'static str,
    width: f64,
    height: f64,
    margin: f64,
    font: f64,
    wrap: usize,
}

impl Geometry {
    const WIDE: Geometry =
        Geometry { kind: "wide", width: 760.0, height: 520.0, margin: 34.0, font: 16.0, wrap: 34 };
    const NARROW: Geometry =
        Geometry { kind: "narrow", width: 340.0, height: 560.0, margin: 26.0, font: 13.0, wrap: 18 };
}

/// Greedy word wrap by characters; a word longer than the width gets a line of its own.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{RolesDiagram, wrap};
    use std::path::Path;

    #[test]
    fn wrapping_keeps_every_word() {
        assert_eq!(wrap("Hvad har du tænkt dig at gøre?", 12), ["Hvad har du", "tænkt dig at", "gøre?"]);
    }

    #[test]
    fn each_quadrant_needs_one_role() {
        let yaml = "title: T\ndescription: D\naxes: {directive: a, non_directive: b, challenging: c, supporting: d}\nroles:\n  - {quadrant: directive-challenging, name: A, says: a, responsibility: r}\n  - {quadrant: directive-challenging, name: B, says: b, responsibility: r}\n  - {quadrant: directive-supporting, name: C, says: c, responsibility: r}\n  - {quadrant: non_directive-supporting, name: D, says: d, responsibility: r}\n";
        let err = RolesDiagram::parse(yaml, Path::new("roles.yaml")).unwrap_err();
        assert!(err.message.contains("one in each quadrant"), "{}", err.message);
    }
}
