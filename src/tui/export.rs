//! The export prompt (`e`): what the typed path means, decided by [`App::update`], and the
//! writing, an effect the run loop performs ([`perform`]) so that `update` never touches files.
//!
//! [`App::update`]: super::app::App::update

use super::app::{Message, MessageKind};
use artdiff::model::Comparison;
use artdiff::report::{self, ReportFormat};
use artdiff::safe_text::printable;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// A report to write: where and in which format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The path, `~/` expanded.
    pub path: PathBuf,
    /// The path as typed, printable, for the messages.
    pub shown: String,
    /// From the path's extension.
    pub format: ReportFormat,
}

/// What the typed path asks for: an export, or the message that says why there is none.
/// `home` expands a leading `~/`, as a shell would.
pub fn request(typed: &str, home: Option<OsString>) -> Result<Export, Message> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(Message {
            kind: MessageKind::Info,
            text: "export cancelled".to_string(),
        });
    }
    let path = match (typed.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(typed),
    };
    let shown = printable(typed).into_owned();
    match ReportFormat::from_path(&path) {
        Some(format) => Ok(Export {
            path,
            shown,
            format,
        }),
        None => Err(Message {
            kind: MessageKind::Error,
            text: format!("{shown}: unknown report format; use .html, .md or .json"),
        }),
    }
}

/// Writes the report and says how it went. As on the command line, never over one of the
/// articles being compared.
pub fn perform(comparison: &Comparison, export: &Export) -> Message {
    let Export {
        path,
        shown,
        format,
    } = export;
    let inputs = comparison.articles.iter().map(|a| Path::new(&a.path));
    if report::overwrites_input(path, inputs) {
        return Message {
            kind: MessageKind::Error,
            text: format!("{shown}: refusing to export over one of the articles being compared"),
        };
    }
    match report::export(comparison, *format, path) {
        Ok(()) => Message {
            kind: MessageKind::Ok,
            text: format!("exported the {} report to {shown}", format.extension()),
        },
        Err(e) => Message {
            kind: MessageKind::Error,
            text: format!("export failed: {}", printable(&e.to_string())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_extension() {
        let export = request(" out/report.md ", None).unwrap();
        assert_eq!(export.path, PathBuf::from("out/report.md"));
        assert_eq!(export.shown, "out/report.md");
        assert_eq!(export.format, ReportFormat::Markdown);
        let refused = request("report.pdf", None).unwrap_err();
        assert_eq!(refused.kind, MessageKind::Error);
        assert!(
            refused.text.contains("unknown report format"),
            "{}",
            refused.text
        );
    }

    #[test]
    fn a_leading_tilde_is_the_home_directory() {
        let export = request("~/r.json", Some("/home/reader".into())).unwrap();
        assert_eq!(export.path, PathBuf::from("/home/reader/r.json"));
        assert_eq!(export.shown, "~/r.json");
        // Without a home, or not at the start, `~` is a name like any other.
        assert_eq!(
            request("~/r.json", None).unwrap().path,
            PathBuf::from("~/r.json")
        );
        let inside = request("a/~/r.json", Some("/home/reader".into())).unwrap();
        assert_eq!(inside.path, PathBuf::from("a/~/r.json"));
    }

    #[test]
    fn an_empty_path_cancels() {
        let cancelled = request("   ", Some("/home/reader".into())).unwrap_err();
        assert_eq!(cancelled.kind, MessageKind::Info);
        assert_eq!(cancelled.text, "export cancelled");
    }

    #[test]
    fn perform_writes_the_report_or_says_why_not() {
        let dir = tempfile::tempdir().unwrap();
        let comparison = Comparison::default();
        let target = dir.path().join("r.json");
        let export = request(target.to_str().unwrap(), None).unwrap();
        let done = perform(&comparison, &export);
        assert_eq!(done.kind, MessageKind::Ok, "{}", done.text);
        assert!(
            done.text.starts_with("exported the json report to "),
            "{}",
            done.text
        );
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
        assert!(json["articles"].as_array().unwrap().is_empty());
        let missing = dir.path().join("missing").join("r.json");
        let export = request(missing.to_str().unwrap(), None).unwrap();
        let failed = perform(&comparison, &export);
        assert_eq!(failed.kind, MessageKind::Error);
        assert!(
            failed.text.starts_with("export failed: "),
            "{}",
            failed.text
        );
    }
}
