//! The profile's texts (regulation, privacy statement, introduction, letters) rendered with their
//! `{{ variables }}`, and dates written out the way a letter says them.
//!
//! Texts are plain text or Markdown, never HTML: nothing here escapes for HTML; the page that
//! shows a text escapes it (askama) or renders the Markdown with raw HTML disabled.

use crate::profile::Profile;
use crate::types::Lang;
use jiff::civil::{Date, Weekday};
use serde_json::{Map, Value, json};

/// A text of the profile that does not render: a syntax error or an unknown variable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TextError {
    pub message: String,
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday(d: Weekday, lang: Lang) -> &'static str {
    use Weekday::*;
    match (lang, d) {
        (Lang::Nl, Monday) => "maandag",
        (Lang::Nl, Tuesday) => "dinsdag",
        (Lang::Nl, Wednesday) => "woensdag",
        (Lang::Nl, Thursday) => "donderdag",
        (Lang::Nl, Friday) => "vrijdag",
        (Lang::Nl, Saturday) => "zaterdag",
        (Lang::Nl, Sunday) => "zondag",
        (Lang::En, Monday) => "Monday",
        (Lang::En, Tuesday) => "Tuesday",
        (Lang::En, Wednesday) => "Wednesday",
        (Lang::En, Thursday) => "Thursday",
        (Lang::En, Friday) => "Friday",
        (Lang::En, Saturday) => "Saturday",
        (Lang::En, Sunday) => "Sunday",
    }
}

/// "29 december 2025" / "29 December 2025".
pub fn long_date(d: Date, lang: Lang) -> String {
    let months = match lang {
        Lang::Nl => &MONTHS_NL,
        Lang::En => &MONTHS_EN,
    };
    // A date's month is 1 to 12.
    let month = usize::try_from(d.month() - 1)
        .ok()
        .and_then(|i| months.get(i))
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", d.day(), d.year())
}

/// "maandag 29 december 2025" / "Monday 29 December 2025".
pub fn weekday_date(d: Date, lang: Lang) -> String {
    format!("{} {}", weekday(d.weekday(), lang), long_date(d, lang))
}

/// The variables every text may use: `organisation.*`, `adopted_on`, `retention_months`,
/// `retention.*` (every period of the profile's `[retention]`, e.g. `retention.read_log_months`),
/// `form_url`, `regulation_url`, and the deadline terms `terms.<id>` ("2 werkdagen").
pub fn base_context(profile: &Profile, lang: Lang, public_url: &str) -> Map<String, Value> {
    let o = &profile.organisation;
    let mut terms = Map::new();
    for d in &profile.deadlines {
        let t = match (d.working_days, d.weeks, lang) {
            (Some(1), _, Lang::Nl) => "1 werkdag".to_owned(),
            (Some(n), _, Lang::Nl) => format!("{n} werkdagen"),
            (Some(1), _, Lang::En) => "1 working day".to_owned(),
            (Some(n), _, Lang::En) => format!("{n} working days"),
            (None, Some(1), Lang::Nl) => "1 week".to_owned(),
            (None, Some(n), Lang::Nl) => format!("{n} weken"),
            (None, Some(1), Lang::En) => "1 week".to_owned(),
            (None, Some(n), Lang::En) => format!("{n} weeks"),
            (None, None, _) => String::new(),
        };
        terms.insert(d.id.clone(), Value::String(t));
    }
    let mut ctx = Map::new();
    ctx.insert(
        "organisation".into(),
        json!({
            "name": o.name,
            "email": o.email.clone().unwrap_or_default(),
            "phone": o.phone.clone().unwrap_or_default(),
            "address": o.address.clone().unwrap_or_default(),
            "website": o.website.clone().unwrap_or_default(),
        }),
    );
    ctx.insert(
        "adopted_on".into(),
        Value::String(long_date(profile.adopted_on, lang)),
    );
    ctx.insert(
        "retention_months".into(),
        Value::from(profile.retention.months_after_close),
    );
    // Every period, for a privacy statement that says what is kept how long.
    let r = &profile.retention;
    ctx.insert(
        "retention".into(),
        json!({
            "months_after_close": r.months_after_close,
            "read_log_months": r.read_log_months,
            "account_log_months": r.account_log_months,
            "notice_days": r.notice_days,
            "mail_days": r.mail_days,
            "upload_hours": r.upload_hours,
        }),
    );
    ctx.insert("form_url".into(), Value::String(format!("{public_url}/")));
    ctx.insert(
        "regulation_url".into(),
        Value::String(format!("{public_url}/klachtenregeling")),
    );
    ctx.insert("terms".into(), Value::Object(terms));
    ctx
}

/// Renders `source` with `vars` (on top of nothing else: pass [`base_context`] merged with what
/// the text needs). An unknown variable is an error, so a typo in a profile is caught by
/// `klacht profile check`, not by a complainant reading an empty gap.
pub fn render(source: &str, vars: &Map<String, Value>) -> Result<String, TextError> {
    use std::sync::PoisonError;
    let ctx = minijinja::Value::from_serialize(vars);
    let render = |env: &minijinja::Environment<'static>| {
        env.get_template(source)
            .and_then(|t| t.render(ctx.clone()))
            .map_err(|e| text_error(&e))
    };
    // A profile has a few dozen texts and every letter renders one: compile each once.
    {
        let env = COMPILED.read().unwrap_or_else(PoisonError::into_inner);
        if env.get_template(source).is_ok() {
            return render(&env);
        }
    }
    let mut env = COMPILED.write().unwrap_or_else(PoisonError::into_inner);
    if env.templates().count() >= COMPILED_MAX {
        *env = environment();
    }
    env.add_template_owned(source.to_owned(), source.to_owned())
        .map_err(|e| text_error(&e))?;
    render(&env)
}

/// Texts compiled so far, by their source. Emptied when it holds [`COMPILED_MAX`] (a profile
/// changed many times).
static COMPILED: std::sync::LazyLock<std::sync::RwLock<minijinja::Environment<'static>>> =
    std::sync::LazyLock::new(|| std::sync::RwLock::new(environment()));
const COMPILED_MAX: usize = 1024;

fn environment() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    // Keep the text's own line ends: a letter's last newline is part of its layout.
    env.set_keep_trailing_newline(true);
    // Texts are named by their source; never escape, whatever the name ends in.
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env
}

fn text_error(e: &minijinja::Error) -> TextError {
    let what = match (e.kind(), e.detail()) {
        (minijinja::ErrorKind::UndefinedError, _) => {
            "a variable that does not exist (check its spelling; `klacht profile show` lists the texts with the variables they use)".to_owned()
        }
        (kind, Some(detail)) => format!("{kind}: {detail}"),
        (kind, None) => kind.to_string(),
    };
    TextError {
        message: match e.line() {
            Some(l) => format!("line {l} of the text: {what}"),
            None => what,
        },
    }
}

/// A public text of the profile (regulation, privacy statement, introduction) in `lang`.
pub fn public_text(
    profile: &Profile,
    source: &crate::types::Localized,
    lang: Lang,
    public_url: &str,
) -> Result<String, TextError> {
    render(source.get(lang), &base_context(profile, lang, public_url))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::builtin;

    #[test]
    fn dates_are_written_out_in_both_languages() {
        let d = Date::constant(2025, 12, 29);
        assert_eq!(weekday_date(d, Lang::Nl), "maandag 29 december 2025");
        assert_eq!(weekday_date(d, Lang::En), "Monday 29 December 2025");
        assert_eq!(
            long_date(Date::constant(2026, 5, 4), Lang::Nl),
            "4 mei 2026"
        );
    }

    #[test]
    fn t11_every_builtin_public_text_renders_in_both_languages() {
        for (name, _) in crate::profile::BUILTIN {
            let p = builtin(name).expect("built-in parses");
            for lang in [Lang::Nl, Lang::En] {
                let reg = public_text(&p, &p.texts.regulation, lang, "https://k.example")
                    .expect("regulation renders");
                assert!(reg.contains(&p.organisation.name), "{name} {lang:?}");
                assert!(!reg.contains("{{"), "{name} {lang:?} left a variable");
                public_text(&p, &p.texts.privacy, lang, "https://k.example")
                    .expect("privacy renders");
            }
        }
    }

    #[test]
    fn a_compiled_text_renders_each_time_with_its_own_values_and_never_escapes() {
        let source = "Beste {{ name }}, zie <b>{{ what }}</b> in brief.html";
        for (name, what) in [("Jan", "a & b"), ("Piet", "<c>")] {
            let mut vars = Map::new();
            vars.insert("name".into(), Value::String(name.into()));
            vars.insert("what".into(), Value::String(what.into()));
            assert_eq!(
                render(source, &vars).expect("renders"),
                format!("Beste {name}, zie <b>{what}</b> in brief.html")
            );
        }
        let e = render(source, &Map::new()).expect_err("the cached text still checks");
        assert!(e.message.contains("does not exist"), "{}", e.message);
    }

    #[test]
    fn k08_a_privacy_statement_may_name_every_period() {
        let p = builtin("template").expect("built-in parses");
        let text = "{{ retention_months }}/{{ retention.months_after_close }} maanden; leeslog \
            {{ retention.read_log_months }}, accountlog {{ retention.account_log_months }} \
            maanden; meldingen {{ retention.notice_days }}, mail {{ retention.mail_days }} \
            dagen; bestanden {{ retention.upload_hours }} uur";
        let out = render(text, &base_context(&p, Lang::Nl, "https://k.example")).expect("renders");
        assert_eq!(
            out,
            "24/24 maanden; leeslog 24, accountlog 24 maanden; meldingen 180, mail 30 dagen; \
             bestanden 24 uur"
        );
    }

    #[test]
    fn an_unknown_variable_is_an_error_not_a_gap() {
        let e = render("Beste {{ complainant.naam }}", &Map::new()).expect_err("unknown");
        assert!(e.message.contains("line 1"), "{}", e.message);
    }
}
