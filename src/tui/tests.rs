//! Rendering and app tests: actions in, buffers out. No terminal, no sleeps.

use super::action::Action;
use super::app::{App, Flow};
use super::theme::Theme;
use super::view;
use artdiff::ingest::Loaded;
use artdiff::model::{Comparison, Conflict, ConflictKind, DiffOp, DiffRun, Link};
use artdiff::Settings;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

const WIRE: &str = "Bridge collapses in storm\n\n\
At least 14 people were injured when the bridge collapsed. \
Rescue teams reached the village of Kalvik on Tuesday morning, officials said. \
The ministry has promised a review.\n\n\
Share : Facebook · X · Email";

const POST: &str = "Storm brings down Kalvik bridge\n\n\
At least 41 people were injured when the bridge collapsed. \
Rescuers arrived in the mountain village of Kalvik on Tuesday, local authorities confirmed. \
The Daily Post has asked the ministry for comment.";

const TRIBUNE: &str = "Kalvik bridge: what we know\n\n\
Officials said fourteen were hurt in the collapse of the bridge. \
The Tribune visited the site in 2019, when residents first raised concerns.";

/// Three articles with hand-made links (so the tests do not depend on the engine's scores):
/// wire 1 ↔ post 1 shared with a number conflict, wire 2 ↔ post 2 paraphrased, wire 1 ↔
/// tribune 1 paraphrased.
fn three() -> Comparison {
    let loaded = vec![
        Loaded::from_text("wire.txt", WIRE),
        Loaded::from_text("post.txt", POST),
        Loaded::from_text("trib.txt", TRIBUNE),
    ];
    let mut c = artdiff::analyse(loaded, &Settings::default());
    let find = |c: &Comparison, a: usize, needle: &str| {
        c.articles[a]
            .passages
            .iter()
            .position(|p| p.text.contains(needle))
            .unwrap_or_else(|| panic!("no passage with {needle:?} in article {a}"))
    };
    let w_injured = find(&c, 0, "At least 14");
    let p_injured = find(&c, 1, "At least 41");
    let w_rescue = find(&c, 0, "Rescue teams");
    let p_rescue = find(&c, 1, "Rescuers arrived");
    let t_hurt = find(&c, 2, "fourteen");
    c.links = vec![
        Link {
            a: (0, w_injured),
            b: (1, p_injured),
            a_len: 1,
            b_len: 1,
            verbatim: 0.93,
            paraphrase: 0.9,
            diff: vec![
                run(DiffOp::Equal, "At least"),
                run(DiffOp::Delete, "14"),
                run(DiffOp::Insert, "41"),
                run(
                    DiffOp::Equal,
                    "people were injured when the bridge collapsed.",
                ),
            ],
            terms: vec!["injured".into(), "bridge".into(), "collapsed".into()],
            conflicts: vec![Conflict {
                kind: ConflictKind::Number,
                a: "14".into(),
                b: "41".into(),
            }],
        },
        Link {
            a: (0, w_rescue),
            b: (1, p_rescue),
            a_len: 1,
            b_len: 1,
            verbatim: 0.4,
            paraphrase: 0.62,
            diff: vec![],
            terms: vec!["Kalvik".into(), "Tuesday".into()],
            conflicts: vec![],
        },
        Link {
            a: (0, w_injured),
            b: (2, t_hurt),
            a_len: 1,
            b_len: 1,
            verbatim: 0.2,
            paraphrase: 0.55,
            diff: vec![],
            terms: vec!["bridge".into()],
            conflicts: vec![],
        },
        // Below every threshold: only a raised/lowered threshold makes it count.
        Link {
            a: (1, find(&c, 1, "Daily Post")),
            b: (2, find(&c, 2, "Tribune visited")),
            a_len: 1,
            b_len: 1,
            verbatim: 0.1,
            paraphrase: 0.42,
            diff: vec![],
            terms: vec![],
            conflicts: vec![],
        },
    ];
    c.reclassify(Settings::default().thresholds);
    c
}

fn two() -> Comparison {
    let mut c = three();
    c.articles.truncate(2);
    c.links.retain(|l| l.b.0 < 2);
    c.summary.coverage.clear();
    c.reclassify(Settings::default().thresholds);
    c
}

fn run(op: DiffOp, text: &str) -> DiffRun {
    DiffRun {
        op,
        text: text.into(),
    }
}

fn app(c: Comparison, w: u16, h: u16) -> App {
    let mut app = App::new(c, Settings::default(), Theme::new(true, false));
    app.update(Action::Resize(w, h));
    app
}

fn mono(c: Comparison, w: u16, h: u16) -> App {
    let mut app = App::new(c, Settings::default(), Theme::new(false, false));
    app.update(Action::Resize(w, h));
    app
}

fn draw(app: &mut App) -> Buffer {
    let area = app.geometry.area;
    let mut term = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    app.prepare();
    term.draw(|f| view::render(app, f)).unwrap();
    term.backend().buffer().clone()
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

fn screen(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row(buf, y))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first cell whose row contains `needle`, starting at its first character.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let cells: Vec<String> = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        for x in 0..cells.len() {
            let mut s = String::new();
            for c in &cells[x..] {
                s.push_str(c);
                if s.len() >= needle.len() {
                    break;
                }
            }
            if s.starts_with(needle) {
                return Some((x as u16, y));
            }
        }
    }
    None
}

fn at(buf: &Buffer, needle: &str) -> (u16, u16) {
    find(buf, needle).unwrap_or_else(|| panic!("{needle:?} not on screen:\n{}", screen(buf)))
}

fn passage_index(app: &App, a: usize, needle: &str) -> usize {
    app.comparison.articles[a]
        .passages
        .iter()
        .position(|p| p.text.contains(needle))
        .unwrap()
}

#[test]
fn two_panes_side_by_side_with_titles_and_wrapped_text() {
    let mut app = app(two(), 130, 20);
    let buf = draw(&mut app);
    let text = screen(&buf);
    let (x1, y1) = at(&buf, "1 Bridge collapses in storm");
    let (x2, y2) = at(&buf, "2 Storm brings down Kalvik");
    assert_eq!((y1, y2), (0, 0));
    assert!(x1 < 65 && x2 > 65, "{text}");
    assert!(
        text.contains("wire.txt") && text.contains("post.txt"),
        "{text}"
    );
    // Text wraps inside each pane: nothing of the left pane spills past its border.
    for y in 1..18 {
        assert!(
            matches!(row(&buf, y).chars().nth(64), Some('┃' | '│')),
            "row {y}: {}",
            row(&buf, y)
        );
    }
    assert!(
        text.contains("At least 14 people were injured when the"),
        "{text}"
    );
    assert!(
        text.contains("At least 41 people were injured when the"),
        "{text}"
    );
}

#[test]
fn q_quits() {
    let mut app = app(two(), 100, 20);
    assert_eq!(app.update(Action::Down), Flow::Continue);
    assert_eq!(app.update(Action::Quit), Flow::Quit);
    let ev =
        ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char('q'));
    assert_eq!(
        super::keymap::action_for(&ev, app.mode()),
        Some(Action::Quit)
    );
}
