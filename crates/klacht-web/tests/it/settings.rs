//! The regulation's settings pages (T16, T11): every part of a version edited with form fields,
//! saved as a draft only when `klacht profile check` would accept it, each error at its field.

use crate::support::app::{self, TestApp};
use crate::support::desk::{Desk, Page};
use klacht_core::Role;
use reqwest::StatusCode;

const NOW: &str = "2026-12-07T12:00:00+01:00";

async fn coordinator() -> (TestApp, Desk) {
    let app = app::builtin("template", NOW.parse().unwrap(), app::PublicUrl::Test).await;
    let (_, secret) = app::staff_user(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let desk = Desk::sign_in(&app, "c@x.nl", secret.as_deref()).await;
    (app, desk)
}

fn unescape(s: &str) -> String {
    s.replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')?;
    Some(unescape(&tag[start..start + end]))
}

/// What a browser sends for the settings form on `page`, as it is shown: every text field, the
/// ticked boxes, the chosen options.
fn fields(page: &Page) -> Vec<(String, String)> {
    let body = &page.body;
    let form = &body[body
        .find("<form method=\"post\" action=\"/beheer/regeling/")
        .expect("the settings form")..];
    let form = &form[..form.find("</form>").expect("the form's end")];
    let mut out = Vec::new();
    let mut rest = form;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = rest.find('>').expect("a tag's end");
        let tag = &rest[..=end];
        if tag.starts_with("<input") {
            let name = attr(tag, "name").unwrap_or_default();
            let kind = attr(tag, "type").unwrap_or_default();
            if !name.is_empty() && (kind != "checkbox" || tag.contains(" checked")) {
                out.push((name, attr(tag, "value").unwrap_or_default()));
            }
        } else if tag.starts_with("<textarea") {
            let close = rest.find("</textarea>").expect("a text area's end");
            out.push((
                attr(tag, "name").unwrap_or_default(),
                unescape(&rest[end + 1..close]),
            ));
        } else if tag.starts_with("<select") {
            let close = rest.find("</select>").expect("a select's end");
            let options = &rest[..close];
            let chosen = options
                .split("<option")
                .skip(1)
                .find(|o| o.contains(" selected"))
                .or_else(|| options.split("<option").nth(1))
                .and_then(|o| attr(&format!(" {o}"), "value"))
                .unwrap_or_default();
            out.push((attr(tag, "name").unwrap_or_default(), chosen));
        }
        rest = &rest[end + 1..];
    }
    out
}

fn set(form: &mut Vec<(String, String)>, name: &str, value: &str) {
    match form.iter_mut().find(|(k, _)| k == name) {
        Some(f) => f.1 = value.to_owned(),
        None => form.push((name.to_owned(), value.to_owned())),
    }
}

async fn post(desk: &mut Desk, path: &str, form: &[(String, String)]) -> Page {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    desk.post(path, &pairs).await
}

/// The lines of the draft's comparison with the version in force that were taken out (`- `) or
/// put in (`+ `).
fn changed_lines(page: &Page) -> Vec<String> {
    let body = &page.body;
    let Some(start) = body.find("class=\"diff\"") else {
        return Vec::new();
    };
    let diff = &body[start
        ..body[start..]
            .find("</pre>")
            .map_or(body.len(), |e| start + e)];
    diff.lines()
        .filter_map(|l| {
            l.find("<del>")
                .or_else(|| l.find("<ins>"))
                .map(|i| unescape(&l[i + 5..l.len() - 6]))
        })
        .collect()
}

async fn versions(app: &TestApp) -> i64 {
    let store = app.state.store.versions().await.unwrap();
    i64::try_from(store.len()).unwrap()
}

#[tokio::test]
async fn t16_changing_the_answer_deadline_on_the_form_makes_a_draft_whose_diff_shows_only_that_line()
 {
    let (app, mut carla) = coordinator().await;
    let version = carla.get("/beheer/regeling/1").await;
    assert!(
        version
            .body
            .contains("<a href=\"/beheer/regeling/1/instellingen\">Wijzig met formulieren</a>"),
        "{}",
        version.body
    );
    let overview = carla.get("/beheer/regeling/1/instellingen").await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(
        overview
            .body
            .contains("/beheer/regeling/1/instellingen/termijnen\">Termijnen en verlenging</a>")
    );

    let page = carla.get("/beheer/regeling/1/instellingen/termijnen").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(
            "<label class=\"label\" for=\"f-deadlines-1-working_days\">Werkdagen</label>"
        ),
        "{}",
        page.body
    );
    let mut form = fields(&page);
    assert!(
        form.contains(&("deadlines[1].working_days".to_owned(), "5".to_owned())),
        "{form:?}\n{}",
        page.body
    );
    set(&mut form, "deadlines[1].working_days", "7");
    let saved = post(
        &mut carla,
        "/beheer/regeling/1/instellingen/termijnen",
        &form,
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location.as_deref(),
        Some("/beheer/regeling/2/instellingen/termijnen?opgeslagen=1")
    );
    let again = carla
        .get("/beheer/regeling/2/instellingen/termijnen?opgeslagen=1")
        .await;
    assert!(again.body.contains("Opgeslagen in het concept."));
    assert!(fields(&again).contains(&("deadlines[1].working_days".to_owned(), "7".to_owned())));

    let draft = carla.get("/beheer/regeling/2").await;
    assert!(draft.body.contains("<dd>Concept</dd>"));
    assert_eq!(
        changed_lines(&draft),
        ["- working_days = 5", "+ working_days = 7"],
        "{}",
        draft.body
    );

    // A second change to the draft replaces it: still one draft, now with both changes.
    let mut form = fields(&again);
    set(&mut form, "extension.max_count", "1");
    let saved = post(
        &mut carla,
        "/beheer/regeling/2/instellingen/termijnen",
        &form,
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location.as_deref(),
        Some("/beheer/regeling/3/instellingen/termijnen?opgeslagen=1")
    );
    assert_eq!(versions(&app).await, 2, "the draft it replaced is gone");
    assert_eq!(
        carla.get("/beheer/regeling/2").await.status,
        StatusCode::NOT_FOUND
    );
    let draft = carla.get("/beheer/regeling/3").await;
    assert_eq!(
        changed_lines(&draft),
        [
            "- working_days = 5",
            "+ working_days = 7",
            "+ max_count = 1"
        ],
        "{}",
        draft.body
    );

    // Sent back unchanged: nothing new is stored.
    let form = fields(&carla.get("/beheer/regeling/3/instellingen/termijnen").await);
    let same = post(
        &mut carla,
        "/beheer/regeling/3/instellingen/termijnen",
        &form,
    )
    .await;
    assert_eq!(
        same.location.as_deref(),
        Some("/beheer/regeling/3/instellingen/termijnen?opgeslagen=1")
    );
    assert_eq!(versions(&app).await, 2);
}

#[tokio::test]
async fn t16_a_bad_value_gets_its_message_at_the_field_in_the_pages_language_and_nothing_is_stored()
{
    let (app, mut carla) = coordinator().await;
    let path = "/beheer/regeling/1/instellingen/termijnen";
    let mut form = fields(&carla.get(path).await);
    set(&mut form, "deadlines[1].working_days", "0");
    let refused = post(&mut carla, path, &form).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("<p class=\"field-error\" id=\"f-deadlines-1-working_days-error\"><span class=\"visually-hidden\">Fout:</span> 0 valt buiten het bereik; verwacht 1 tot en met 260</p>"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("<a href=\"#f-deadlines-1-working_days\">0 valt buiten het bereik; verwacht 1 tot en met 260</a>"));
    assert!(
        fields(&refused).contains(&("deadlines[1].working_days".to_owned(), "0".to_owned())),
        "kept as typed"
    );
    assert_eq!(versions(&app).await, 1);

    // In English on the English page; not a number said as such.
    let path = "/beheer/regeling/1/instellingen/categorieen";
    let page = carla.get(&format!("{path}?lang=en")).await;
    assert!(page.body.contains("Categories"));
    let mut form = fields(&page);
    set(&mut form, "categories[6].id", "service");
    set(&mut form, "categories[6].label.nl", "Dienst");
    set(&mut form, "categories[6].label.en", "Service again");
    let refused = post(&mut carla, path, &form).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("id=\"f-categories-6-id-error\"><span class=\"visually-hidden\">Error:</span> id &#34;service&#34; is used twice; every entry needs its own id</p>"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"Service again\""),
        "kept as typed"
    );
    assert_eq!(versions(&app).await, 1);

    let path = "/beheer/regeling/1/instellingen/bewaren";
    let mut form = fields(&carla.get(path).await);
    set(&mut form, "retention.months_after_close", "twee");
    let refused = post(&mut carla, path, &form).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("&#34;twee&#34; is not a whole number"),
        "{}",
        refused.body
    );
    assert_eq!(versions(&app).await, 1);
}

#[tokio::test]
async fn t16_a_relation_and_a_category_added_in_the_forms_are_choices_once_adopted() {
    let (app, mut carla) = coordinator().await;
    // The public form's choice is the relation; the category is the registration's.
    let path = "/beheer/regeling/1/instellingen/relaties";
    let page = carla.get(path).await;
    assert!(page.body.contains("<legend><h2>Nieuwe regel</h2></legend>"));
    let mut form = fields(&page);
    set(&mut form, "relations[7].id", "neighbour");
    set(&mut form, "relations[7].label.nl", "Buurtbewoner");
    set(&mut form, "relations[7].label.en", "Neighbour");
    // And one removed: an adopted version has it, which the form says.
    assert!(
        page.body
            .contains("Klachten die haar hebben, houden de naam uit hun eigen versie")
    );
    form.push(("remove".into(), "1".into()));
    let saved = post(&mut carla, path, &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let path = "/beheer/regeling/2/instellingen/categorieen";
    let mut form = fields(&carla.get(path).await);
    set(&mut form, "categories[6].id", "housing");
    set(&mut form, "categories[6].label.nl", "Huisvesting");
    set(&mut form, "categories[6].label.en", "Housing");
    let saved = post(&mut carla, path, &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let path = "/beheer/regeling/3/instellingen/versie";
    let mut form = fields(&carla.get(path).await);
    set(&mut form, "version", "2026-2");
    let saved = post(&mut carla, path, &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(versions(&app).await, 2);

    let draft = carla.get("/beheer/regeling/4").await;
    let changed = changed_lines(&draft);
    for line in [
        "+ version = \"2026-2\"",
        "+ id = \"neighbour\"",
        "+ label = { nl = \"Buurtbewoner\", en = \"Neighbour\" }",
        "- id = \"supplier\"",
        "+ id = \"housing\"",
        "+ label = { nl = \"Huisvesting\", en = \"Housing\" }",
    ] {
        assert!(changed.contains(&line.to_owned()), "{line}: {changed:?}");
    }

    let csrf = draft.csrf();
    let adopted = carla
        .post(
            "/beheer/regeling/4/vaststellen",
            &[
                ("csrf", &csrf),
                ("adopted_on", "2026-12-07"),
                ("note", ""),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(adopted.status, StatusCode::SEE_OTHER, "{}", adopted.body);
    let public = app.page("/", &[]).await;
    assert!(
        public.body.contains(">Buurtbewoner</option>"),
        "{}",
        public.body
    );
    assert!(!public.body.contains(">Leverancier</option>"));
    // The category is the handler's choice when classifying: in the regulation in force now.
    let in_force = app.state.regulation();
    assert_eq!(in_force.profile.version, "2026-2");
    assert!(
        in_force
            .profile
            .categories
            .iter()
            .any(|c| c.id == "housing" && c.label.nl == "Huisvesting")
    );
}

#[tokio::test]
async fn t16_texts_and_letters_are_saved_in_both_languages() {
    let (app, mut carla) = coordinator().await;
    let path = "/beheer/regeling/1/instellingen/teksten";
    let mut form = fields(&carla.get(path).await);
    set(
        &mut form,
        "texts.privacy.nl",
        "Wij bewaren uw gegevens zorgvuldig.\r\nTwee jaar.",
    );
    set(
        &mut form,
        "texts.privacy.en",
        "We keep your data with care.\r\nTwo years.",
    );
    let saved = post(&mut carla, path, &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let path = "/beheer/regeling/2/instellingen/brieven";
    let mut form = fields(&carla.get(path).await);
    set(
        &mut form,
        "letters.decision.subject.nl",
        "Ons besluit over klacht {{ reference }}",
    );
    set(
        &mut form,
        "letters.decision.subject.en",
        "Our decision on complaint {{ reference }}",
    );
    let saved = post(&mut carla, path, &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(versions(&app).await, 2);
    let source = app.state.store.profile_source(3).await.unwrap().unwrap();
    let profile = klacht_core::profile::parse(&source).unwrap();
    assert_eq!(
        profile.texts.privacy.nl,
        "Wij bewaren uw gegevens zorgvuldig.\nTwee jaar.\n"
    );
    assert_eq!(
        profile.texts.privacy.en.as_deref(),
        Some("We keep your data with care.\nTwo years.\n")
    );
    assert_eq!(
        profile.letters.decision.subject.nl,
        "Ons besluit over klacht {{ reference }}"
    );
    assert!(
        source.contains("privacy.nl = \"\"\"\nWij bewaren"),
        "written as the file writes texts"
    );
}

#[tokio::test]
async fn t16_every_settings_page_is_labelled_in_both_languages() {
    let (_app, mut carla) = coordinator().await;
    for lang in ["nl", "en"] {
        for part in klacht_app::settings::PARTS {
            let page = carla
                .get(&format!(
                    "/beheer/regeling/1/instellingen/{}?lang={lang}",
                    part.slug
                ))
                .await;
            assert_eq!(page.status, StatusCode::OK, "{}", part.slug);
            assert!(
                !page.body.contains("settings-"),
                "{lang} {}: a label is missing",
                part.slug
            );
        }
    }
    let other = carla.get("/beheer/regeling/1/instellingen/onbekend").await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn t16_the_letter_preview_shows_each_letter_with_the_organisation_and_the_drafts_deadline() {
    let (_app, mut carla) = coordinator().await;
    let path = "/beheer/regeling/1/instellingen/organisatie";
    let mut form = fields(&carla.get(path).await);
    set(&mut form, "organisation.name", "Stichting De Brug");
    assert_eq!(
        post(&mut carla, path, &form).await.status,
        StatusCode::SEE_OTHER
    );
    let path = "/beheer/regeling/2/instellingen/termijnen";
    let mut form = fields(&carla.get(path).await);
    set(&mut form, "deadlines[1].working_days", "8");
    assert_eq!(
        post(&mut carla, path, &form).await.status,
        StatusCode::SEE_OTHER
    );

    let draft = carla.get("/beheer/regeling/3").await;
    assert!(
        draft
            .body
            .contains("<a href=\"/beheer/regeling/3/brieven\">Voorbeeld van de brieven</a>")
    );
    let page = carla.get("/beheer/regeling/3/brieven").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for title in [
        "Ontvangstbevestiging (Nederlands)",
        "Verlenging (Nederlands)",
        "Beslissing (Nederlands)",
        "Tevredenheidsvraag (Nederlands)",
        "Ontvangstbevestiging (Engels)",
        "Beslissing (Engels)",
    ] {
        assert!(page.body.contains(title), "{title}: {}", page.body);
    }
    assert!(page.body.contains("Stichting De Brug"), "{}", page.body);
    assert!(!page.body.contains("Geen voorbeeld:"), "{}", page.body);
    // The acknowledgement's answer date: received Monday 7 December, eight working days is
    // Thursday 17 December (five, the version in force, would be the 14th).
    assert!(
        page.body
            .contains("uiterlijk op donderdag 17 december 2026"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn awb_9_12_an_external_body_is_added_in_its_settings_part_and_checked_at_its_field() {
    let (app, mut carla) = coordinator().await;
    let path = "/beheer/regeling/1/instellingen/externe-instanties";
    let page = carla.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Externe instanties"), "{}", page.body);
    let mut form = fields(&page);
    set(&mut form, "external_bodies[0].id", "nationale_ombudsman");
    set(&mut form, "external_bodies[0].kind", "nationale_ombudsman");
    set(
        &mut form,
        "external_bodies[0].name.nl",
        "Nationale ombudsman",
    );
    set(
        &mut form,
        "external_bodies[0].name.en",
        "National Ombudsman",
    );
    set(
        &mut form,
        "external_bodies[0].website",
        "https://www.nationaleombudsman.nl",
    );
    set(&mut form, "external_bodies[0].months", "0");
    set(&mut form, "external_bodies[0].from", "decision");
    let refused = post(&mut carla, path, &form).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains("0 valt buiten het bereik; verwacht 1 tot en met 120 maanden</p>"),
        "{}",
        refused.body
    );
    assert_eq!(versions(&app).await, 1);
    set(&mut form, "external_bodies[0].months", "12");
    let saved = post(&mut carla, path, &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(versions(&app).await, 2);
    let draft = carla.get("/beheer/regeling/2").await;
    let changed = changed_lines(&draft);
    for line in ["+ id = \"nationale_ombudsman\"", "+ months = 12"] {
        assert!(changed.iter().any(|l| l == line), "{line}: {changed:?}");
    }
}

/// Issue 18: the standard answers to the satisfaction question are a part of their own; an
/// answer added there, and one made to ask to reopen, are in the draft; a satisfied answer that
/// asks to reopen is refused at its field.
#[tokio::test]
async fn t13_t16_the_satisfaction_answers_are_edited_on_their_own_page() {
    let (app, mut carla) = coordinator().await;
    let path = "/beheer/regeling/1/instellingen/tevredenheid";
    let page = carla.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Tevredenheid"), "{}", page.body);
    let form = fields(&page);
    assert!(form.contains(&(
        "satisfaction_answers[2].label.nl".to_owned(),
        "Nee, het duurde te lang".to_owned()
    )));

    let mut bad = form.clone();
    set(&mut bad, "satisfaction_answers[0].reopen", "true");
    let refused = post(&mut carla, path, &bad).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains("only an answer that is not satisfied can ask to reopen the complaint"),
        "{}",
        refused.body
    );
    assert_eq!(versions(&app).await, 1);

    let mut form = form;
    set(&mut form, "satisfaction_answers[5].id", "onvriendelijk");
    set(
        &mut form,
        "satisfaction_answers[5].label.nl",
        "Nee, ik werd onvriendelijk behandeld",
    );
    set(
        &mut form,
        "satisfaction_answers[5].label.en",
        "No, I was treated unkindly",
    );
    let saved = post(&mut carla, path, &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let changed = changed_lines(&carla.get("/beheer/regeling/2").await);
    for line in [
        "+ id = \"onvriendelijk\"",
        "+ label = { nl = \"Nee, ik werd onvriendelijk behandeld\", en = \"No, I was treated unkindly\" }",
    ] {
        assert!(changed.contains(&line.to_owned()), "{line}: {changed:?}");
    }
}
