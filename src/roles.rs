//! The mentor-roles diagram: two axes and two to six roles placed on them, drawn from data.
//!
//! Input: `roles.yaml` (see `content/FORMAT.md`) and the roles a programme leaves out. Output: a
//! [`RolesDiagram`] (validated: ids unique, each role in a place of its own, none empty), worded
//! for the programme like a page, and its [`DiagramView`]: the typed context of the theme's
//! `components/roles-diagram.html`. Rust computes the geometry (where each box, line and word
//! goes, for a wide and a narrow drawing); the template writes the SVG and the table that
//! carries the same facts as text.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize, Serializer};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Problems};
use crate::settings::Text;
use crate::strings::Strings;
use crate::vocabulary::Vocabulary;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RolesDiagram {
    pub title: Text,
    pub description: Text,
    pub axes: AxisLabels,
    pub roles: Vec<Role>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AxisLabels {
    pub directive: Text,
    pub non_directive: Text,
    pub challenging: Text,
    pub supporting: Text,
}

/// A place along the horizontal axis.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Across {
    Directive,
    Middle,
    NonDirective,
}

/// A place along the vertical axis.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Along {
    Challenging,
    Middle,
    Supporting,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Role {
    /// How a programme names the role to leave it out (`coach`).
    pub id: String,
    pub x: Across,
    pub y: Along,
    pub name: Text,
    pub says: Text,
    pub responsibility: Text,
}

const MIN_ROLES: usize = 2;
const MAX_ROLES: usize = 6;

impl RolesDiagram {
    pub fn parse(text: &str, file: &Path) -> Result<RolesDiagram, Diagnostic> {
        let d: RolesDiagram = crate::yaml::parse(text, file, 0)?;
        let mut ids = HashSet::new();
        let mut places = HashSet::new();
        for r in &d.roles {
            let at = |message: String| {
                Diagnostic::error(message).in_file(file).at(text, r.name.at.line() as usize, 1)
            };
            if !ids.insert(r.id.as_str()) {
                return Err(at(format!("two roles have the id `{}`; each role needs its own", r.id)));
            }
            if !places.insert((r.x, r.y)) {
                return Err(at(format!("the role `{}` is in the same place (x, y) as another role", r.id))
                    .with_help("give each role its own place: x is `directive`, `middle` or `non_directive`, y is `challenging`, `middle` or `supporting`"));
            }
            for (what, value) in [("name", &r.name), ("says", &r.says), ("responsibility", &r.responsibility)]
            {
                if value.trim().is_empty() {
                    return Err(Diagnostic::error(format!("the role `{}` has an empty `{what}`", r.id))
                        .in_file(file)
                        .at(text, value.at.line() as usize, value.at.column() as usize)
                        .with_help(
                            "every role needs a name, a typical saying and who holds the responsibility",
                        ));
                }
            }
        }
        d.check_count().map_err(|m| Diagnostic::error(m).in_file(file))?;
        Ok(d)
    }

    fn check_count(&self) -> Result<(), String> {
        if (MIN_ROLES..=MAX_ROLES).contains(&self.roles.len()) {
            Ok(())
        } else {
            Err(format!(
                "the diagram has {} role(s); it needs from {MIN_ROLES} to {MAX_ROLES}",
                self.roles.len()
            ))
        }
    }

    /// The diagram without the roles a programme leaves out (`roles_diagram.drop` in its
    /// `programme.yaml`, whose text is `settings_text`).
    pub fn without(
        &self,
        drop: &[Spanned<String>],
        settings_file: &Path,
        settings_text: &str,
    ) -> Result<RolesDiagram, Problems> {
        let mut problems = Problems::default();
        for id in drop {
            if !self.roles.iter().any(|r| r.id == id.value) {
                let ids = self.roles.iter().map(|r| format!("`{}`", r.id)).collect::<Vec<_>>().join(", ");
                problems.push(
                    Diagnostic::error(format!("the diagram has no role `{}` to leave out", id.value))
                        .in_file(settings_file)
                        .at(settings_text, id.referenced.line() as usize, id.referenced.column() as usize)
                        .with_help(format!("the roles are: {ids}")),
                );
            }
        }
        let mut kept = self.clone();
        kept.roles.retain(|r| !drop.iter().any(|d| d.value == r.id));
        if let Err(m) = kept.check_count() {
            problems
                .push(Diagnostic::error(format!("after `roles_diagram.drop`, {m}")).in_file(settings_file));
        }
        if problems.has_errors() { Err(problems) } else { Ok(kept) }
    }

    /// The diagram in one programme's words.
    pub fn worded(&self, v: &Vocabulary, file: &Path, source: &str) -> Result<RolesDiagram, Problems> {
        let mut d = self.clone();
        let mut problems = Problems::default();
        let a = &mut d.axes;
        let mut texts: Vec<&mut Text> = vec![
            &mut d.title,
            &mut d.description,
            &mut a.directive,
            &mut a.non_directive,
            &mut a.challenging,
            &mut a.supporting,
        ];
        for r in &mut d.roles {
            texts.extend([&mut r.name, &mut r.says, &mut r.responsibility]);
        }
        for text in texts {
            match v.expand_text(&text.value) {
                Ok(worded) => text.value = worded,
                Err(e) => problems.push(e.in_text(text, file, source)),
            }
        }
        if problems.has_errors() { Err(problems) } else { Ok(d) }
    }

    /// The diagram's words, for the search index.
    pub fn text(&self) -> String {
        let mut out = format!("{} {}\n", self.title.value, self.description.value);
        for r in &self.roles {
            out.push_str(&format!("{} {} {}\n", r.name.value, r.says.value, r.responsibility.value));
        }
        out
    }

    /// Where a role is, in words: "Direktiv, Udfordrende".
    fn position(&self, r: &Role, strings: &Strings) -> String {
        let a = &self.axes;
        let across = match r.x {
            Across::Directive => Some(&a.directive.value),
            Across::Middle => None,
            Across::NonDirective => Some(&a.non_directive.value),
        };
        let along = match r.y {
            Along::Challenging => Some(&a.challenging.value),
            Along::Middle => None,
            Along::Supporting => Some(&a.supporting.value),
        };
        match (across, along) {
            (Some(x), Some(y)) => format!("{x}, {y}"),
            (Some(one), None) | (None, Some(one)) => one.clone(),
            (None, None) => strings.roles_middle.value.clone(),
        }
    }

    /// The typed context of `components/roles-diagram.html`.
    pub fn view(&self, id: &str, strings: &Strings) -> DiagramView {
        let quoted = |says: &str| format!("{}{says}{}", strings.quote_open.value, strings.quote_close.value);
        DiagramView {
            id: id.to_owned(),
            title: self.title.value.clone(),
            description: self.description.value.clone(),
            drawings: [Geometry::WIDE, Geometry::NARROW]
                .iter()
                .map(|g| self.drawing(id, g, &quoted))
                .collect(),
            roles: self
                .roles
                .iter()
                .map(|r| RoleRow {
                    name: r.name.value.clone(),
                    position: self.position(r, strings),
                    says: quoted(&r.says),
                    responsibility: r.responsibility.value.clone(),
                })
                .collect(),
        }
    }

    fn drawing(&self, id: &str, g: &Geometry, quoted: &dyn Fn(&str) -> String) -> Drawing {
        let (w, h, m, f) = (g.width, g.height, g.margin, g.font);
        let (cw, ch) = ((w - 2.0 * m) / 2.0, (h - 2.0 * m) / 2.0);
        let quadrant_of = |col: usize, row: usize| {
            self.roles.iter().position(|r| {
                let c = match r.x {
                    Across::Directive => 0,
                    Across::NonDirective => 1,
                    Across::Middle => 9,
                };
                let rw = match r.y {
                    Along::Challenging => 0,
                    Along::Supporting => 1,
                    Along::Middle => 9,
                };
                (c, rw) == (col, row)
            })
        };
        let quadrants = [(0, 0), (1, 0), (0, 1), (1, 1)]
            .iter()
            .map(|&(col, row)| Area {
                x: Num(m + col as f64 * cw),
                y: Num(m + row as f64 * ch),
                width: Num(cw),
                height: Num(ch),
                tone: col + 2 * row,
                empty: quadrant_of(col, row).is_none(),
            })
            .collect();
        let roles = self
            .roles
            .iter()
            .map(|r| {
                let says = wrap(&quoted(&r.says), g.wrap);
                let responsibility = wrap(&r.responsibility, g.wrap);
                // The block's height from its first line's top: name, sayings, a gap, responsibility.
                let height =
                    f * 1.6 + says.len() as f64 * f * 1.3 + f * 0.4 + responsibility.len() as f64 * f * 1.2;
                let cx = match r.x {
                    Across::Directive => m + cw / 2.0,
                    Across::Middle => w / 2.0,
                    Across::NonDirective => m + cw * 1.5,
                };
                let in_quadrant = r.x != Across::Middle && r.y != Along::Middle;
                // A role in a quadrant starts near its top; one on an axis is a card centred on
                // its place, drawn over the axis.
                let (top, card) = if in_quadrant {
                    let y0 = if r.y == Along::Challenging { m } else { m + ch };
                    (y0 + f * 2.0, None)
                } else {
                    let cy = match r.y {
                        Along::Challenging => m + ch / 2.0,
                        Along::Middle => h / 2.0,
                        Along::Supporting => m + ch * 1.5,
                    };
                    let top = cy - height / 2.0 + f * 0.6;
                    let pad = f * 0.8;
                    let card = Area {
                        x: Num(cx - cw * 0.45),
                        y: Num(top - f * 1.2 - pad / 2.0),
                        width: Num(cw * 0.9),
                        height: Num(height + pad + f * 0.2),
                        tone: 4,
                        empty: false,
                    };
                    (top, Some(card))
                };
                let mut y = top + f * 1.6;
                let says = says
                    .into_iter()
                    .map(|text| {
                        let line = Line { y: Num(y), text };
                        y += f * 1.3;
                        line
                    })
                    .collect();
                y += f * 0.4;
                let responsibility = responsibility
                    .into_iter()
                    .map(|text| {
                        let line = Line { y: Num(y), text };
                        y += f * 1.2;
                        line
                    })
                    .collect();
                // A long name ("Sparringspartner" in the narrow drawing) gets a smaller font so
                // it stays inside its quadrant: a bold letter is about 0.62 of the font wide.
                let letters = r.name.value.chars().count().max(1) as f64;
                let name_font = (f * 1.25).min(cw * 0.88 / (letters * 0.62));
                Placed {
                    x: Num(cx),
                    name: r.name.value.clone(),
                    name_font: Num(name_font),
                    name_y: Num(top),
                    card,
                    says,
                    responsibility,
                }
            })
            .collect();
        let (mx, my) = (w / 2.0, h / 2.0);
        let a = &self.axes;
        let label = |x: f64, y: f64, anchor: &'static str, text: &Text| Label {
            x: Num(x),
            y: Num(y),
            anchor,
            text: text.value.clone(),
        };
        Drawing {
            id: format!("{id}-{}", g.kind),
            kind: g.kind,
            width: Num(w),
            height: Num(h),
            font: Num(f),
            small_font: Num(f * 0.9),
            label_font: Num(f * 0.95),
            quadrants,
            roles,
            axes: [Num(m), Num(my), Num(w - m), Num(mx), Num(h - m)],
            labels: vec![
                label(mx, m - f * 0.6, "middle", &a.challenging),
                label(mx, h - m + f * 1.3, "middle", &a.supporting),
                label(m, my - f * 0.5, "start", &a.directive),
                label(w - m, my - f * 0.5, "end", &a.non_directive),
            ],
        }
    }
}

/// A coordinate, written without a needless `.0` and to a tenth at most.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Num(f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let tenth = (self.0 * 10.0).round() / 10.0;
        if tenth.fract() == 0.0 { s.serialize_i64(tenth as i64) } else { s.serialize_f64(tenth) }
    }
}

/// What `components/roles-diagram.html` sees.
#[derive(Debug, Serialize)]
pub(crate) struct DiagramView {
    pub id: String,
    pub title: String,
    pub description: String,
    /// A wide drawing (screens and print) and a narrow one (phones), switched by CSS.
    pub drawings: Vec<Drawing>,
    /// The same facts as text, one row per role.
    pub roles: Vec<RoleRow>,
}

#[derive(Debug, Serialize)]
pub(crate) struct RoleRow {
    pub name: String,
    pub position: String,
    pub says: String,
    pub responsibility: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct Drawing {
    pub id: String,
    pub kind: &'static str,
    pub width: Num,
    pub height: Num,
    pub font: Num,
    pub small_font: Num,
    pub label_font: Num,
    /// The four quadrants' backgrounds (`tone` 0 to 3, left to right, top to bottom).
    pub quadrants: Vec<Area>,
    pub roles: Vec<Placed>,
    /// The axes: left x, middle y, right x, middle x, bottom y (they start at the margin).
    pub axes: [Num; 5],
    pub labels: Vec<Label>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Area {
    pub x: Num,
    pub y: Num,
    pub width: Num,
    pub height: Num,
    pub tone: usize,
    /// No role stands in this quadrant.
    pub empty: bool,
}

/// One role's words in the drawing, centred on `x`.
#[derive(Debug, Serialize)]
pub(crate) struct Placed {
    pub x: Num,
    pub name: String,
    /// The name's font size: the drawing's, or smaller for a name too long for the quadrant.
    pub name_font: Num,
    pub name_y: Num,
    /// The box behind a role that stands on an axis rather than in a quadrant.
    pub card: Option<Area>,
    pub says: Vec<Line>,
    pub responsibility: Vec<Line>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Line {
    pub y: Num,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct Label {
    pub x: Num,
    pub y: Num,
    pub anchor: &'static str,
    pub text: String,
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

    const FOUR: &str = "title: T\ndescription: D\naxes: {directive: a, non_directive: b, challenging: c, supporting: d}\nroles:\n  - {id: networker, x: directive, y: challenging, name: A, says: a, responsibility: r}\n  - {id: coach, x: non_directive, y: challenging, name: B, says: b, responsibility: r}\n  - {id: adviser, x: directive, y: supporting, name: C, says: c, responsibility: r}\n  - {id: sparring, x: non_directive, y: supporting, name: D, says: d, responsibility: r}\n";

    #[test]
    fn wrapping_keeps_every_word() {
        assert_eq!(wrap("Hvad har du tænkt dig at gøre?", 12), ["Hvad har du", "tænkt dig at", "gøre?"]);
    }

    #[test]
    fn each_role_needs_a_place_of_its_own_and_words() {
        let twice = FOUR.replace("x: non_directive, y: challenging", "x: directive, y: challenging");
        let err = RolesDiagram::parse(&twice, Path::new("roles.yaml")).unwrap_err();
        assert!(err.message.contains("the role `coach` is in the same place"), "{}", err.message);
        let empty = FOUR.replace("name: B,", "name: \"\",");
        let err = RolesDiagram::parse(&empty, Path::new("roles.yaml")).unwrap_err();
        assert_eq!(err.message, "the role `coach` has an empty `name`");
        assert_eq!(err.line, Some(6));
    }

    #[test]
    fn a_long_name_gets_a_font_that_keeps_it_inside_its_quadrant() {
        let d =
            RolesDiagram::parse(&FOUR.replace("name: D,", "name: Sparringspartner,"), Path::new("r.yaml"))
                .unwrap();
        let quoted = |s: &str| s.to_owned();
        let narrow = d.drawing("roles", &super::Geometry::NARROW, &quoted);
        let wide = d.drawing("roles", &super::Geometry::WIDE, &quoted);
        let (short, long) = (narrow.roles[0].name_font.0, narrow.roles[3].name_font.0);
        assert!(long < short, "{long} {short}");
        // 16 bold letters at about 0.62 of the font each fit the narrow quadrant's width.
        let quadrant = narrow.quadrants[3].width.0;
        assert!(16.0 * 0.62 * long <= quadrant * 0.9, "{long} in {quadrant}");
        // The wide drawing has room: the same font for every name.
        assert_eq!(wide.roles[0].name_font.0, wide.roles[3].name_font.0);
    }

    #[test]
    fn two_to_six_roles_and_dropping_keeps_at_least_two() {
        let d = RolesDiagram::parse(FOUR, Path::new("roles.yaml")).unwrap();
        let drop = |ids: &[&str]| {
            let yaml = format!("drop: [{}]\n", ids.join(", "));
            #[derive(serde::Deserialize)]
            struct D {
                drop: Vec<serde_saphyr::Spanned<String>>,
            }
            let parsed: D = serde_saphyr::from_str(&yaml).unwrap();
            d.without(&parsed.drop, Path::new("programme.yaml"), &yaml)
                .map_err(|p| p.render(Path::new("/"), false))
        };
        assert_eq!(drop(&["coach"]).unwrap().roles.len(), 3);
        let err = drop(&["kouch"]).unwrap_err();
        assert!(
            err.contains("the diagram has no role `kouch`") && err.contains("programme.yaml:1:8"),
            "{err}"
        );
        assert!(err.contains("`networker`, `coach`, `adviser`, `sparring`"), "{err}");
        assert!(drop(&["coach", "adviser", "sparring"]).unwrap_err().contains("it needs from 2 to 6"));
    }
}
