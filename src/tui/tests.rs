//! Rendering and app tests: actions in, buffers out. No terminal, no sleeps.
//!
//! The comparisons are built by hand (passages and links), so that these tests do not move
//! when the segmenter or the engine's scores change; `Comparison::reclassify` turns the links
//! into matches as the engine's output would.

use super::action::Action;
use super::app::{App, Filter, Flow, MessageKind, Overlay, PromptKind};
use super::keymap::{self, Mode};
use super::step;
use super::theme::Theme;
use super::view;
use artdiff::model::{
    Article, Class, Comparison, Conflict, ConflictKind, DiffOp, DiffRun, Link, Passage,
};
use artdiff::Settings;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

/// An article from paragraphs of sentences; a sentence starting with `#` is boilerplate.
fn article(path: &str, title: &str, paragraphs: &[&[&str]]) -> Article {
    let mut text = String::new();
    let mut passages = Vec::new();
    for (k, paragraph) in paragraphs.iter().enumerate() {
        if k > 0 {
            text.push_str("\n\n");
        }
        for (i, sentence) in paragraph.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            let (sentence, class) = match sentence.strip_prefix('#') {
                Some(s) => (s, Class::Boilerplate),
                None => (*sentence, Class::Unique),
            };
            let start = text.len();
            text.push_str(sentence);
            passages.push(Passage {
                text: sentence.to_string(),
                start,
                end: text.len(),
                class,
                matches: Vec::new(),
                paragraph: k,
            });
        }
    }
    Article {
        path: path.into(),
        title: title.into(),
        text,
        passages,
        ..Default::default()
    }
}

fn link(a: (usize, usize), b: (usize, usize), verbatim: f64, paraphrase: f64) -> Link {
    Link {
        a,
        b,
        a_len: 1,
        b_len: 1,
        verbatim,
        paraphrase,
        diff: Default::default(),
        terms: Default::default(),
        conflicts: Vec::new(),
    }
}

fn run(op: DiffOp, text: &str) -> DiffRun {
    DiffRun {
        op,
        text: text.into(),
    }
}

/// Three reports of one event.
///
/// wire:    0 title · 1 "At least 14…" · 2 "Rescue teams…" · 3 "The ministry…" · 4 # Share
/// post:    0 title · 1 "At least 41…" · 2 "Rescuers arrived…" · 3 "The Daily Post…"
/// tribune: 0 title · 1 "Officials said fourteen…" · 2 "The Tribune visited…"
///
/// Links: wire 1 ↔ post 1 shared (0.93) with a number conflict and a diff; wire 2 ↔ post 2
/// paraphrased (0.67); wire 1 ↔ tribune 1 paraphrased (0.65); post 3 ↔ tribune 2 at 0.52,
/// below the default paraphrase threshold (0.55).
fn three() -> Comparison {
    let wire = article(
        "wire.txt",
        "Bridge collapses in storm",
        &[
            &["Bridge collapses in storm"],
            &[
                "At least 14 people were injured when the bridge collapsed.",
                "Rescue teams reached the village of Kalvik on Tuesday morning, officials said.",
                "The ministry has promised a review.",
            ],
            &["#Share : Facebook · X · Email"],
        ],
    );
    let post = article(
        "news/post.html",
        "Storm brings down Kalvik bridge",
        &[
            &["Storm brings down Kalvik bridge"],
            &[
                "At least 41 people were injured when the bridge collapsed.",
                "Rescuers arrived in the mountain village of Kalvik on Tuesday, local authorities confirmed.",
                "The Daily Post has asked the ministry for comment.",
            ],
        ],
    );
    let tribune = article(
        "trib.md",
        "Kalvik bridge: what we know",
        &[
            &["Kalvik bridge: what we know"],
            &[
                "Officials said fourteen were hurt in the collapse of the bridge.",
                "The Tribune visited the site in 2019, when residents first raised concerns.",
            ],
        ],
    );
    let mut shared = link((0, 1), (1, 1), 0.93, 0.9);
    shared.diff = vec![
        run(DiffOp::Equal, "At least"),
        run(DiffOp::Delete, "14"),
        run(DiffOp::Insert, "41"),
        run(
            DiffOp::Equal,
            "people were injured when the bridge collapsed",
        ),
    ]
    .into();
    shared.terms = vec!["injured".into(), "bridge".into(), "collapsed".into()].into();
    shared.conflicts = vec![Conflict {
        kind: ConflictKind::Number,
        a: "14".into(),
        b: "41".into(),
    }];
    let mut rescue = link((0, 2), (1, 2), 0.4, 0.67);
    rescue.terms = vec!["Kalvik".into(), "Tuesday".into()].into();
    let mut c = Comparison {
        articles: vec![wire, post, tribune],
        links: vec![
            shared,
            rescue,
            link((0, 1), (2, 1), 0.2, 0.65),
            link((1, 3), (2, 2), 0.1, 0.52),
        ],
        ..Default::default()
    };
    c.reclassify(Settings::default().thresholds);
    c
}

fn two() -> Comparison {
    let mut c = three();
    c.articles.truncate(2);
    c.links.retain(|l| l.b.0 < 2);
    c.reclassify(Settings::default().thresholds);
    c
}

/// One long article (and a short one) to scroll through: `n` paragraphs of three sentences.
fn long(n: usize) -> Comparison {
    let sentences: Vec<String> = (0..n * 3)
        .map(|i| format!("Sentence number {i} says something about the storm and the bridge."))
        .collect();
    let paragraphs: Vec<Vec<&str>> = sentences
        .chunks(3)
        .map(|c| c.iter().map(String::as_str).collect())
        .collect();
    let refs: Vec<&[&str]> = paragraphs.iter().map(Vec::as_slice).collect();
    let a = article("long.txt", "Long", &refs);
    let b = article(
        "short.txt",
        "Short",
        &[&["Sentence number 7 says something."]],
    );
    let mut c = Comparison {
        articles: vec![a, b],
        links: vec![link((0, 7), (1, 0), 0.95, 0.9)],
        ..Default::default()
    };
    c.reclassify(Settings::default().thresholds);
    c
}

fn app(c: Comparison, w: u16, h: u16) -> App {
    let mut app = App::new(c, Settings::default(), Theme::new(true, false));
    step(&mut app, Action::Resize(w, h));
    app
}

fn mono(c: Comparison, w: u16, h: u16) -> App {
    let mut app = App::new(c, Settings::default(), Theme::new(false, false));
    step(&mut app, Action::Resize(w, h));
    app
}

fn draw(app: &mut App) -> Buffer {
    let area = app.geometry.area;
    let mut term = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    app.prepare();
    term.draw(|f| view::render(app, f)).unwrap();
    term.backend().buffer().clone()
}

/// A row as text; the cell after a wide character (which the terminal does not draw) is left
/// out, so wide text reads as written.
fn row(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut skip = 0;
    for x in 0..buf.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let s = buf[(x, y)].symbol();
        out.push_str(s);
        skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
    }
    out
}

fn screen(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row(buf, y))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where `needle` starts on screen (column of its first cell, row), scanning rows in order.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    find_after(buf, needle, 0)
}

fn find_after(buf: &Buffer, needle: &str, min_x: u16) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        for x in min_x..buf.area.width {
            let mut s = String::new();
            let mut cx = x;
            while s.len() < needle.len() && cx < buf.area.width {
                s.push_str(buf[(cx, y)].symbol());
                cx += 1;
            }
            if s.starts_with(needle) {
                return Some((x, y));
            }
        }
    }
    None
}

fn at(buf: &Buffer, needle: &str) -> (u16, u16) {
    find(buf, needle).unwrap_or_else(|| panic!("{needle:?} not on screen:\n{}", screen(buf)))
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Flow {
    let action = keymap::action_for(&KeyEvent::new(code, mods), app.mode())
        .unwrap_or_else(|| panic!("{code:?} {mods:?} is not bound in {:?}", app.mode()));
    step(app, action)
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn sel(app: &App) -> (usize, usize) {
    app.selection().expect("a selection")
}

const LIT_SHARED: Color = Color::Indexed(31);
const LIT_PARAPHRASED: Color = Color::Indexed(130);

// ---------------------------------------------------------------- rendering

#[test]
fn two_panes_side_by_side_with_titles_wrapped_text_and_class_tints() {
    let mut app = app(two(), 150, 20);
    let buf = draw(&mut app);
    let text = screen(&buf);
    let (x1, y1) = at(&buf, "1 Bridge collapses in storm");
    let (x2, y2) = at(&buf, "2 Storm brings down Kalvik");
    assert_eq!((y1, y2), (0, 0));
    assert!(x1 < 75 && x2 > 75, "{text}");
    assert!(
        text.contains("wire.txt") && text.contains("post.html"),
        "{text}"
    );
    // Coverage in the title: the wire has shared, paraphrased and unique text.
    assert!(row(&buf, 0).contains("%="), "{}", row(&buf, 0));
    // Text wraps inside each pane: the left pane's right border is intact on every row.
    for y in 1..18 {
        let c = row(&buf, y).chars().nth(74);
        assert!(
            matches!(c, Some('┃' | '│' | '▐')),
            "row {y}: {}",
            row(&buf, y)
        );
    }
    assert!(
        text.contains("At least 14 people were injured when the bridge"),
        "{text}"
    );
    assert!(
        text.contains("At least 41 people were injured when the bridge"),
        "{text}"
    );
    // Class colours: shared text on the blue tint, paraphrased on amber, gutter markers.
    let (x, y) = at(&buf, "At least 14");
    assert_eq!(buf[(x, y)].bg, Color::Indexed(24));
    assert_eq!(buf[(x - 2, y)].symbol(), "=");
    let (x, y) = at(&buf, "Rescue teams");
    assert_eq!(buf[(x, y)].bg, Color::Indexed(94));
    assert_eq!(buf[(x - 2, y)].symbol(), "~");
    let (x, y) = at(&buf, "The ministry");
    assert_eq!(buf[(x, y)].bg, Color::Reset);
    assert_eq!(buf[(x - 2, y)].symbol(), "+");
    let (x, y) = at(&buf, "Share : Facebook");
    assert_eq!(buf[(x, y)].fg, Color::Indexed(244));
    assert_eq!(buf[(x - 2, y)].symbol(), "#");
    // The legend in the status bar names every class.
    let status = row(&buf, 19);
    for word in ["= shared", "~ paraphrased", "+ unique", "# boilerplate"] {
        assert!(status.contains(word), "{status}");
    }
}

#[test]
fn three_panes_show_every_article() {
    let mut app = app(three(), 150, 24);
    let buf = draw(&mut app);
    let titles = [
        at(&buf, "1 Bridge collapses"),
        at(&buf, "2 Storm brings"),
        at(&buf, "3 Kalvik bridge"),
    ];
    assert!(titles.iter().all(|&(_, y)| y == 0));
    assert!(titles[0].0 < 50 && (50..100).contains(&titles[1].0) && titles[2].0 >= 100);
    at(&buf, "Officials said fourteen");
    at(&buf, "The Tribune visited");
    // The focused pane has the thick border.
    assert_eq!(buf[(0, 0)].symbol(), "┏");
    assert_eq!(buf[(50, 0)].symbol(), "┌");
    assert_eq!(buf[(0, 0)].fg, Color::Indexed(33));
}

#[test]
fn narrow_mode_shows_the_focused_pane_with_tabs() {
    let mut app = app(three(), 90, 20);
    assert!(app.geometry.narrow);
    let buf = draw(&mut app);
    let tabs = row(&buf, 0);
    assert!(
        tabs.contains("1 Bridge") && tabs.contains("2 Storm") && tabs.contains("3 Kalvik"),
        "{tabs}"
    );
    let (x, y) = at(&buf, "1 Bridge");
    assert_eq!(y, 0);
    assert_eq!(
        buf[(x, 0)].bg,
        Color::Indexed(33),
        "the focused tab stands out"
    );
    assert!(find(&buf, "At least 14").is_some());
    assert!(
        find(&buf, "At least 41").is_none(),
        "only one pane at a time"
    );
    // The pane takes the full width.
    assert_eq!(buf[(0, 1)].symbol(), "┏");
    assert_eq!(buf[(89, 1)].symbol(), "┓");
    step(&mut app, Action::FocusNext);
    let buf = draw(&mut app);
    at(&buf, "At least 41");
    assert!(find(&buf, "At least 14").is_none());
    let (x, _) = at(&buf, "2 Storm");
    assert_eq!(buf[(x, 0)].bg, Color::Indexed(33));
    // A click on a tab focuses it.
    let (x, _) = at(&buf, "3 Kalvik");
    step(&mut app, Action::Click { x, y: 0 });
    assert_eq!(app.focus, 2);
}

#[test]
fn selection_and_counterparts_are_lit_and_level() {
    let mut app = app(three(), 150, 24);
    step(&mut app, Action::Down); // wire 1: shared with post 1, paraphrased with tribune 1
    assert_eq!(sel(&app), (0, 1));
    // Scroll the wire down a little so alignment has work to do.
    let buf = draw(&mut app);
    let (x1, y1) = at(&buf, "At least 14");
    let (x2, y2) = at(&buf, "At least 41");
    let (x3, y3) = at(&buf, "Officials said fourteen");
    assert_eq!(y1, y2, "counterparts sit level with the selection");
    assert_eq!(y1, y3);
    for (x, y) in [(x1, y1), (x2, y2), (x3, y3)] {
        assert_eq!(buf[(x - 3, y)].symbol(), "▌", "bar left of {x},{y}");
        assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    }
    assert_eq!(buf[(x1, y1)].bg, LIT_SHARED);
    assert_eq!(buf[(x2, y2)].bg, LIT_SHARED);
    assert_eq!(buf[(x3, y3)].bg, LIT_PARAPHRASED);
    // Passages that are not counterparts are not lit.
    let (x, y) = at(&buf, "The Tribune visited");
    assert_ne!(buf[(x - 3, y)].symbol(), "▌");
    // The conflict is flagged where it is.
    let (bx, by) = at(&buf, "⚠ 14 ≠ 41");
    assert_eq!(buf[(bx, by)].bg, Color::Indexed(220));
    at(&buf, "⚠ 41 ≠ 14");
    // The status bar tells about the matches.
    let status = row(&buf, 23);
    assert!(
        status.contains("1:2/5 → 2 counterparts · shared 0.93"),
        "{status}"
    );
    assert!(status.contains("⚠ 1 conflict"), "{status}");
}

#[test]
fn help_overlay_lists_every_key_of_the_keymap() {
    let mut app = app(three(), 160, 60);
    step(&mut app, Action::ToggleHelp);
    assert_eq!(app.overlay, Some(Overlay::Help));
    let buf = draw(&mut app);
    let text = screen(&buf);
    let (x, y) = at(&buf, "Help · keys");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    for binding in keymap::keymap().iter().filter(|b| b.shown()) {
        assert!(
            text.contains(binding.help),
            "{:?} missing:\n{text}",
            binding.help
        );
    }
    for label in [
        "j ↓",
        "PgDn",
        "Ctrl-d",
        "Shift-Tab",
        "1–8",
        "Enter",
        "q Ctrl-c",
    ] {
        assert!(text.contains(label), "{label} missing");
    }
    let (x, y) = at(&buf, "next passage");
    let _ = (x, y);
    let (kx, ky) = at(&buf, "Ctrl-d");
    assert_eq!(buf[(kx, ky)].fg, Color::Indexed(117), "keys are coloured");
    // Esc closes it.
    step(&mut app, Action::Close);
    let buf = draw(&mut app);
    assert!(find(&buf, "Help · keys").is_none());
}

#[test]
fn help_overlay_scrolls_when_the_screen_is_short() {
    let mut app = app(three(), 80, 20);
    step(&mut app, Action::ToggleHelp);
    let before = screen(&draw(&mut app));
    step(&mut app, Action::OverlayDown);
    step(&mut app, Action::OverlayDown);
    let after = screen(&draw(&mut app));
    assert_ne!(before, after);
    for _ in 0..500 {
        step(&mut app, Action::OverlayDown);
    }
    let end = screen(&draw(&mut app));
    assert!(end.contains("delete to the start"), "{end}");
}

#[test]
fn detail_panel_shows_the_word_diff_terms_and_conflict() {
    let mut app = app(three(), 150, 40);
    step(&mut app, Action::Down);
    step(&mut app, Action::ToggleDetail);
    assert!(app.detail && app.geometry.detail.is_some());
    let buf = draw(&mut app);
    let d = app.geometry.detail.unwrap();
    let (_, ty) = at(&buf, "Detail");
    assert_eq!(ty, d.y);
    at(&buf, "1:2 ↔ 2:2");
    at(&buf, "key terms: injured, bridge, collapsed");
    // Deleted "14" on this side, inserted "41" on the other; both as words of the real text.
    let (x, y) = find_after(&buf, "14 people", 0)
        .filter(|&(_, y)| y > d.y)
        .or_else(|| {
            (d.y..d.bottom()).find_map(|yy| {
                let r = row(&buf, yy);
                r.find(" 14 people")
                    .map(|i| (r[..i].chars().count() as u16 + 1, yy))
            })
        })
        .expect("diff line");
    assert!(
        buf[(x, y)].modifier.contains(Modifier::CROSSED_OUT),
        "{:?}",
        buf[(x, y)]
    );
    assert_eq!(buf[(x, y)].bg, Color::Indexed(210));
    let r = (d.y..d.bottom())
        .find(|&yy| row(&buf, yy).contains(" 41 people"))
        .expect("other side");
    let ix = row(&buf, r).find(" 41 people").unwrap();
    let x = row(&buf, r)[..ix].chars().count() as u16 + 1;
    assert!(buf[(x, r)].modifier.contains(Modifier::UNDERLINED));
    assert_eq!(buf[(x, r)].bg, Color::Indexed(114));
    // The conflict, both values, in the warning style.
    let (cx, cy) = at(&buf, "⚠ number conflict:");
    assert_eq!(buf[(cx, cy)].bg, Color::Indexed(220));
    assert!(
        row(&buf, cy).contains("14 (1:2) vs 41 (2:2)"),
        "{}",
        row(&buf, cy)
    );
    // The second counterpart (tribune) is listed too.
    at(&buf, "1:2 ↔ 3:2");
}

#[test]
fn detail_panel_for_a_unique_passage_says_so() {
    let mut app = app(three(), 150, 40);
    app.jump_to(0, 3);
    step(&mut app, Action::ToggleDetail);
    let buf = draw(&mut app);
    at(&buf, "unique: no counterpart");
    at(&buf, "The ministry has promised a review.");
}

/// `three()` with evidence on the pair below the threshold: post 3 ↔ tribune 2 at 0.52.
fn three_with_a_near_miss() -> Comparison {
    let mut c = three();
    let near = &mut c.links[3];
    assert_eq!((near.a, near.b), ((1, 3), (2, 2)));
    near.terms = vec!["ministry".into(), "東京".into()].into();
    near.diff = vec![
        run(DiffOp::Equal, "The"),
        run(DiffOp::Delete, "Daily Post"),
        run(DiffOp::Insert, "Tribune"),
        run(DiffOp::Delete, "has asked"),
        run(DiffOp::Insert, "visited"),
        run(DiffOp::Equal, "the"),
        run(DiffOp::Delete, "ministry"),
        run(DiffOp::Insert, "site"),
    ]
    .into();
    near.conflicts = vec![Conflict {
        kind: ConflictKind::Date,
        a: "today".into(),
        b: "2019".into(),
    }];
    c.reclassify(Settings::default().thresholds);
    c
}

/// The detail panel's rows, inside the border.
fn detail_rows(app: &App, buf: &Buffer) -> Vec<String> {
    let d = app.geometry.detail.expect("detail open");
    (d.y + 1..d.bottom() - 1).map(|y| row(buf, y)).collect()
}

#[test]
fn detail_panel_shows_the_near_misses_of_a_unique_passage() {
    let mut app = app(three_with_a_near_miss(), 150, 40);
    app.jump_to(1, 3);
    step(&mut app, Action::ToggleDetail);
    let buf = draw(&mut app);
    let rows = detail_rows(&app, &buf);
    let text = rows.join("\n");
    assert!(text.contains("unique: no counterpart"), "{text}");
    let (hx, hy) = at(&buf, "Closest (below thresholds):");
    assert!(buf[(hx, hy)].modifier.contains(Modifier::BOLD));
    // One line for the one candidate: tribune's passage 3, named as the panel names passages.
    let line = row(&buf, hy + 1);
    assert!(
        line.contains(
            "3:3 paraphrase 0.52 (needs 0.55) · shares ministry, 東京 · differs \
             Daily Post/Tribune, has asked/visited, ministry/site  ⚠ today ≠ 2019"
        ),
        "{line}"
    );
    let (wx, wy) = at(&buf, "⚠ today ≠ 2019");
    assert_eq!(buf[(wx, wy)].bg, Color::Indexed(220));
    // The keys come from the keymap.
    assert!(
        row(&buf, hy + 2).contains("- lowers, + raises the paraphrase threshold (now 0.55)"),
        "{}",
        row(&buf, hy + 2)
    );

    // Seen from tribune's side, the words swap places.
    app.jump_to(2, 2);
    let buf = draw(&mut app);
    let (_, hy) = at(&buf, "Closest (below thresholds):");
    let line = row(&buf, hy + 1);
    assert!(
        line.contains(
            "2:4 paraphrase 0.52 (needs 0.55) · shares ministry, 東京 · differs \
             Tribune/Daily Post, visited/has asked, site/ministry  ⚠ 2019 ≠ today"
        ),
        "{line}"
    );

    // Lowered to 0.45 the pair is a match: no near miss section any more.
    app.jump_to(1, 3);
    step(&mut app, Action::ThresholdDown);
    step(&mut app, Action::ThresholdDown);
    let buf = draw(&mut app);
    assert!(find(&buf, "Closest (below").is_none());
    at(&buf, "2:4 ↔ 3:3");
}

#[test]
fn near_miss_lines_wrap_inside_a_narrow_panel_by_display_width() {
    let mut app = app(three_with_a_near_miss(), 44, 40);
    app.jump_to(1, 3);
    step(&mut app, Action::ToggleDetail);
    let buf = draw(&mut app);
    let d = app.geometry.detail.unwrap();
    let rows = detail_rows(&app, &buf);
    let text = rows.join("\n");
    assert!(text.contains("Closest (below thresholds):"), "{text}");
    assert!(text.contains("東京"), "{text}");
    assert!(text.contains("today ≠ 2019"), "{text}");
    // Every row is exactly the panel's width: nothing spills over the border.
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(r.as_str()),
            usize::from(d.width),
            "row {i}: {r}"
        );
        assert!(r.ends_with('│'), "row {i}: {r}");
    }
}

#[test]
fn a_unique_passage_without_candidates_says_none_came_close() {
    let mut app = app(three_with_a_near_miss(), 150, 40);
    app.jump_to(0, 3);
    step(&mut app, Action::ToggleDetail);
    let buf = draw(&mut app);
    at(&buf, "No candidate came close.");
    assert!(find(&buf, "Closest (below").is_none());
    assert!(find(&buf, "raises the paraphrase").is_none());
}

#[test]
fn the_detail_hints_follow_the_keymap_in_force() {
    use super::keymap::Keymap;
    let mut app = app(three_with_a_near_miss(), 150, 40);
    app.keymap = Keymap::with_overrides(&[
        ("threshold_down".into(), vec!["ctrl-l".into()]),
        ("threshold_up".into(), vec![]),
        ("detail_down".into(), vec!["ctrl-j".into()]),
    ])
    .unwrap();
    app.jump_to(1, 3);
    step(&mut app, Action::ToggleDetail);
    let buf = draw(&mut app);
    at(&buf, "Ctrl-l lowers the paraphrase threshold (now 0.55)");
    assert!(find(&buf, "raises").is_none());
    at(&buf, " Ctrl-j/K scroll · d close ");
}

#[test]
fn filter_hides_and_shows_classes() {
    let mut app = app(three(), 150, 24);
    let buf = draw(&mut app);
    at(&buf, "Share : Facebook");
    step(&mut app, Action::CycleFilter);
    assert_eq!(app.filter, Filter::HideBoilerplate);
    let buf = draw(&mut app);
    assert!(find(&buf, "Share : Facebook").is_none());
    at(&buf, "At least 14");
    assert!(row(&buf, 23).contains("filter: no boilerplate"));
    step(&mut app, Action::CycleFilter);
    assert_eq!(app.filter, Filter::OnlyUnique);
    let buf = draw(&mut app);
    assert!(find(&buf, "At least 14").is_none());
    at(&buf, "The ministry has promised");
    at(&buf, "The Daily Post");
    assert_eq!(app.selected_passage().unwrap().class, Class::Unique);
    step(&mut app, Action::CycleFilter);
    assert_eq!(app.filter, Filter::OnlyMatched);
    let buf = draw(&mut app);
    assert!(find(&buf, "The ministry").is_none());
    at(&buf, "At least 14");
    at(&buf, "Rescuers arrived");
    step(&mut app, Action::CycleFilter);
    assert_eq!(app.filter, Filter::All);
    let buf = draw(&mut app);
    at(&buf, "Share : Facebook");
}

#[test]
fn search_hits_are_highlighted_in_every_pane() {
    let mut app = app(three(), 150, 24);
    step(&mut app, Action::SearchStart);
    assert_eq!(app.mode(), Mode::Prompt);
    keys(&mut app, "kalvik");
    let buf = draw(&mut app);
    let status = row(&buf, 23);
    assert!(
        status.contains("/ kalvik") && status.contains("hits"),
        "{status}"
    );
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.mode(), Mode::Normal);
    let search = app.search.as_ref().unwrap();
    assert_eq!(search.hits.len(), 4);
    let buf = draw(&mut app);
    // Hits in two panes at least, highlighted (current hit stronger).
    let mut lit = 0;
    for y in 1..23 {
        let r = row(&buf, y);
        let mut from = 0;
        while let Some(i) = r[from..].find("Kalvik") {
            let x = r[..from + i].chars().count() as u16;
            let bg = buf[(x, y)].bg;
            assert!(
                bg == Color::Indexed(219) || bg == Color::Indexed(201),
                "{bg:?} at {x},{y}"
            );
            lit += 1;
            from += i + 1;
        }
    }
    assert!(lit >= 4, "{lit} hits lit");
    assert!(row(&buf, 23).contains("hit 1/4"), "{}", row(&buf, 23));
}

#[test]
fn matrix_overlay_shows_the_similarity_matrix_and_coverage() {
    let mut app = app(three(), 150, 30);
    step(&mut app, Action::ToggleMatrix);
    let buf = draw(&mut app);
    let (x, y) = at(&buf, "Similarity matrix");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    at(&buf, "Share of each row's text");
    at(&buf, "Coverage");
    // Row 1 (wire) against 2 (post): the shared and paraphrased sentences' share.
    let m = &app.comparison.summary.matrix;
    let pct = format!("{}%", (m[0][1] * 100.0).round());
    let wire_row = (1..30)
        .find(|&y| {
            row(&buf, y).contains("1 Bridge collapses in storm") && row(&buf, y).contains('·')
        })
        .unwrap_or_else(|| panic!("{}", screen(&buf)));
    assert!(
        row(&buf, wire_row).contains(&pct),
        "{pct}: {}",
        row(&buf, wire_row)
    );
    step(&mut app, Action::ToggleMatrix);
    assert_eq!(app.overlay, None);
}

#[test]
fn no_color_draws_without_any_colour() {
    let mut app = mono(three(), 150, 40);
    step(&mut app, Action::Down);
    step(&mut app, Action::ToggleDetail);
    step(&mut app, Action::SearchStart);
    keys(&mut app, "bridge");
    step(&mut app, Action::Confirm);
    let buf = draw(&mut app);
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    // The class still reads from the markers, and the selection from attributes.
    let (x, y) = at(&buf, "Rescue teams");
    assert_eq!(buf[(x - 2, y)].symbol(), "~");
    let (x, y) = find_after(&buf, "At least 14", 0).unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buf[(x - 3, y)].symbol(), "▌");
    // Diff words carry wdiff-style markers.
    at(&buf, "[-14-]");
    at(&buf, "{+41+}");
    let mut app = mono(three(), 150, 24);
    step(&mut app, Action::ToggleHelp);
    let buf = draw(&mut app);
    assert!(buf
        .content()
        .iter()
        .all(|c| c.fg == Color::Reset && c.bg == Color::Reset));
}

#[test]
fn article_text_is_made_safe_and_wide_characters_fit() {
    let nasty = article(
        "x.txt",
        "Evil\u{1b}[2J title",
        &[&[
            "Escape \u{1b}]0;pwned\u{7} here and a bell \u{7} too.",
            "東京都で大きな地震があった東京都で大きな地震があった東京都で大きな地震があった。",
            "Party 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉 time.",
        ]],
    );
    let plain = article("y.txt", "Plain", &[&["Nothing to see."]]);
    let mut c = Comparison {
        articles: vec![nasty, plain],
        ..Default::default()
    };
    c.refresh_summary();
    for w in [60u16, 83, 100, 121] {
        let mut app = app(c.clone(), w, 20);
        let buf = draw(&mut app);
        let right = app.geometry.panes[0].right() - 1;
        for cell in buf.content() {
            assert!(!cell.symbol().chars().any(|ch| ch.is_control()), "{cell:?}");
        }
        let text = screen(&buf);
        assert!(text.contains("␛"), "{text}");
        assert!(text.contains("東京"), "{text}");
        // The border is intact on every row: nothing wide spilled.
        let y0 = app.geometry.panes[0].y + 1;
        for y in y0..y0 + 10 {
            let c = buf[(right, y)].symbol();
            assert!(
                matches!(c, "┃" | "│" | "▐"),
                "w={w} row {y}: {}",
                row(&buf, y)
            );
        }
    }
}

#[test]
fn every_size_renders_without_panic() {
    for (w, h) in [
        (0, 0),
        (1, 1),
        (2, 2),
        (10, 3),
        (24, 6),
        (39, 10),
        (60, 20),
        (200, 50),
        (300, 5),
    ] {
        for detail in [false, true] {
            let mut app = app(three(), 80, 24);
            if detail {
                step(&mut app, Action::ToggleDetail);
            }
            step(&mut app, Action::Resize(w, h));
            for action in [
                Action::Down,
                Action::PageDown,
                Action::ToggleHelp,
                Action::Close,
                Action::ToggleMatrix,
            ] {
                step(&mut app, action);
                draw(&mut app);
            }
            step(&mut app, Action::SearchStart);
            keys(&mut app, "the");
            draw(&mut app);
        }
    }
}

#[test]
fn empty_articles_and_no_articles_do_not_break() {
    let mut c = Comparison {
        articles: vec![
            article("e.txt", "", &[]),
            article("f.txt", "F", &[&["Only one."]]),
        ],
        ..Default::default()
    };
    c.refresh_summary();
    let mut a = app(c, 100, 20);
    for action in [
        Action::Down,
        Action::Counterpart,
        Action::FocusNext,
        Action::Bottom,
        Action::PageDown,
        Action::ToggleDetail,
    ] {
        step(&mut a, action);
        draw(&mut a);
    }
    step(&mut a, Action::FocusPane(0));
    let buf = draw(&mut a);
    at(&buf, "(empty article)");
    let mut none = app(Comparison::default(), 80, 10);
    let buf = draw(&mut none);
    at(&buf, "No articles");
    assert_eq!(step(&mut none, Action::Quit), Flow::Quit);
}

#[test]
fn no_articles_names_the_quit_key_in_force() {
    let mut none = app(Comparison::default(), 80, 10);
    let buf = draw(&mut none);
    let (x, y) = at(&buf, "No articles to show. Press q to quit.");
    assert_eq!(buf[(x, y)].fg, none.theme.dim().fg.unwrap());
    none.keymap = keymap::Keymap::with_overrides(&[("quit".into(), vec!["x".into()])]).unwrap();
    let buf = draw(&mut none);
    let (x2, y2) = at(&buf, "No articles to show. Press x to quit.");
    assert!(find(&buf, "Press q").is_none());
    assert_eq!(
        buf[(x2, y2)].style(),
        buf[(x, y)].style(),
        "the same dim look"
    );
    let x_key = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    let action = none.keymap.action_for(&x_key, none.mode()).unwrap();
    assert_eq!(step(&mut none, action), Flow::Quit);
}

// ---------------------------------------------------------------- keys and actions

#[test]
fn the_keymap_maps_every_key_of_the_issue() {
    let n = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let shift = KeyModifiers::SHIFT;
    let table: &[(KeyCode, KeyModifiers, Action)] = &[
        (KeyCode::Char('j'), n, Action::Down),
        (KeyCode::Down, n, Action::Down),
        (KeyCode::Char('k'), n, Action::Up),
        (KeyCode::Up, n, Action::Up),
        (KeyCode::PageDown, n, Action::PageDown),
        (KeyCode::PageUp, n, Action::PageUp),
        (KeyCode::Char('d'), ctrl, Action::HalfPageDown),
        (KeyCode::Char('u'), ctrl, Action::HalfPageUp),
        (KeyCode::Char('g'), n, Action::Top),
        (KeyCode::Char('G'), shift, Action::Bottom),
        (KeyCode::Char('h'), n, Action::FocusLeft),
        (KeyCode::Left, n, Action::FocusLeft),
        (KeyCode::Char('l'), n, Action::FocusRight),
        (KeyCode::Right, n, Action::FocusRight),
        (KeyCode::Tab, n, Action::FocusNext),
        (KeyCode::BackTab, shift, Action::FocusPrev),
        (KeyCode::Char('1'), n, Action::FocusPane(0)),
        (KeyCode::Char('8'), n, Action::FocusPane(7)),
        (KeyCode::Enter, n, Action::Counterpart),
        (KeyCode::Char(']'), n, Action::NextSameClass),
        (KeyCode::Char('['), n, Action::PrevSameClass),
        (KeyCode::Char('s'), n, Action::NextOfClass(Class::Shared)),
        (
            KeyCode::Char('p'),
            n,
            Action::NextOfClass(Class::Paraphrased),
        ),
        (KeyCode::Char('u'), n, Action::NextOfClass(Class::Unique)),
        (KeyCode::Char('a'), n, Action::ToggleAlign),
        (KeyCode::Char('d'), n, Action::ToggleDetail),
        (KeyCode::Char('f'), n, Action::CycleFilter),
        (KeyCode::Char('/'), n, Action::SearchStart),
        (KeyCode::Char('n'), n, Action::SearchNext),
        (KeyCode::Char('N'), shift, Action::SearchPrev),
        (KeyCode::Char('+'), shift, Action::ThresholdUp),
        (KeyCode::Char('-'), n, Action::ThresholdDown),
        (KeyCode::Char('m'), n, Action::ToggleMatrix),
        (KeyCode::Char('e'), n, Action::ExportStart),
        (KeyCode::Char('?'), shift, Action::ToggleHelp),
        (KeyCode::Esc, n, Action::Close),
        (KeyCode::Char('q'), n, Action::Quit),
        (KeyCode::Char('c'), ctrl, Action::Quit),
    ];
    for &(code, mods, action) in table {
        let ev = KeyEvent::new(code, mods);
        assert_eq!(
            keymap::action_for(&ev, Mode::Normal),
            Some(action),
            "{code:?} {mods:?}"
        );
    }
    assert_eq!(
        keymap::action_for(&key(KeyCode::Esc), Mode::Overlay),
        Some(Action::Close)
    );
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), ctrl);
    for mode in [Mode::Normal, Mode::Overlay, Mode::Prompt] {
        assert_eq!(
            keymap::action_for(&ctrl_c, mode),
            Some(Action::Quit),
            "{mode:?}"
        );
    }
}

#[test]
fn j_k_and_arrows_move_the_selection() {
    let mut app = app(three(), 150, 24);
    assert_eq!(sel(&app), (0, 0));
    press(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(sel(&app), (0, 2));
    press(&mut app, KeyCode::Char('k'), KeyModifiers::NONE);
    assert_eq!(sel(&app), (0, 1));
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(sel(&app), (0, 0), "stops at the top");
    for _ in 0..10 {
        step(&mut app, Action::Down);
    }
    assert_eq!(sel(&app), (0, 4), "stops at the bottom");
}

#[test]
fn paging_scrolls_and_keeps_the_selection_on_screen() {
    let mut app = app(long(200), 120, 30);
    let h = app.geometry.text_height(0);
    press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    let top = app.panes[0].top;
    assert!(top.passage > 0, "{top:?}");
    let s = sel(&app).1;
    assert!(s >= top.passage, "selection {s} on screen from {top:?}");
    let buf = draw(&mut app);
    let needle = format!("Sentence number {s} ");
    at(&buf, &needle);
    press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    let top2 = app.panes[0].top;
    assert!(top2 > top);
    press(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
    assert_eq!(app.panes[0].top, top);
    press(&mut app, KeyCode::Char('d'), KeyModifiers::CONTROL);
    let half = app.panes[0].top;
    assert!(
        half > top && half < top2,
        "{top:?} {half:?} {top2:?} (h={h})"
    );
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(app.panes[0].top, top);
    press(&mut app, KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(sel(&app), (0, 599));
    let buf = draw(&mut app);
    at(&buf, "Sentence number 599 ");
    // Paging down at the end selects the last passage and stays.
    let top = app.panes[0].top;
    step(&mut app, Action::PageDown);
    assert_eq!(app.panes[0].top, top);
    press(&mut app, KeyCode::Char('g'), KeyModifiers::NONE);
    assert_eq!(sel(&app), (0, 0));
    assert_eq!(app.panes[0].top.passage, 0);
}

#[test]
fn moving_only_wraps_what_it_walks_over() {
    let mut app = app(long(5000), 160, 40);
    for _ in 0..20 {
        step(&mut app, Action::Down);
    }
    step(&mut app, Action::PageDown);
    step(&mut app, Action::Bottom);
    step(&mut app, Action::Top);
    app.prepare();
    let filled = app.panes[0].wraps.filled();
    assert!(filled < 400, "{filled} of 15000 passages wrapped");
}

#[test]
fn mouse_wheel_scrolls_and_click_selects() {
    let mut app = app(long(100), 120, 30);
    step(
        &mut app,
        Action::Wheel {
            x: 10,
            y: 10,
            down: true,
        },
    );
    assert_eq!(app.panes[0].top.passage, 1);
    assert!(sel(&app).1 >= 1, "the selection follows into view");
    step(
        &mut app,
        Action::Wheel {
            x: 10,
            y: 10,
            down: false,
        },
    );
    assert_eq!(app.panes[0].top.passage, 0);
    // Click the third row of the text: passage 2 (rows: 0, 1, 2 are single lines).
    let buf = draw(&mut app);
    let (x, y) = at(&buf, "Sentence number 2 ");
    step(&mut app, Action::Click { x, y });
    assert_eq!(sel(&app), (0, 2));
    // Clicking the other pane focuses it.
    step(&mut app, Action::Click { x: 80, y: 1 });
    assert_eq!(sel(&app), (1, 0));
}

#[test]
fn focus_moves_between_panes_and_lands_on_the_counterpart() {
    let mut app = app(three(), 150, 24);
    step(&mut app, Action::Down); // wire 1
    press(&mut app, KeyCode::Char('l'), KeyModifiers::NONE);
    assert_eq!(sel(&app), (1, 1), "post's counterpart of wire 1");
    press(&mut app, KeyCode::Right, KeyModifiers::NONE);
    assert_eq!(sel(&app), (2, 1));
    press(&mut app, KeyCode::Right, KeyModifiers::NONE);
    assert_eq!(app.focus, 2, "no wrap past the last pane");
    press(&mut app, KeyCode::Char('h'), KeyModifiers::NONE);
    assert_eq!(app.focus, 1);
    press(&mut app, KeyCode::Left, KeyModifiers::NONE);
    assert_eq!(sel(&app), (0, 1));
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.focus, 1);
    press(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    press(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.focus, 2, "Shift-Tab wraps");
    press(&mut app, KeyCode::Char('1'), KeyModifiers::NONE);
    assert_eq!(app.focus, 0);
    press(&mut app, KeyCode::Char('3'), KeyModifiers::NONE);
    assert_eq!(app.focus, 2);
    press(&mut app, KeyCode::Char('8'), KeyModifiers::NONE);
    assert_eq!(app.focus, 2);
    assert!(app.message.as_ref().unwrap().text.contains("no pane 8"));
}

#[test]
fn enter_jumps_to_counterparts_and_cycles() {
    let mut app = app(three(), 150, 24);
    step(&mut app, Action::Down);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(sel(&app), (1, 1), "strongest first: the shared one");
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("counterpart 1/2"));
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(sel(&app), (2, 1));
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(sel(&app), (0, 1), "back to where it started");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(sel(&app), (1, 1));
    // A unique passage has none.
    app.jump_to(0, 3);
    step(&mut app, Action::Counterpart);
    assert_eq!(sel(&app), (0, 3));
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("no counterpart"));
}

#[test]
fn class_jumps() {
    let mut app = app(three(), 150, 24);
    press(&mut app, KeyCode::Char('s'), KeyModifiers::NONE);
    assert_eq!(sel(&app), (0, 1));
    press(&mut app, KeyCode::Char('p'), KeyModifiers::NONE);
    assert_eq!(sel(&app), (0, 2));
    press(&mut app, KeyCode::Char('u'), KeyModifiers::NONE);
    assert_eq!(sel(&app), (0, 3));
    press(&mut app, KeyCode::Char('u'), KeyModifiers::NONE);
    assert_eq!(sel(&app), (0, 0), "wraps to the top");
    assert!(app.message.as_ref().unwrap().text.contains("wrapped"));
    press(&mut app, KeyCode::Char(']'), KeyModifiers::NONE);
    assert_eq!(sel(&app), (0, 3), "next unique");
    press(&mut app, KeyCode::Char('['), KeyModifiers::NONE);
    assert_eq!(sel(&app), (0, 0));
    step(&mut app, Action::CycleFilter);
    step(&mut app, Action::CycleFilter); // unique only
    step(&mut app, Action::NextOfClass(Class::Shared));
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("hidden by the filter"));
}

#[test]
fn aligned_scrolling_follows_the_selection_and_a_turns_it_off() {
    // The counterpart (short article, passage 0) is lined up with long passage 7 wherever
    // that sits.
    let mut app = app(long(50), 120, 30);
    for _ in 0..7 {
        step(&mut app, Action::Down);
    }
    let buf = draw(&mut app);
    let (_, y1) = at(&buf, "Sentence number 7 says something about");
    let (_, y2) = at(&buf, "Sentence number 7 says something.");
    assert_eq!(y1, y2);
    assert!(y1 > 3);
    press(&mut app, KeyCode::Char('a'), KeyModifiers::NONE);
    assert!(!app.aligned);
    let other = (app.panes[1].top, app.panes[1].pad);
    for _ in 0..13 {
        step(&mut app, Action::Down);
    }
    assert_eq!(
        (app.panes[1].top, app.panes[1].pad),
        other,
        "the others stay put when off"
    );
    step(&mut app, Action::Top);
    for _ in 0..7 {
        step(&mut app, Action::Down);
    }
    press(&mut app, KeyCode::Char('a'), KeyModifiers::NONE);
    let buf = draw(&mut app);
    let (_, y1) = at(&buf, "Sentence number 7 says something about");
    let (_, y2) = at(&buf, "Sentence number 7 says something.");
    assert_eq!(y1, y2, "turning it on aligns at once");
}

#[test]
fn d_toggles_the_detail_and_j_k_scroll_it() {
    let mut app = app(three(), 100, 30);
    step(&mut app, Action::Down);
    press(&mut app, KeyCode::Char('d'), KeyModifiers::NONE);
    assert!(app.detail);
    let panes_h = app.geometry.panes[0].height;
    assert!(panes_h < 29);
    press(&mut app, KeyCode::Char('J'), KeyModifiers::SHIFT);
    press(&mut app, KeyCode::Char('J'), KeyModifiers::SHIFT);
    let scrolled = app.detail_scroll;
    assert!(scrolled <= app.limits.detail);
    assert_eq!(app.limits, view::scroll_limits(&app));
    press(&mut app, KeyCode::Char('K'), KeyModifiers::SHIFT);
    assert_eq!(app.detail_scroll, scrolled.saturating_sub(1));
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(!app.detail, "Esc closes the panel");
    press(&mut app, KeyCode::Char('d'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('d'), KeyModifiers::NONE);
    assert!(!app.detail);
}

#[test]
fn f_cycles_the_filter_and_keeps_a_shown_selection() {
    let mut app = app(three(), 150, 24);
    app.jump_to(0, 4); // boilerplate
    press(&mut app, KeyCode::Char('f'), KeyModifiers::NONE);
    assert_eq!(app.filter, Filter::HideBoilerplate);
    assert_eq!(sel(&app), (0, 3), "moved off the hidden passage");
    for f in [Filter::OnlyUnique, Filter::OnlyMatched, Filter::All] {
        press(&mut app, KeyCode::Char('f'), KeyModifiers::NONE);
        assert_eq!(app.filter, f);
        let p = app.selected_passage().unwrap();
        assert!(f.shows(p.class), "{f:?} shows {:?}", p.class);
    }
}

#[test]
fn search_n_and_shift_n_walk_the_hits_across_panes() {
    let mut app = app(three(), 150, 24);
    press(&mut app, KeyCode::Char('/'), KeyModifiers::NONE);
    keys(&mut app, "bridgx");
    press(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    keys(&mut app, "e");
    assert_eq!(app.prompt.as_ref().unwrap().input.text, "bridge");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let hits: Vec<(usize, usize)> = app
        .search
        .as_ref()
        .unwrap()
        .hits
        .iter()
        .map(|h| (h.article, h.passage))
        .collect();
    assert_eq!(hits.len(), 6, "{hits:?}");
    assert_eq!(sel(&app), hits[0]);
    press(&mut app, KeyCode::Char('n'), KeyModifiers::NONE);
    assert_eq!(sel(&app), hits[1]);
    for _ in 0..4 {
        step(&mut app, Action::SearchNext);
    }
    assert_eq!(sel(&app), hits[5]);
    assert_eq!(app.focus, hits[5].0, "hits in other panes move the focus");
    press(&mut app, KeyCode::Char('N'), KeyModifiers::SHIFT);
    assert_eq!(sel(&app), hits[4]);
    // Esc in the prompt keeps the previous search; Esc in the panes clears it.
    step(&mut app, Action::SearchStart);
    keys(&mut app, "zzz");
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.search.as_ref().unwrap().query, "bridge");
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(app.search.is_none());
    // No match: a message, not a jump.
    step(&mut app, Action::SearchStart);
    keys(&mut app, "zebra");
    step(&mut app, Action::Confirm);
    let msg = app.message.as_ref().unwrap();
    assert_eq!(msg.kind, MessageKind::Error);
    assert!(msg.text.contains("no match"));
}

#[test]
fn plus_and_minus_move_the_paraphrase_threshold_live() {
    let mut app = app(three(), 150, 24);
    let daily = (1, 3);
    assert_eq!(
        app.comparison.passage(daily.0, daily.1).unwrap().class,
        Class::Unique
    );
    let buf = draw(&mut app);
    let (x, y) = at(&buf, "The Daily Post");
    assert_eq!(buf[(x, y)].bg, Color::Reset);
    press(&mut app, KeyCode::Char('-'), KeyModifiers::NONE);
    assert!((app.thresholds().min_paraphrase - 0.50).abs() < 1e-9);
    press(&mut app, KeyCode::Char('-'), KeyModifiers::NONE);
    assert!((app.thresholds().min_paraphrase - 0.45).abs() < 1e-9);
    assert_eq!(
        app.comparison.passage(1, 3).unwrap().class,
        Class::Paraphrased
    );
    assert_eq!(app.counts.paraphrased, 5);
    let buf = draw(&mut app);
    let (x, y) = at(&buf, "The Daily Post");
    assert_eq!(
        buf[(x, y)].bg,
        Color::Indexed(94),
        "the colour follows at once"
    );
    assert!(row(&buf, 23).contains("~ ≥0.45"), "{}", row(&buf, 23));
    press(&mut app, KeyCode::Char('+'), KeyModifiers::SHIFT);
    press(&mut app, KeyCode::Char('+'), KeyModifiers::SHIFT);
    assert_eq!(app.comparison.passage(1, 3).unwrap().class, Class::Unique);
    // Raising past the rescue pair's 0.67 makes it unique too.
    for _ in 0..3 {
        step(&mut app, Action::ThresholdUp);
    }
    assert_eq!(app.comparison.passage(0, 2).unwrap().class, Class::Unique);
}

#[test]
fn thresholds_stay_when_there_are_no_cached_scores() {
    let mut c = three();
    c.links.clear(); // as read back from a report: matches but no scores
    let mut app = app(c, 150, 24);
    step(&mut app, Action::ThresholdDown);
    assert_eq!(app.message.as_ref().unwrap().kind, MessageKind::Error);
    assert_eq!(app.comparison.passage(0, 1).unwrap().class, Class::Shared);
}

#[test]
fn m_toggles_the_matrix_and_esc_or_q_close_overlays() {
    let mut app = app(three(), 150, 24);
    press(&mut app, KeyCode::Char('m'), KeyModifiers::NONE);
    assert_eq!(app.overlay, Some(Overlay::Matrix));
    assert_eq!(app.mode(), Mode::Overlay);
    assert_eq!(
        press(&mut app, KeyCode::Esc, KeyModifiers::NONE),
        Flow::Continue
    );
    assert_eq!(app.overlay, None);
    press(&mut app, KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(app.overlay, Some(Overlay::Help));
    assert_eq!(
        press(&mut app, KeyCode::Char('q'), KeyModifiers::NONE),
        Flow::Continue
    );
    assert_eq!(
        app.overlay, None,
        "q closes an overlay rather than quitting"
    );
    press(&mut app, KeyCode::Char('?'), KeyModifiers::SHIFT);
    press(&mut app, KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(app.overlay, None, "? toggles");
    assert_eq!(
        press(&mut app, KeyCode::Char('q'), KeyModifiers::NONE),
        Flow::Quit
    );
    let mut app2 = super::tests::app(three(), 150, 24);
    step(&mut app2, Action::ToggleHelp);
    assert_eq!(
        press(&mut app2, KeyCode::Char('c'), KeyModifiers::CONTROL),
        Flow::Quit
    );
}

#[test]
fn e_exports_through_the_report_module() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(three(), 150, 24);
    press(&mut app, KeyCode::Char('e'), KeyModifiers::NONE);
    let prompt = app.prompt.as_ref().unwrap();
    assert_eq!(prompt.kind, PromptKind::Export);
    assert_eq!(prompt.input.text, "artdiff-report.html");
    let buf = draw(&mut app);
    assert!(
        row(&buf, 23).contains("export to: artdiff-report.html"),
        "{}",
        row(&buf, 23)
    );
    // Replace the path: Ctrl-U clears, then type.
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    let path = dir.path().join("out.json");
    keys(&mut app, path.to_str().unwrap());
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let msg = app.message.clone().unwrap();
    assert_eq!(msg.kind, MessageKind::Ok, "{}", msg.text);
    assert!(msg.text.contains("out.json"));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["articles"].as_array().unwrap().len(), 3);
    let buf = draw(&mut app);
    let (x, y) = at(&buf, "exported the json report");
    assert_eq!(buf[(x, y)].bg, Color::Indexed(114));
    // HTML (the default) either works or says why not; unknown extensions are refused.
    step(&mut app, Action::ExportStart);
    step(&mut app, Action::ClearLine);
    keys(&mut app, dir.path().join("r.html").to_str().unwrap());
    step(&mut app, Action::Confirm);
    assert!(app.message.is_some());
    step(&mut app, Action::ExportStart);
    step(&mut app, Action::ClearLine);
    keys(&mut app, "report.pdf");
    step(&mut app, Action::Confirm);
    let msg = app.message.clone().unwrap();
    assert_eq!(msg.kind, MessageKind::Error);
    assert!(msg.text.contains("unknown report format"));
    // A missing directory fails without a panic.
    step(&mut app, Action::ExportStart);
    step(&mut app, Action::ClearLine);
    keys(&mut app, "/nonexistent/dir/x.json");
    step(&mut app, Action::Confirm);
    assert_eq!(app.message.clone().unwrap().kind, MessageKind::Error);
    // Esc cancels.
    step(&mut app, Action::ExportStart);
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(app.prompt.is_none());
}

#[test]
fn prompt_editing_keys() {
    let mut app = app(three(), 150, 24);
    step(&mut app, Action::SearchStart);
    keys(&mut app, "hello world");
    press(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(app.prompt.as_ref().unwrap().input.text, "hello ");
    press(&mut app, KeyCode::Home, KeyModifiers::NONE);
    keys(&mut app, ">");
    press(&mut app, KeyCode::End, KeyModifiers::NONE);
    press(&mut app, KeyCode::Left, KeyModifiers::NONE);
    press(&mut app, KeyCode::Delete, KeyModifiers::NONE);
    assert_eq!(app.prompt.as_ref().unwrap().input.text, ">hello");
    keys(&mut app, "qjk?");
    assert_eq!(
        app.prompt.as_ref().unwrap().input.text,
        ">helloqjk?",
        "keys type in a prompt"
    );
}

#[test]
fn resize_relayouts_and_switches_to_narrow_mode() {
    let mut app = app(three(), 150, 24);
    assert!(!app.geometry.narrow);
    step(&mut app, Action::Resize(100, 24));
    assert!(app.geometry.narrow);
    step(&mut app, Action::Down);
    let buf = draw(&mut app);
    at(&buf, "At least 14");
    step(&mut app, Action::Resize(200, 50));
    assert!(!app.geometry.narrow);
    assert_eq!(app.geometry.panes.len(), 3);
    let buf = draw(&mut app);
    assert_eq!(buf.area.width, 200);
    at(&buf, "Officials said fourteen");
}

#[test]
fn panes_keep_step_through_passages_without_counterparts() {
    // Long passage 7 ↔ short passage 0. Selecting passage 9 (no counterpart) keeps the short
    // article lined up on passage 7, two rows above the selection.
    let mut app = app(long(50), 120, 30);
    for _ in 0..9 {
        step(&mut app, Action::Down);
    }
    let buf = draw(&mut app);
    let (_, y7) = at(&buf, "Sentence number 7 says something about");
    let (_, y0) = at(&buf, "Sentence number 7 says something.");
    assert_eq!(y7, y0);
    let (_, y9) = at(&buf, "Sentence number 9 says");
    assert!(y9 > y7);
}

#[test]
fn panes_stay_at_their_start_until_the_reader_reaches_a_counterpart() {
    // Passage 3 has no counterpart and none above it: the short article is not pulled down to
    // line up with passage 7, which the reader has not reached yet.
    let mut app = app(long(50), 120, 30);
    for _ in 0..3 {
        step(&mut app, Action::Down);
    }
    let buf = draw(&mut app);
    let (_, y_short) = at(&buf, "Sentence number 7 says something.");
    let (_, y_first) = at(&buf, "Sentence number 0 says");
    assert_eq!(y_short, y_first);
}

#[test]
fn snapshot_three_panes() {
    let mut app = mono(three(), 120, 16);
    step(&mut app, Action::Down);
    insta::assert_snapshot!(screen(&draw(&mut app)));
}

#[test]
fn snapshot_narrow_with_detail() {
    let mut app = mono(three(), 80, 30);
    step(&mut app, Action::Down);
    step(&mut app, Action::ToggleDetail);
    insta::assert_snapshot!(screen(&draw(&mut app)));
}

#[cfg(unix)]
#[test]
fn e_refuses_to_export_over_an_article_and_keeps_links_links() {
    let dir = tempfile::tempdir().unwrap();
    let mut comparison = three();
    let article = dir.path().join("wire.json");
    std::fs::write(&article, "the article").unwrap();
    comparison.articles[0].path = article.to_str().unwrap().to_string();
    let to_article = dir.path().join("to-article.json");
    std::os::unix::fs::symlink(&article, &to_article).unwrap();
    let mut app = app(comparison, 150, 24);
    for target in [&article, &to_article] {
        step(&mut app, Action::ExportStart);
        step(&mut app, Action::ClearLine);
        keys(&mut app, target.to_str().unwrap());
        step(&mut app, Action::Confirm);
        let msg = app.message.clone().unwrap();
        assert_eq!(msg.kind, MessageKind::Error, "{}", msg.text);
        assert!(msg.text.contains("refusing to export over"), "{}", msg.text);
        assert_eq!(std::fs::read_to_string(&article).unwrap(), "the article");
    }
    // A link to another file: the link stays, the file it points to gets the report.
    let report = dir.path().join("report.json");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&report, &link).unwrap();
    step(&mut app, Action::ExportStart);
    step(&mut app, Action::ClearLine);
    keys(&mut app, link.to_str().unwrap());
    step(&mut app, Action::Confirm);
    let msg = app.message.clone().unwrap();
    assert_eq!(msg.kind, MessageKind::Ok, "{}", msg.text);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(json["articles"].as_array().unwrap().len(), 3);
}

/// `three()` as fetched from the web: addresses, declared metadata, publication times.
fn three_from_the_web() -> Comparison {
    let mut c = three();
    let declared = [
        (
            "https://herald.example/news/bridge",
            Some("Harbour Herald"),
            Some("Orla Brennick"),
            Some("2025-10-14T07:05:00+01:00"),
        ),
        (
            "https://courier.example/story?id=9",
            Some("Coast Courier"),
            None,
            Some("2025-10-14T09:05:00Z"),
        ),
        ("https://blog.example/", None, None, None),
    ];
    for (article, (path, site, byline, published)) in c.articles.iter_mut().zip(declared) {
        article.path = path.into();
        article.metadata.site_name = site.map(Into::into);
        article.metadata.byline = byline.map(Into::into);
        article.metadata.published = published.map(Into::into);
    }
    c.articles[0].metadata.title = Some("Bridge falls in the storm".into());
    c.refresh_summary();
    c
}

#[test]
fn panes_of_fetched_pages_show_host_headline_and_details() {
    let mut web = app(three_from_the_web(), 240, 24);
    let buf = draw(&mut web);
    // The declared headline stands for the title; the address shows as host and last part.
    let (x, y) = at(&buf, "1 Bridge falls in the storm");
    assert_eq!(y, 0);
    assert!(
        row(&buf, 0).contains("herald.example/bridge"),
        "{}",
        row(&buf, 0)
    );
    assert!(
        row(&buf, 0).contains("courier.example/story"),
        "{}",
        row(&buf, 0)
    );
    // The details line sits in the bottom border of each pane that declares something.
    let bottom = (0..24)
        .find(|&y| row(&buf, y).contains("Harbour Herald"))
        .unwrap_or_else(|| panic!("{}", screen(&buf)));
    assert!(bottom > 0 && buf[(x, bottom)].symbol() != " ");
    let line = row(&buf, bottom);
    assert!(
        line.contains("Harbour Herald · Orla Brennick · 2025-10-14 06:05 UTC"),
        "{line}"
    );
    assert!(
        line.contains("Coast Courier · 2025-10-14 09:05 UTC"),
        "{line}"
    );
    let (dx, _) = at(&buf, "Harbour Herald");
    assert_eq!(buf[(dx, bottom)].fg, web.theme.dim().fg.unwrap_or_default());
}

#[test]
fn matrix_overlay_says_which_article_came_first() {
    let mut web = app(three_from_the_web(), 150, 34);
    step(&mut web, Action::ToggleMatrix);
    let buf = draw(&mut web);
    at(
        &buf,
        "Chronology: publication times as the pages declare them",
    );
    at(&buf, "1 came first (2025-10-14 06:05 UTC)");
    let share = web.comparison.summary.matrix[1][0];
    let sentence = format!(
        "2 published 3 h after 1; {} of 2 has a counterpart in 1",
        artdiff::report::common::percent(share)
    );
    at(&buf, &sentence);
    // Without publication times there is no chronology to show.
    let mut plain = app(three(), 150, 34);
    step(&mut plain, Action::ToggleMatrix);
    assert!(find(&draw(&mut plain), "Chronology").is_none());
}

#[test]
fn snapshot_three_fetched_panes() {
    let mut app = mono(three_from_the_web(), 120, 16);
    insta::assert_snapshot!(screen(&draw(&mut app)));
}

#[test]
fn sources_left_out_open_the_status_line() {
    let mut c = three_from_the_web();
    c.summary.left_out.push(artdiff::model::LeftOut {
        source: "https://gone.example/story".into(),
        problem: "HTTP 404 Not Found".into(),
    });
    c.articles[2].warnings.push("empty article".into());
    let message = super::warnings_message(&c).unwrap();
    assert_eq!(
        message.text,
        "⚠ left out https://gone.example/story: HTTP 404 Not Found (+1 more)"
    );
    let mut app = app(c, 150, 24);
    app.message = Some(message);
    at(&draw(&mut app), "left out https://gone.example/story");
}
