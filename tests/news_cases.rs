//! News-style sentence boundaries (issue 11): an abbreviation that ends a sentence, a quoted
//! question or exclamation and who said it, the tail of a multi-sentence quote, and the
//! look-alikes that must not move. The sentences are written for this test.

use artdiff::segment::split;

const CASES: &[(&str, &[&str])] = &[
    // An abbreviation ends the sentence.
    (
        "The couple appeared before Judge Ann M. Cole in Washington, D.C. Carter's lawyer spoke first.",
        &["The couple appeared before Judge Ann M. Cole in Washington, D.C.", "Carter's lawyer spoke first."],
    ),
    (
        "Sentencing was set for May 3 at 2 p.m. Carter will stay free until then.",
        &["Sentencing was set for May 3 at 2 p.m.", "Carter will stay free until then."],
    ),
    (
        "The polls in the county closed at 8 P.M. Officials began counting at once.",
        &["The polls in the county closed at 8 P.M.", "Officials began counting at once."],
    ),
    (
        "The talks ended in the U.S. The delegates flew home.",
        &["The talks ended in the U.S.", "The delegates flew home."],
    ),
    // ...and does not.
    (
        "The U.S. Attorney for the district declined to comment.",
        &["The U.S. Attorney for the district declined to comment."],
    ),
    (
        "She spoke in Washington, D.C., on Friday and left.",
        &["She spoke in Washington, D.C., on Friday and left."],
    ),
    (
        "The hearing begins at 10 a.m. Eastern in the old courtroom.",
        &["The hearing begins at 10 a.m. Eastern in the old courtroom."],
    ),
    (
        "The vote is expected at 3 p.m. Tuesday after a long debate.",
        &["The vote is expected at 3 p.m. Tuesday after a long debate."],
    ),
    (
        "At 9 a.m. Gov. Hale signed the bill.",
        &["At 9 a.m. Gov. Hale signed the bill."],
    ),
    (
        "Sen. Mark Dale, R-Ore., and Rep. Lia Tran, D-Calif., met the D.C. Council.",
        &["Sen. Mark Dale, R-Ore., and Rep. Lia Tran, D-Calif., met the D.C. Council."],
    ),
    // A quoted question or exclamation and who said it.
    (
        "“Why does it matter now?” Mrs. Hale said, her voice rising.",
        &["“Why does it matter now?” Mrs. Hale said, her voice rising."],
    ),
    (
        "\"So which one is it?\" Moreno asked. The room went quiet.",
        &["\"So which one is it?\" Moreno asked.", "The room went quiet."],
    ),
    ("“Stop stalling!” Mr. Park wrote.", &["“Stop stalling!” Mr. Park wrote."]),
    (
        "“Who pays for the bridge?” Justice Rowe asked the lawyer.",
        &["“Who pays for the bridge?” Justice Rowe asked the lawyer."],
    ),
    (
        "“Are we done here?” the chairman asked.",
        &["“Are we done here?” the chairman asked."],
    ),
    // A question in quotes, then a new sentence that is no attribution.
    (
        "“Is it over?” Nobody answered.",
        &["“Is it over?”", "Nobody answered."],
    ),
    // The tail of a multi-sentence quote.
    (
        "“Release the full report. Today,” Ms. Ortiz wrote on Twitter.",
        &["“Release the full report. Today,” Ms. Ortiz wrote on Twitter."],
    ),
    (
        "“He is not one of us. Absolutely not,” Reyes said.",
        &["“He is not one of us. Absolutely not,” Reyes said."],
    ),
    (
        "“We worked all night. Thank you,” said Mayor Bell.",
        &["“We worked all night. Thank you,” said Mayor Bell."],
    ),
    // A quote that opens after the full stop is its own sentence.
    (
        "The mayor thanked the crews. “They were great,” she said.",
        &["The mayor thanked the crews.", "“They were great,” she said."],
    ),
    // A full stop inside the quote before an attribution still ends the sentence.
    (
        "\"We are leaving.\" She closed the door.",
        &["\"We are leaving.\"", "She closed the door."],
    ),
    // A longer last sentence of a quote stands alone.
    (
        "“We lost the vote. We will try again next year,” Dale said.",
        &["“We lost the vote.", "We will try again next year,” Dale said."],
    ),
];

#[test]
fn news_cases_split_as_a_reader_would() {
    assert!(CASES.len() >= 20);
    let mut failures = Vec::new();
    for (text, expected) in CASES {
        let got: Vec<&str> = split(text).iter().map(|s| &text[s.start..s.end]).collect();
        if got != *expected {
            failures.push(format!(
                "{text:?}\n   expected {expected:?}\n   got      {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Throughput of `split` on the large evaluation articles, if present (`cargo test --release
/// --test news_cases -- --ignored --nocapture`); compare builds by running it on each.
#[test]
#[ignore]
fn segmentation_throughput_on_large() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/large");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let texts: Vec<String> = entries
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut best = f64::MAX;
    for _ in 0..15 {
        let t = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..10 {
            for text in &texts {
                n += std::hint::black_box(split(text)).len();
            }
        }
        best = best.min(t.elapsed().as_secs_f64() / 10.0);
        assert!(n > 0);
    }
    println!(
        "{bytes} bytes in {:.2} ms: {:.0} MB/s",
        best * 1e3,
        bytes as f64 / best / 1e6
    );
}
