//! Building whole projects and looking at the produced HTML.

mod common;

use common::{Project, attrs, programme_yaml, texts};

#[test]
fn settings_are_quoted_in_the_page_language() {
    // Protects: every sentence that quotes a setting speaks the site's language.
    let built = Project::minimal().build(&[]);
    built.assert_ok();
    let da = built.html("da-prog", "index.html");
    assert_eq!(
        texts(&da, "main p")[0],
        "Velkommen til Mentorordningen. Parrene mødes hver 2. måned i 1½ time."
    );
    let sv = built.html("sv-prog", "index.html");
    assert_eq!(
        texts(&sv, "main p")[0],
        "Välkommen till Mentorordningen. Ni träffas varannan månad i 1,5 timmar."
    );
    assert_eq!(attrs(&da, "html", "lang"), ["da"]);
    assert_eq!(attrs(&sv, "html", "lang"), ["sv"]);
}
