//! Mail in (issue 17): real-looking messages from `tests/fixtures/*.eml` read by
//! `inbound::parse`, and fuzzing that no input, arbitrary or a mutated real message, panics.
//! T2: a complaint by e-mail; K10: mail in is written; no acknowledgement of robots (RFC 3834).

use klacht_mail::Address;
use klacht_mail::inbound::{Kind, LeftOut, LeftOutReason, Limits, parse};
use proptest::prelude::*;
use proptest::test_runner::Config;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str) -> klacht_mail::inbound::Inbound {
    parse(&fixture(name), &Limits::default())
}

#[test]
fn t02_a_plain_complaint_is_read_with_its_sender_subject_date_and_text() {
    let m = read("plain-complaint.eml");
    assert_eq!(m.malformed, None);
    assert_eq!(m.kind, Kind::Normal);
    assert_eq!(
        m.from,
        Some(Address::new("Jan Jansen", "j.jansen@example.nl"))
    );
    assert_eq!(
        m.to,
        vec![Address::new("Stichting Voorbeeld", "klachten@voorbeeld.nl")]
    );
    assert_eq!(m.reply_to, None);
    assert_eq!(m.subject, "Klacht over de behändeling van mijn aanvraag");
    assert_eq!(
        m.message_id.as_deref(),
        Some("CAH7x9=abc123@mail.example.nl")
    );
    assert_eq!(
        m.date.map(|d| d.to_string()).as_deref(),
        Some("2026-01-12T08:13:58Z")
    );
    assert_eq!(
        m.text,
        "Geachte heer, mevrouw,\n\nOp 5 januari heb ik gebeld over mijn aanvraag. Ik ben niet teruggebeld, terwijl dat was toegezegd. Dat vind ik niet correct.\n\nMet vriendelijke groet,\nJan Jansen"
    );
    assert!(m.attachments.is_empty() && m.left_out.is_empty());
    assert_eq!(m.text_cut, None);
}

#[test]
fn an_html_only_mail_becomes_plain_text_without_script_style_or_remote_content() {
    let m = read("html-only.eml");
    assert_eq!(m.malformed, None);
    assert_eq!(m.kind, Kind::Normal);
    assert_eq!(
        m.text,
        "Beste mensen,\n\nDe medewerker aan de balie was onbeleefd & weigerde mij te helpen.\n\nGroet,\nMarie"
    );
    for bad in [
        "<", "script", "alert", "evil", "tracker", "color", "Klacht\n",
    ] {
        assert!(!m.text.contains(bad), "{bad:?} in {:?}", m.text);
    }
}

#[test]
fn an_outlook_out_of_office_is_an_auto_reply() {
    let m = read("outlook-out-of-office.eml");
    assert_eq!(m.kind, Kind::AutoReply);
    assert_eq!(
        m.in_reply_to,
        vec!["klacht.2026-0042.17.0123456789abcdef@voorbeeld.nl".to_owned()]
    );
    assert_eq!(
        m.references,
        vec!["klacht.2026-0042.17.0123456789abcdef@voorbeeld.nl".to_owned()]
    );
}

#[test]
fn a_gmail_vacation_reply_is_an_auto_reply_not_list_mail() {
    let m = read("gmail-vacation.eml");
    assert_eq!(m.kind, Kind::AutoReply);
    assert_eq!(m.text, "Ik ben op vakantie tot 1 februari.");
    assert_eq!(
        m.subject,
        "Re: Ontvangstbevestiging van uw klacht 2026-0043"
    );
    assert_eq!(
        klacht_mail::reference_in(&m.subject).as_deref(),
        Some("2026-0043")
    );
}

#[test]
fn a_postfix_bounce_names_our_letter_the_recipient_and_the_status() {
    let m = read("postfix-bounce.eml");
    assert_eq!(m.malformed, None);
    assert_eq!(
        m.kind,
        Kind::Bounce {
            original_message_id: Some("klacht.2026-0042.17.0123456789abcdef@voorbeeld.nl".into()),
            recipient: Some("onbekend@example.nl".into()),
            status: Some("5.1.1".into()),
        }
    );
    assert!(
        m.text
            .starts_with("This is the mail system at host mx.voorbeeld.nl."),
        "{}",
        m.text
    );
}

#[test]
fn an_exchange_ndr_names_our_letter_from_its_returned_headers() {
    let m = read("exchange-ndr.eml");
    assert_eq!(
        m.kind,
        Kind::Bounce {
            original_message_id: Some("klacht.2026-0044.19.00112233aabbccdd@voorbeeld.nl".into()),
            recipient: Some("weg@example.com".into()),
            status: Some("5.1.10".into()),
        }
    );
    assert_eq!(
        m.text,
        "Your message to weg@example.com couldn't be delivered.\nweg wasn't found at example.com."
    );
}

#[test]
fn a_bounce_without_a_report_from_the_mailer_daemon_is_still_a_bounce() {
    let raw = b"From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.nl>\r\n\
To: klachten@voorbeeld.nl\r\n\
Subject: Returned mail: see transcript for details\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b\"\r\n\
\r\n\
--b\r\n\
Content-Type: text/plain\r\n\
\r\n\
User unknown\r\n\
--b\r\n\
Content-Type: message/rfc822\r\n\
\r\n\
From: klachten@voorbeeld.nl\r\n\
Message-ID: <klacht.2026-0050.3.aaaaaaaaaaaaaaaa@voorbeeld.nl>\r\n\
Subject: x\r\n\
\r\n\
tekst\r\n\
--b--\r\n";
    let m = parse(raw, &Limits::default());
    assert_eq!(
        m.kind,
        Kind::Bounce {
            original_message_id: Some("klacht.2026-0050.3.aaaaaaaaaaaaaaaa@voorbeeld.nl".into()),
            recipient: None,
            status: None,
        }
    );
}

#[test]
fn a_mailing_list_message_is_list_mail() {
    let m = read("mailing-list.eml");
    assert_eq!(m.kind, Kind::List);
    assert_eq!(m.text, "Het nieuws van deze maand.");
}

#[test]
fn auto_submitted_no_is_a_person_and_each_robot_header_marks_a_robot() {
    let base = "From: a@example.nl\r\nTo: klachten@voorbeeld.nl\r\nSubject: x\r\n";
    let kind = |extra: &str| {
        parse(
            format!("{base}{extra}\r\nhallo\r\n").as_bytes(),
            &Limits::default(),
        )
        .kind
    };
    assert_eq!(kind("Auto-Submitted: no\r\n"), Kind::Normal);
    assert_eq!(
        kind("Auto-Submitted: auto-replied; owner-email=\"a@example.nl\"\r\n"),
        Kind::AutoReply
    );
    assert_eq!(kind("X-Autoreply: yes\r\n"), Kind::AutoReply);
    assert_eq!(kind("X-Autorespond: Ik ben weg\r\n"), Kind::AutoReply);
    assert_eq!(kind("Precedence: auto_reply\r\n"), Kind::AutoReply);
    assert_eq!(kind("Precedence: bulk\r\n"), Kind::List);
    assert_eq!(kind("Precedence: junk\r\n"), Kind::List);
    assert_eq!(kind("List-Unsubscribe: <mailto:x@y.nl>\r\n"), Kind::List);
    assert_eq!(kind(""), Kind::Normal);
}

#[test]
fn a_pdf_attachment_is_kept_with_its_name_type_and_bytes() {
    let m = read("pdf-attachment.eml");
    assert_eq!(m.text, "Zie de brief in de bijlage.");
    assert_eq!(m.attachments.len(), 1);
    let a = &m.attachments[0];
    assert_eq!(a.name, "brief gemeente.pdf");
    assert_eq!(a.content_type, "application/pdf");
    assert!(a.bytes.starts_with(b"%PDF-1.4\n"), "{:?}", &a.bytes[..10]);
    assert!(a.bytes.ends_with(b"%%EOF\n"));
    assert!(m.left_out.is_empty());
}

#[test]
fn a_mail_over_the_limits_keeps_what_fits_and_lists_what_was_left_out() {
    let limits = Limits {
        max_attachments: 2,
        max_attachment_bytes: 1000,
        max_total_bytes: 1000,
        max_text_bytes: 10,
        ..Limits::default()
    };
    let m = parse(&fixture("over-limit.eml"), &limits);
    assert_eq!(m.malformed, None);
    assert_eq!(m.subject, "Te veel bijlagen");
    let kept: Vec<_> = m
        .attachments
        .iter()
        .map(|a| (a.name.as_str(), a.bytes.len()))
        .collect();
    assert_eq!(kept, [("midden.bin", 800), ("klein-1.bin", 100)]);
    let left = |name: &str, size, reason| LeftOut {
        name: name.into(),
        content_type: "application/octet-stream".into(),
        size,
        reason,
    };
    assert_eq!(
        m.left_out,
        [
            left("groot.txt", 1200, LeftOutReason::TooLarge),
            left("midden-2.bin", 800, LeftOutReason::OverTotal),
            left("klein-2.bin", 100, LeftOutReason::TooMany),
        ]
    );
    assert_eq!(m.text, "Vijf bijla");
    assert_eq!(m.text_cut, Some("Vijf bijlagen.".len()));
}

#[test]
fn k10_a_message_that_is_no_mail_is_kept_as_raw_text_with_the_reason() {
    let m = parse(b"", &Limits::default());
    assert_eq!(m.malformed.as_deref(), Some("the message is empty"));
    assert_eq!(m.raw_text.as_deref(), Some(""));

    let m = parse(
        b"\x00\x01\x02garbage\xff\xfe: \x00\r\n\r\nmore",
        &Limits::default(),
    );
    assert_eq!(
        m.malformed.as_deref(),
        Some("the message headers contain binary data")
    );
    assert_eq!(
        m.raw_text.as_deref(),
        Some("\u{0}\u{1}\u{2}garbage\u{fffd}\u{fffd}: \u{0}\r\n\r\nmore")
    );
    assert_eq!(m.size, 23);

    let m = parse(
        b"Dit is gewoon een briefje zonder kopregels.\nTweede regel.\n",
        &Limits::default(),
    );
    assert_eq!(
        m.malformed.as_deref(),
        Some("not an e-mail message: it has no header lines")
    );
    assert_eq!(m.kind, Kind::Normal);
    assert_eq!(m.from, None);

    let m = parse(b"X-Iets: waarde\r\n\r\nbody\r\n", &Limits::default());
    assert_eq!(
        m.malformed.as_deref(),
        Some("not an e-mail message: no From, To, Subject, Date or Message-ID header")
    );
    assert_eq!(
        m.raw_text.as_deref(),
        Some("X-Iets: waarde\r\n\r\nbody\r\n")
    );

    let long = "x".repeat(100);
    let m = parse(
        long.as_bytes(),
        &Limits {
            max_raw_bytes: 10,
            ..Limits::default()
        },
    );
    assert_eq!(m.raw_text.as_deref(), Some("xxxxxxxxxx"));
    assert_eq!(m.size, 100);
}

/// The case count: `default`, or `KLACHT_FUZZ_CASES` when set.
fn cases(default: u32) -> Config {
    let cases = std::env::var("KLACHT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        max_shrink_iters: 2_000,
        failure_persistence: None,
        ..Config::default()
    }
}

const FIXTURES: [&str; 9] = [
    "plain-complaint.eml",
    "html-only.eml",
    "outlook-out-of-office.eml",
    "gmail-vacation.eml",
    "postfix-bounce.eml",
    "exchange-ndr.eml",
    "mailing-list.eml",
    "pdf-attachment.eml",
    "over-limit.eml",
];

/// Pieces that matter to MIME: boundaries, headers, encodings, brackets.
fn mimeish() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"\r\n".to_vec()),
        Just(b"\n\n".to_vec()),
        Just(b"--".to_vec()),
        Just(b"Content-Type: multipart/report; report-type=delivery-status; boundary=\"".to_vec()),
        Just(b"Content-Type: message/rfc822\r\n\r\n".to_vec()),
        Just(b"Content-Type: text/html\r\n\r\n<script>".to_vec()),
        Just(b"Content-Transfer-Encoding: base64\r\n".to_vec()),
        Just(b"Content-Transfer-Encoding: quoted-printable\r\n=".to_vec()),
        Just(b"=?utf-8?b?".to_vec()),
        Just(b"Final-Recipient: rfc822;".to_vec()),
        Just(b"<>".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ]
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(raw in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let m = parse(&raw, &Limits::default());
        prop_assert_eq!(m.size, raw.len());
        prop_assert!(m.malformed.is_some() || m.raw_text.is_none());
    }

    #[test]
    fn mutated_real_messages_never_panic(
        which in 0..FIXTURES.len(),
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..64, mimeish()), 1..6),
    ) {
        let mut raw = fixture(FIXTURES[which]);
        for (at, remove, insert) in cuts {
            let at = at.index(raw.len() + 1);
            let end = (at + remove).min(raw.len());
            raw.splice(at..end, insert);
        }
        let limits = Limits { max_attachments: 1, max_attachment_bytes: 200, max_total_bytes: 300, max_text_bytes: 500, max_raw_bytes: 400 };
        let m = parse(&raw, &limits);
        prop_assert!(m.attachments.len() <= 1);
        prop_assert!(m.text.len() <= 500);
        prop_assert!(m.raw_text.as_ref().is_none_or(|r| r.len() <= 400));
    }
}
