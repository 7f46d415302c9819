//! Segmentation: sentence passages, paragraphs, hard-wrapped prose, bullets, headlines and
//! boilerplate, with exact spans.

#[path = "fuzz/checks.rs"]
mod checks;

use artdiff::ingest::boilerplate::is_boilerplate;
use artdiff::segment::{split, MAX_PASSAGE};
use proptest::prelude::*;
use std::path::Path;

/// The passage texts of `text`, after checking the span invariants.
fn texts(text: &str) -> Vec<&str> {
    let segments = split(text);
    checks::check_segments(text, &segments);
    segments.iter().map(|s| &text[s.start..s.end]).collect()
}

/// (text, paragraph, boilerplate) per passage.
fn detailed(text: &str) -> Vec<(&str, usize, bool)> {
    let segments = split(text);
    checks::check_segments(text, &segments);
    segments
        .iter()
        .map(|s| (&text[s.start..s.end], s.paragraph, s.boilerplate))
        .collect()
}

#[test]
fn empty_and_blank_texts_have_no_passages() {
    assert!(texts("").is_empty());
    assert!(texts("\n\n \t \n\u{a0}\n").is_empty());
}

#[test]
fn plain_sentences() {
    assert_eq!(
        texts("Rescuers reached the village on Tuesday. Two people were missing! Why?"),
        [
            "Rescuers reached the village on Tuesday.",
            "Two people were missing!",
            "Why?"
        ]
    );
}

#[test]
fn abbreviations_and_titles_do_not_end_sentences() {
    let text = "Mr. Steele met Mrs. Dahl, Ms. Vik, Dr. Vasseur and Prof. Lee. \
                Gen. Petraeus, Sen. DeMint, Rep. Issa and Gov. Romney spoke. \
                The U.S. envoy, the U.N. chief and the U.K. minister agreed. \
                Martin Luther King Jr. was born in Atlanta. \
                They met on St. Patrick's Day, Jan. 5, Feb. 6 and Sept. 11. \
                It was No. 10 vs. Arsenal, e.g. a derby, i.e. a big game. \
                Apple Inc. and Foo Corp. beat Bar Ltd. and Baz Co. in court.";
    assert_eq!(
        texts(text),
        [
            "Mr. Steele met Mrs. Dahl, Ms. Vik, Dr. Vasseur and Prof. Lee.",
            "Gen. Petraeus, Sen. DeMint, Rep. Issa and Gov. Romney spoke.",
            "The U.S. envoy, the U.N. chief and the U.K. minister agreed.",
            "Martin Luther King Jr. was born in Atlanta.",
            "They met on St. Patrick's Day, Jan. 5, Feb. 6 and Sept. 11.",
            "It was No. 10 vs. Arsenal, e.g. a derby, i.e. a big game.",
            "Apple Inc. and Foo Corp. beat Bar Ltd. and Baz Co. in court.",
        ]
    );
}

#[test]
fn abbreviations_before_a_capital_that_is_no_sentence_start() {
    assert_eq!(
        texts("The former U.S. President Donald Trump met Putin. Dr. Jérôme Vasseur agreed."),
        [
            "The former U.S. President Donald Trump met Putin.",
            "Dr. Jérôme Vasseur agreed."
        ]
    );
}

#[test]
fn an_abbreviation_can_still_end_a_sentence() {
    assert_eq!(
        texts("The talks were held in the U.S. The next round is in Moscow."),
        [
            "The talks were held in the U.S.",
            "The next round is in Moscow."
        ]
    );
    assert_eq!(
        texts("She works for Foo Inc. It makes bridges."),
        ["She works for Foo Inc.", "It makes bridges."]
    );
    assert_eq!(
        texts("He counted apples, pears, etc. Then he left."),
        ["He counted apples, pears, etc.", "Then he left."]
    );
}

#[test]
fn initials() {
    assert_eq!(
        texts("J. D. Vance met George W. Bush. John F. Kelly and George H.W. Bush were there."),
        [
            "J. D. Vance met George W. Bush.",
            "John F. Kelly and George H.W. Bush were there."
        ]
    );
    assert_eq!(
        texts("The vitamin is called vitamin C. It helps."),
        ["The vitamin is called vitamin C.", "It helps."]
    );
}

#[test]
fn decimals_times_and_money() {
    assert_eq!(
        texts("Waves reached 3.5 metres at 10.30 on Tuesday. The repair costs $1.2 billion. It opened at 7.40 a.m. as planned."),
        [
            "Waves reached 3.5 metres at 10.30 on Tuesday.",
            "The repair costs $1.2 billion.",
            "It opened at 7.40 a.m. as planned."
        ]
    );
}

#[test]
fn closing_quotes_and_brackets_stay_with_their_sentence() {
    assert_eq!(
        texts("\"He left.\" She said. (See below.) Then “We didn’t get there.” He stressed it."),
        [
            "\"He left.\"",
            "She said.",
            "(See below.)",
            "Then “We didn’t get there.”",
            "He stressed it."
        ]
    );
    assert_eq!(
        texts("It was published in a paper.[4] In practice, no."),
        ["It was published in a paper.[4]", "In practice, no."]
    );
}

#[test]
fn ellipses() {
    assert_eq!(
        texts("And then... nothing happened. We waited… Then it came."),
        [
            "And then... nothing happened.",
            "We waited…",
            "Then it came."
        ]
    );
}

#[test]
fn questions_and_exclamations_inside_quotes_before_their_attribution() {
    assert_eq!(
        texts("“Why now?” he asked. \"Stop!\" she shouted. 'Really?' Dahl said."),
        [
            "“Why now?” he asked.",
            "\"Stop!\" she shouted.",
            "'Really?' Dahl said."
        ]
    );
}

#[test]
fn headlines_and_short_lines_are_their_own_passages() {
    let text = "Putin Claims Agreement Reached with Trump to End Ukraine War\n\
                Putin Defends Ukraine War at SCO Summit Amid Western Deadline\n\
                Alaska — Russian President Vladimir Putin has claimed that he reached an understanding with former U.S. President Donald Trump last month. However, he remained tight-lipped.\n\
                Key facts\n\
                The bridge opened in 1974.";
    assert_eq!(
        detailed(text),
        [
            ("Putin Claims Agreement Reached with Trump to End Ukraine War", 0, false),
            ("Putin Defends Ukraine War at SCO Summit Amid Western Deadline", 0, false),
            ("Alaska — Russian President Vladimir Putin has claimed that he reached an understanding with former U.S. President Donald Trump last month.", 0, false),
            ("However, he remained tight-lipped.", 0, false),
            ("Key facts", 0, false),
            ("The bridge opened in 1974.", 0, false),
        ]
    );
}

#[test]
fn headline_then_blank_line_then_paragraphs() {
    let text = "Bridge collapses into fjord\n\nA section of a road bridge collapsed. One died.\n\n\n  The span gave way at 7.40.  \n";
    assert_eq!(
        detailed(text),
        [
            ("Bridge collapses into fjord", 0, false),
            ("A section of a road bridge collapsed.", 1, false),
            ("One died.", 1, false),
            ("The span gave way at 7.40.", 2, false),
        ]
    );
}

#[test]
fn paragraphs_without_passages_are_not_counted() {
    let text = "First.\n\n---\n\n* * *\n\nSecond.";
    assert_eq!(
        detailed(text),
        [("First.", 0, false), ("Second.", 1, false)]
    );
}

#[test]
fn hard_wrapped_prose_is_joined() {
    let text = "Inheritance is a basic concept of Object-Oriented Programming where\n\
                the basic idea is to create new classes that add extra detail to\n\
                existing classes. This is done by allowing the new classes to reuse\n\
                the methods and variables of the existing classes. In this relationship\n\
                Student would be known as the superclass or parent class of the\n\
                U.S. department. This method is used in the Google Toolbar, which\n\
                reports back actual site visits to\n\
                Google.\n\
                \n\
                A second paragraph starts here and is wrapped at seventy columns or\n\
                so, like student essays.";
    assert_eq!(
        detailed(text),
        [
            ("Inheritance is a basic concept of Object-Oriented Programming where\nthe basic idea is to create new classes that add extra detail to\nexisting classes.", 0, false),
            ("This is done by allowing the new classes to reuse\nthe methods and variables of the existing classes.", 0, false),
            ("In this relationship\nStudent would be known as the superclass or parent class of the\nU.S. department.", 0, false),
            ("This method is used in the Google Toolbar, which\nreports back actual site visits to\nGoogle.", 0, false),
            ("A second paragraph starts here and is wrapped at seventy columns or\nso, like student essays.", 1, false),
        ]
    );
}

#[test]
fn wrapped_prose_with_a_headline_and_a_dash_at_a_line_start() {
    let text = "Inheritance in OOP\n\
                The algorithm includes a dampening factor, which is the probability\n\
                that a random surfer will get bored and go and visit a new page\n\
                - by default, this is 0.85.";
    assert_eq!(
        texts(text),
        [
            "Inheritance in OOP",
            "The algorithm includes a dampening factor, which is the probability\nthat a random surfer will get bored and go and visit a new page\n- by default, this is 0.85."
        ]
    );
}

#[test]
fn long_unwrapped_lines_stay_apart() {
    // Each line is a paragraph of its own written without blank lines (as in many web copies).
    let text = "The red-carpet reception he received from Trump stood in stark contrast to the cold treatment meted out to Zelenskyy\n\
                He did not spell out what agreement had been reached.\n\
                Google describes PageRank:\n\
                “ \tPageRank relies on the uniquely democratic nature of the web. Votes cast by important pages weigh more. \t”";
    assert_eq!(
        texts(text),
        [
            "The red-carpet reception he received from Trump stood in stark contrast to the cold treatment meted out to Zelenskyy",
            "He did not spell out what agreement had been reached.",
            "Google describes PageRank:",
            "“ \tPageRank relies on the uniquely democratic nature of the web.",
            "Votes cast by important pages weigh more. \t”",
        ]
    );
}

#[test]
fn punctuation_only_passages_join_a_neighbour() {
    assert_eq!(
        texts("It was over. ...\nAnd, for the record, it was.\n\t”"),
        ["It was over. ...", "And, for the record, it was.\n\t”"]
    );
    assert_eq!(texts("“\nWe won.”"), ["“\nWe won.”"]);
    assert_eq!(
        texts("A page links here. . It is assumed."),
        ["A page links here. .", "It is assumed."]
    );
}

#[test]
fn bullets_are_their_own_passages() {
    let text = "Key facts:\n\
                - Bridge: Storsund Bridge, opened 1974\n\
                - Dead: 1 · Injured: 41\n\
                * Inbound links (backlinks) – how many pages link to this page\n\
                • Outbound links\n\
                1. First item. It has two sentences.\n\
                2) Second item\n\
                \x20\x20continued on an indented line\n\
                After the list.";
    assert_eq!(
        texts(text),
        [
            "Key facts:",
            "- Bridge: Storsund Bridge, opened 1974",
            "- Dead: 1 · Injured: 41",
            "* Inbound links (backlinks) – how many pages link to this page",
            "• Outbound links",
            "1. First item.",
            "It has two sentences.",
            "2) Second item\n  continued on an indented line",
            "After the list.",
        ]
    );
}

#[test]
fn cjk_and_emoji() {
    assert_eq!(
        texts("我们走了。他们来了！好吗？「是的。」最后一句"),
        [
            "我们走了。",
            "他们来了！",
            "好吗？",
            "「是的。」",
            "最后一句"
        ]
    );
    assert_eq!(
        texts("東京で会議が開かれた。 参加者は１００人だった。"),
        ["東京で会議が開かれた。", "参加者は１００人だった。"]
    );
    assert_eq!(
        texts("Great day 🎉. Next one 👍🏽! Café crème à 3.5 €.\n🎉🎉"),
        [
            "Great day 🎉.",
            "Next one 👍🏽!",
            "Café crème à 3.5 €.",
            "🎉🎉"
        ]
    );
}

#[test]
fn zero_width_and_no_break_spaces_are_trimmed() {
    assert_eq!(
        texts("\u{feff}Headline here\n\u{a0}\u{200b}\nText\u{a0}one. Two.\u{200b}"),
        ["Headline here", "Text\u{a0}one.", "Two."]
    );
}

#[test]
fn boilerplate_lines_are_whole_passages() {
    let text = "A real sentence. Another one.\n\
                Share :\n\
                Tags : Ukraine, Russia\n\
                Read more: Putin’s demand to Ukraine: give up Donbas, no NATO and no Western troops\n\
                - Get link\n\
                - X\n\
                Facebook\n\
                Twitter\n\
                Email\n\
                Print\n\
                Comments are closed, but trackbacks and pingbacks are open.\n\
                Leave a Reply\n\
                Post a Comment\n\
                Table of Contents\n\
                Latest Posts\n\
                Categories\n\
                Talk to Us!\n\
                Subscribe to our newsletter\n\
                Sign up\n\
                Advertisement\n\
                Skip to content\n\
                © 2025 Example Media. All rights reserved.\n\
                We use cookies to improve your experience. Accept all cookies\n\
                Follow us on Instagram\n\
                Click here to subscribe.\n\
                Listen to this article\n\
                Loading...\n\
                Related: Storm batters coast";
    let got = detailed(text);
    assert_eq!(got[0], ("A real sentence.", 0, false));
    assert_eq!(got[1], ("Another one.", 0, false));
    let lines: Vec<&str> = text.lines().skip(1).collect();
    let chrome: Vec<(&str, usize, bool)> = lines.iter().map(|l| (*l, 0, true)).collect();
    assert_eq!(got[2..], chrome[..]);
}

#[test]
fn reuters_dateline_is_not_boilerplate() {
    let text = "LONDON (Reuters) - Britain's economy grew. (Reuters) -";
    assert_eq!(
        detailed(text),
        [
            ("LONDON (Reuters) - Britain's economy grew.", 0, false),
            ("(Reuters) -", 0, false)
        ]
    );
    assert!(!is_boilerplate(
        "LONDON (Reuters) - Britain's economy grew."
    ));
}

#[test]
fn a_sentence_about_cookies_is_not_boilerplate() {
    let text =
        "The bakery said we use cookies from a family recipe that is more than a century old.\n\
                Cookies were sold out.";
    assert_eq!(
        detailed(text),
        [
            ("The bakery said we use cookies from a family recipe that is more than a century old.", 0, false),
            ("Cookies were sold out.", 0, false),
        ]
    );
}

#[test]
fn author_box() {
    let text = "The summit ended.\n\n\
                Tags :\n\n\
                About Author\n\
                About Author\n\n\
                Syed Sadat Hussain Shah\n\n\
                Talk to Us!\n\n\
                Jane Roe wrote this story in Kalvik on a rainy day.";
    assert_eq!(
        detailed(text),
        [
            ("The summit ended.", 0, false),
            ("Tags :", 1, true),
            ("About Author", 2, true),
            ("About Author", 2, true),
            ("Syed Sadat Hussain Shah", 3, true),
            ("Talk to Us!", 4, true),
            (
                "Jane Roe wrote this story in Kalvik on a rainy day.",
                5,
                false
            ),
        ]
    );
    // A name line without an opener is text.
    assert_eq!(
        detailed("Syed Sadat Hussain Shah"),
        [("Syed Sadat Hussain Shah", 0, false)]
    );
}

#[test]
fn boilerplate_inside_a_wrapped_paragraph_breaks_it() {
    let text = "The algorithm includes a dampening factor, which is the probability\n\
                Share this\n\
                that a random surfer will get bored.";
    assert_eq!(
        detailed(text),
        [
            (
                "The algorithm includes a dampening factor, which is the probability",
                0,
                false
            ),
            ("Share this", 0, true),
            ("that a random surfer will get bored.", 0, false),
        ]
    );
}

#[test]
fn chrome_words_inside_hard_wrapped_prose_are_text() {
    let text = "Many readers who pay for news at least once will eventually\n\
                subscribe to the paper for its reporting, and then they often\n\
                share this with friends and family.";
    assert_eq!(
        detailed(text),
        [(
            "Many readers who pay for news at least once will eventually\nsubscribe to the paper for its reporting, and then they often\nshare this with friends and family.",
            0,
            false
        )]
    );
    let text = "Sign up for the course was open to every student who had\n\
                passed the first exam.";
    assert_eq!(texts(text), [text]);
    assert!(split(text).iter().all(|s| !s.boilerplate));
}

#[test]
fn a_five_megabyte_line_is_capped() {
    let word = "lorem ipsum dolor sit amet consectetur ";
    let text = word.repeat(5 * 1024 * 1024 / word.len());
    let segments = split(&text);
    checks::check_segments(&text, &segments);
    assert!(segments.len() >= text.len() / MAX_PASSAGE);
    assert!(segments.iter().all(|s| s.end - s.start > MAX_PASSAGE / 2));
    // Cut at spaces: no word is broken.
    for s in &segments {
        let t = &text[s.start..s.end];
        assert!(t.starts_with("lorem") || word.contains(t.split(' ').next().unwrap()));
        assert!(text[s.end..].is_empty() || text[s.end..].starts_with(' '));
    }
    // Without any space, cut at char boundaries.
    let text = "é".repeat(1_000_001);
    let segments = split(&text);
    checks::check_segments(&text, &segments);
    assert_eq!(segments.first().map(|s| s.start), Some(0));
    assert_eq!(segments.last().map(|s| s.end), Some(text.len()));
    let covered: usize = segments.iter().map(|s| s.end - s.start).sum();
    assert_eq!(covered, text.len());
}

#[test]
fn many_full_stops_stay_linear_and_valid() {
    let text = "a.".repeat(500_000) + &"Mr. ".repeat(100_000) + &". ".repeat(100_000);
    checks::check_segments(&text, &split(&text));
}

#[test]
fn invariants_over_varied_texts() {
    for text in [
        "Plain.",
        "  leading and trailing  ",
        "No final newline",
        "\n\n\nOnly after blanks.\n\n\n",
        "Mixed\r\nline\r\nends.\r\n",
        "Tabs\tinside.\t\tAnd\tafter.",
        "«Bonjour», dit-il. « Ça va ? » Oui.",
        "Ελληνικά. Русский текст. Ещё.",
        "مرحبا؟ نعم.",
        "हिन्दी वाक्य। दूसरा वाक्य।",
        "…\n”\n“\n(\n)\n.",
        "1.\n2.\n- \n-\n*",
        "U.S.\nPresident\n\nMr.\n\nMr. X.",
        "\u{200b}\u{feff}\u{2060}",
        "e.g.\ni.e.\nvs.\n",
    ] {
        checks::check_segments(text, &split(text));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn invariants_hold_for_any_text(text in "[a-zA-Z0-9 .!?…。\"'“”‘’()\\[\\]\n\t\u{a0}\u{200b}é漢🎉:,;*•-]{0,300}") {
        checks::check_segments(&text, &split(&text));
    }

    #[test]
    fn invariants_hold_for_any_words(words in prop::collection::vec(
        prop::sample::select(vec![
            "Mr.", "U.S.", "the", "The", "war.", "Why?", "\"Yes.\"", "he", "said.", "3.5", "W.",
            "Share", ":", "\n", "\n\n", "-", "1.", "…", "。", "(See", "below.)", "🎉", "\t", "About",
            "Author", "Jane", "Doe", "cookies", "We", "use",
        ]),
        0..200,
    )) {
        let text = words.join(" ");
        checks::check_segments(&text, &split(&text));
    }
}

/// The seed articles hold real web chrome; they live outside the repository.
#[test]
fn seeds_chrome_is_boilerplate_and_article_text_is_not() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} not found; skipping the seed check", dir.display());
        return;
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        eprintln!("note: no seed articles in {}; skipping", dir.display());
        return;
    }
    let chrome_lines = [
        "Tags :",
        "Share :",
        "About Author",
        "Talk to Us!",
        "Latest Posts",
        "Categories",
        "Leave a Reply",
        "Table of Contents",
        "- Get link",
        "- X",
        "- Other Apps",
        "Comments",
        "Post a Comment",
    ];
    let mut seen_chrome: std::collections::HashSet<String> = Default::default();
    let mut article_sentences = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let segments = split(&text);
        checks::check_segments(&text, &segments);
        for s in &segments {
            let t = &text[s.start..s.end];
            if chrome_lines.contains(&t) {
                assert!(
                    s.boilerplate,
                    "{}: {t:?} should be boilerplate",
                    path.display()
                );
                seen_chrome.insert(t.to_string());
            }
            // Long sentences with a full stop are article text.
            if t.len() > 100
                && t.ends_with(['.', '”', '"'])
                && !t.starts_with("Comments are closed")
                && !t.starts_with("Your email")
            {
                assert!(!s.boilerplate, "{}: {t:?} is article text", path.display());
                article_sentences += 1;
            }
            if t.contains("Putin") && t.len() > 60 && !t.starts_with("Read more") {
                assert!(!s.boilerplate, "{}: {t:?} is article text", path.display());
            }
        }
    }
    for line in &["Tags :", "Share :", "About Author"] {
        assert!(
            seen_chrome.contains(*line),
            "no {line:?} line found in the seeds"
        );
    }
    assert!(
        article_sentences > 50,
        "only {article_sentences} article sentences"
    );
}
