//! Web addresses: fetching from a loopback server (tests/loopback), every documented failure
//! in one line, provenance and metadata in the reports, `--save` and the offline re-run.
//! Nothing here leaves the machine: every address is 127.0.0.1 or localhost, and the
//! library tests fetch with no proxy while the command's tests clear the proxy variables.

mod loopback;

use artdiff::ingest::fetch::{FetchOptions, ProxyChoice};
use artdiff::ingest::{load, load_all, IngestError, LoadOptions, Loaded, Source};
use artdiff::model::{sha256_hex, Comparison, Format};
use assert_cmd::Command;
use loopback::{Reply, Server, TlsServer};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// A fixture page of tests/pages (text written for these tests).
fn page(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/pages")
            .join(name),
    )
    .unwrap()
}

const PAGES: [&str; 5] = [
    "herald.html",
    "courier.html",
    "gazette.html",
    "wire.html",
    "blog.html",
];

/// Options that fetch directly, whatever the environment says.
fn direct() -> LoadOptions {
    LoadOptions {
        fetch: FetchOptions {
            proxy: ProxyChoice::Direct,
            ..FetchOptions::default()
        },
        ..LoadOptions::default()
    }
}

fn fetch(url: &str) -> Result<Loaded, IngestError> {
    load(&Source::Url(url.to_string()), &direct())
}

fn problem(url: &str, options: &LoadOptions) -> String {
    let e = load(&Source::Url(url.to_string()), options).expect_err(url);
    assert_eq!(e.path, url, "the error names the address");
    let line = e.to_string();
    assert!(!line.contains('\n'), "one line: {line}");
    e.problem
}

#[test]
fn a_news_page_brings_its_metadata_and_provenance() {
    let body = page("herald.html");
    let server = Server::start(vec![("/news/ferry", Reply::html(body.clone()))]);
    let url = server.url("/news/ferry");
    let a = fetch(&url).unwrap();
    assert_eq!(a.format, Format::Html);
    assert!(a
        .text
        .contains("Ferry crews in Marrow Bay stopped work at dawn"));
    let m = &a.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some("Ferry crews walk out as Marrow Bay talks collapse")
    );
    assert_eq!(m.site_name.as_deref(), Some("Harbour Herald"));
    assert_eq!(m.byline.as_deref(), Some("Orla Brennick"));
    assert_eq!(m.published.as_deref(), Some("2025-10-14T07:05:00+01:00"));
    assert_eq!(m.modified.as_deref(), Some("2025-10-14T10:40:00+01:00"));
    assert_eq!(
        m.canonical_url.as_deref(),
        Some("https://herald.example/news/ferry-strike")
    );
    assert_eq!(m.language.as_deref(), Some("en-GB"));
    let p = a.provenance.as_ref().unwrap();
    assert_eq!(p.source, url);
    assert_eq!(p.final_url.as_deref(), Some(url.as_str()));
    assert!(p.redirects.is_empty());
    assert_eq!(p.status, Some(200));
    assert_eq!(p.content_type.as_deref(), Some("text/html; charset=utf-8"));
    assert_eq!(p.encoding.as_deref(), Some("UTF-8 (Content-Type)"));
    assert_eq!(p.bytes, body.len() as u64);
    assert_eq!(p.sha256, sha256_hex(&body));
    let at = p.fetched_at.as_deref().unwrap();
    assert!(
        at.len() == 20 && at.ends_with('Z') && at.as_bytes()[10] == b'T',
        "{at}"
    );
    // What the server was told.
    let request = &server.requests()[0];
    let agent = &request.headers["user-agent"];
    assert!(
        agent.starts_with(concat!("artdiff/", env!("CARGO_PKG_VERSION"))),
        "{agent}"
    );
    let encodings = &request.headers["accept-encoding"];
    for e in ["gzip", "deflate", "br"] {
        assert!(encodings.contains(e), "{encodings}");
    }
}

#[test]
fn the_seed_style_pages_carry_these_fields() {
    // Which fields each fixture page declares and is read back (the README lists them).
    let server = Server::start(
        PAGES
            .iter()
            .map(|name| (*name, Reply::html(page(name))))
            .map(|(name, reply)| {
                (
                    Box::leak(format!("/{name}").into_boxed_str()) as &str,
                    reply,
                )
            })
            .collect(),
    );
    let found: Vec<Vec<&str>> = PAGES
        .iter()
        .map(|name| {
            let a = fetch(&server.url(&format!("/{name}"))).unwrap();
            a.metadata
                .fields()
                .into_iter()
                .filter(|(_, v)| v.is_some())
                .map(|(k, _)| k)
                .collect()
        })
        .collect();
    let all = vec![
        "headline",
        "site",
        "byline",
        "published",
        "modified",
        "canonical",
        "language",
    ];
    assert_eq!(found[0], all, "herald");
    assert_eq!(
        found[1],
        ["headline", "site", "byline", "published", "language"],
        "courier"
    );
    assert_eq!(found[2], ["byline", "published", "language"], "gazette");
    assert_eq!(
        found[3],
        ["headline", "site", "byline", "published", "language"],
        "wire"
    );
    assert!(found[4].is_empty(), "blog: {:?}", found[4]);
}

#[test]
fn redirects_are_followed_and_each_hop_recorded() {
    let server = Server::start(vec![
        ("/old", Reply::redirect(301, "/moved")),
        ("/moved", Reply::redirect(302, "/story")),
        ("/story", Reply::html(page("courier.html"))),
    ]);
    let a = fetch(&server.url("/old")).unwrap();
    let p = a.provenance.unwrap();
    assert_eq!(p.source, server.url("/old"));
    assert_eq!(p.final_url, Some(server.url("/story")));
    assert_eq!(
        p.redirects,
        [
            server.url("/old"),
            server.url("/moved"),
            server.url("/story")
        ]
    );
    assert_eq!(p.status, Some(200));
}

#[test]
fn a_redirect_loop_and_a_long_chain_fail_in_one_line() {
    let mut routes = vec![
        ("/a", Reply::redirect(302, "/b")),
        ("/b", Reply::redirect(302, "/a")),
    ];
    let hops: Vec<String> = (0..=12).map(|i| format!("/hop{i}")).collect();
    for i in 0..12 {
        routes.push((
            Box::leak(hops[i].clone().into_boxed_str()) as &str,
            Reply::redirect(302, &hops[i + 1]),
        ));
    }
    let server = Server::start(routes);
    let looped = problem(&server.url("/a"), &direct());
    assert!(looped.starts_with("redirect loop ("), "{looped}");
    assert!(looped.contains(&server.url("/b")), "{looped}");
    let long = problem(&server.url("/hop0"), &direct());
    assert!(long.starts_with("more than 10 redirects"), "{long}");
    // Never more than 10 redirects followed: 11 requests at most.
    let chain = server
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/hop"))
        .count();
    assert_eq!(chain, 11);
}

#[test]
fn gzip_and_deflate_bodies_are_undone_and_hashed_as_compared() {
    use flate2::write::{GzEncoder, ZlibEncoder};
    let body = page("wire.html");
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&body).unwrap();
    let mut zl = ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    zl.write_all(&body).unwrap();
    let server = Server::start(vec![
        (
            "/gz",
            Reply::html(gz.finish().unwrap()).with_header("Content-Encoding", "gzip"),
        ),
        (
            "/deflate",
            Reply::html(zl.finish().unwrap()).with_header("Content-Encoding", "deflate"),
        ),
        ("/plain", Reply::html(body.clone())),
    ]);
    let plain = fetch(&server.url("/plain")).unwrap();
    for path in ["/gz", "/deflate"] {
        let a = fetch(&server.url(path)).unwrap();
        assert_eq!(a.text, plain.text, "{path}");
        let p = a.provenance.unwrap();
        assert_eq!(p.bytes, body.len() as u64, "{path}");
        assert_eq!(p.sha256, sha256_hex(&body), "{path}");
    }
}

/// `Café crème, “quoted” naïve` in windows-1252.
const CP1252: &[u8] = b"<p>Caf\xe9 cr\xe8me, \x93quoted\x94 na\xefve r\xe9sum\xe9 of the day.</p>";

#[test]
fn the_charset_comes_from_the_header_else_from_meta() {
    let header_only = CP1252.to_vec();
    let meta_only = [
        b"<html><head><meta charset=\"windows-1252\"></head><body>".as_slice(),
        CP1252,
        b"</body></html>",
    ]
    .concat();
    let server = Server::start(vec![
        (
            "/header",
            Reply::ok("text/html; charset=windows-1252", header_only),
        ),
        ("/meta", Reply::ok("text/html", meta_only)),
    ]);
    for (path, from) in [("/header", "Content-Type"), ("/meta", "<meta charset>")] {
        let a = fetch(&server.url(path)).unwrap();
        assert!(
            a.text
                .contains("Caf\u{e9} cr\u{e8}me, \u{201c}quoted\u{201d} na\u{ef}ve"),
            "{path}: {}",
            a.text
        );
        assert!(a.warnings.is_empty(), "{path}: no guess: {:?}", a.warnings);
        assert_eq!(
            a.provenance.unwrap().encoding.unwrap(),
            format!("windows-1252 ({from})")
        );
    }
}

#[test]
fn the_content_type_decides_the_format_before_the_extension() {
    let server = Server::start(vec![
        ("/story.txt", Reply::html(page("gazette.html"))),
        (
            "/notes.html",
            Reply::ok("text/plain", "<p>Literally angle brackets.</p>\n"),
        ),
        (
            "/readme.md",
            Reply::ok("text/plain", "# Ferry strike\n\nCrews *stopped* work.\n"),
        ),
        (
            "/story",
            Reply::ok("text/markdown", "# Ferry strike\n\nCrews *stopped* work.\n"),
        ),
    ]);
    assert_eq!(
        fetch(&server.url("/story.txt")).unwrap().format,
        Format::Html
    );
    let plain = fetch(&server.url("/notes.html")).unwrap();
    assert_eq!(plain.format, Format::Text);
    assert_eq!(plain.text, "<p>Literally angle brackets.</p>\n");
    for path in ["/readme.md", "/story"] {
        let md = fetch(&server.url(path)).unwrap();
        assert_eq!(md.format, Format::Markdown, "{path}");
        assert_eq!(md.text, "Ferry strike\n\nCrews stopped work.\n", "{path}");
    }
}

#[test]
fn http_errors_and_wrong_types_name_the_cause() {
    let server = Server::start(vec![
        ("/gone", Reply::status(404)),
        ("/broken", Reply::status(500)),
        (
            "/report.pdf",
            Reply::ok("application/pdf", b"%PDF-1.7 ...".to_vec()),
        ),
        ("/photo", Reply::ok("image/jpeg", vec![0xFF, 0xD8, 0xFF])),
    ]);
    assert_eq!(
        problem(&server.url("/gone"), &direct()),
        "HTTP 404 Not Found"
    );
    assert_eq!(
        problem(&server.url("/broken"), &direct()),
        "HTTP 500 Internal Server Error"
    );
    assert_eq!(
        problem(&server.url("/report.pdf"), &direct()),
        "not text but application/pdf (artdiff compares HTML, Markdown and plain text)"
    );
    assert!(problem(&server.url("/photo"), &direct()).starts_with("not text but image/jpeg"));
}

#[test]
fn a_slow_server_times_out() {
    let server = Server::start(vec![(
        "/slow",
        Reply::Slow(
            Duration::from_secs(20),
            Box::new(Reply::html("<p>late</p>")),
        ),
    )]);
    let mut options = direct();
    options.fetch.timeout = Duration::from_secs(1);
    let start = Instant::now();
    let why = problem(&server.url("/slow"), &options);
    assert_eq!(why, "timed out after 1 s (see --timeout)");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_body_past_the_size_limit_is_cut_off_early() {
    let big = vec![b'a'; 300 * 1024];
    let server = Server::start(vec![
        (
            "/endless",
            Reply::Endless {
                content_type: "text/html".into(),
            },
        ),
        ("/big", Reply::ok("text/plain", big)),
    ]);
    let mut options = direct();
    options.max_size = 64 * 1024;
    assert_eq!(
        problem(&server.url("/endless"), &options),
        "larger than the 64 KB limit (see --max-size)"
    );
    // The client stopped reading at the limit: the server could only fill socket buffers,
    // not the 256 MiB it would send to a reader that never stops.
    let sent = server.endless_bytes_sent();
    assert!(sent < 32 << 20, "{sent} bytes sent");
    // A declared length over the limit is refused before reading.
    assert_eq!(
        problem(&server.url("/big"), &options),
        "larger than the 64 KB limit (see --max-size)"
    );
}

#[test]
fn a_connection_closed_mid_body_is_an_error_not_a_short_page() {
    let server = Server::start(vec![(
        "/cut",
        Reply::CutShort {
            declared: 5000,
            body: b"<p>Ferry crews in Marrow Bay stopped".to_vec(),
        },
    )]);
    let why = problem(&server.url("/cut"), &direct());
    assert_eq!(
        why,
        "the connection closed after 36 bytes, before the page was complete"
    );
}

#[test]
fn a_refused_connection_is_named() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/story");
    assert_eq!(problem(&url, &direct()), "connection refused by 127.0.0.1");
}

#[test]
fn a_self_signed_certificate_is_refused() {
    let server = TlsServer::start();
    let url = format!("https://localhost:{}/story", server.port);
    assert_eq!(
        problem(&url, &direct()),
        "TLS: the certificate is not trusted (self-signed or unknown issuer)"
    );
}

#[test]
fn offline_fetches_nothing() {
    let server = Server::start(vec![("/a", Reply::html(page("wire.html")))]);
    let options = LoadOptions {
        offline: true,
        ..direct()
    };
    assert_eq!(
        problem(&server.url("/a"), &options),
        "a web address, and --offline forbids fetching"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn five_pages_load_in_parallel_in_the_order_given() {
    let delay = Duration::from_millis(400);
    let routes: Vec<(&str, Reply)> = PAGES
        .iter()
        .map(|name| {
            let path: &str = Box::leak(format!("/{name}").into_boxed_str());
            (path, Reply::Slow(delay, Box::new(Reply::html(page(name)))))
        })
        .collect();
    let server = Server::start(routes);
    let sources: Vec<Source> = PAGES
        .iter()
        .map(|name| Source::Url(server.url(&format!("/{name}"))))
        .collect();
    let seen = std::sync::Mutex::new(Vec::new());
    let start = Instant::now();
    let results = load_all(&sources, &direct(), &|p| seen.lock().unwrap().push(p.done));
    let took = start.elapsed();
    // One after the other they would take 5 × 400 ms.
    assert!(took < Duration::from_millis(1500), "{took:?}");
    for (result, name) in results.iter().zip(PAGES) {
        let a = result.as_ref().unwrap();
        assert!(a.path.ends_with(name), "{} for {name}", a.path);
    }
    let mut seen = seen.into_inner().unwrap();
    seen.sort_unstable();
    assert_eq!(seen, [1, 2, 3, 4, 5]);
}

// ------------------------------------------------------------------------ the command

fn artdiff() -> Command {
    let mut cmd = Command::cargo_bin("artdiff").unwrap();
    for var in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("NO_PROXY", "127.0.0.1,localhost")
        .env("ARTDIFF_CONFIG", "")
        .env_remove("NO_COLOR");
    cmd
}

/// The news server of the command tests: the five pages, a redirect to the courier, a 404.
fn news_server() -> Server {
    let mut routes: Vec<(&str, Reply)> = PAGES
        .iter()
        .map(|name| {
            let path: &str = Box::leak(format!("/{name}").into_boxed_str());
            (path, Reply::html(page(name)))
        })
        .collect();
    routes.push(("/go", Reply::redirect(302, "/courier.html")));
    routes.push((
        "/slow",
        Reply::Slow(Duration::from_secs(20), Box::new(Reply::status(200))),
    ));
    Server::start(routes)
}

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr_lines(output: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn cli_compares_addresses_with_provenance_and_chronology_in_json() {
    let server = news_server();
    let out = artdiff()
        .args(["--export", "-", "--format", "json"])
        .arg(server.url("/herald.html"))
        .arg(server.url("/go"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", stderr_lines(&out));
    let json = stdout_of(&out);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let articles = value["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    // The contract's fields are all there...
    for a in articles {
        for key in ["path", "title", "passages"] {
            assert!(a.get(key).is_some(), "{key}");
        }
    }
    // ...and the provenance of each page.
    let p1 = &articles[1]["provenance"];
    assert_eq!(p1["source"], server.url("/go"));
    assert_eq!(p1["final_url"], server.url("/courier.html"));
    assert_eq!(p1["redirects"][1], server.url("/courier.html"));
    assert_eq!(p1["status"], 200);
    assert_eq!(p1["content_type"], "text/html; charset=utf-8");
    assert_eq!(p1["sha256"], sha256_hex(&page("courier.html")));
    assert_eq!(p1["bytes"], page("courier.html").len());
    assert!(p1["fetched_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        articles[0]["metadata"]["published"],
        "2025-10-14T07:05:00+01:00"
    );
    assert_eq!(articles[1]["metadata"]["site_name"], "Coast Courier");
    // Chronology: the herald (06:05 UTC) came before the courier (09:20 UTC).
    let chronology = &value["summary"]["chronology"];
    assert_eq!(chronology["order"], serde_json::json!([0, 1]));
    assert_eq!(chronology["published"][0], "2025-10-14T06:05:00Z");
    let pair = &chronology["pairs"][0];
    assert_eq!(
        (pair["earlier"].as_u64(), pair["later"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(pair["seconds"], 3 * 3600 + 15 * 60);
    assert_eq!(
        pair["later_in_earlier"], value["summary"]["matrix"][1][0],
        "the later article's share found in the earlier one"
    );
    assert!(pair["later_in_earlier"].as_f64().unwrap() > 0.0);
    // The JSON reads back into the same comparison.
    let back: Comparison = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_value(&back).unwrap(), value);
}

#[test]
fn cli_markdown_and_html_show_provenance_and_chronology() {
    let server = news_server();
    let dir = tempfile::tempdir().unwrap();
    for format in ["md", "html"] {
        let target = dir.path().join(format!("report.{format}"));
        let out = artdiff()
            .arg("--export")
            .arg(&target)
            .arg(server.url("/wire.html"))
            .arg(server.url("/gazette.html"))
            .arg(server.url("/blog.html"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{:?}", stderr_lines(&out));
        let text = std::fs::read_to_string(&target).unwrap();
        for needed in [
            sha256_hex(&page("wire.html")),
            sha256_hex(&page("gazette.html")),
            server.url("/gazette.html"),
            "2025-10-14 05:50 UTC".to_string(),
            "Northern Wire".to_string(),
            "Dev Anand".to_string(),
            "1 came first".to_string(),
            "2 published 6 h 55 min after 1".to_string(),
        ] {
            assert!(text.contains(&needed), "{format}: {needed} missing");
        }
        assert!(text.contains("fetched"), "{format}");
    }
}

#[test]
fn cli_save_keeps_the_exact_bytes_and_the_saved_files_compare_the_same() {
    let server = news_server();
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("pages");
    let first = artdiff()
        .args(["--export", "-", "--format", "json", "--save"])
        .arg(&saved)
        .arg(server.url("/herald.html"))
        .arg(server.url("/go"))
        .output()
        .unwrap();
    assert!(first.status.success(), "{:?}", stderr_lines(&first));
    let report: Comparison = serde_json::from_str(&stdout_of(&first)).unwrap();
    let mut files = Vec::new();
    for a in &report.articles {
        let p = a.provenance.as_ref().unwrap();
        let copy = Path::new(p.copy.as_deref().expect("the saved copy is recorded"));
        assert!(copy.starts_with(&saved), "{}", copy.display());
        let bytes = std::fs::read(copy).unwrap();
        assert_eq!(
            sha256_hex(&bytes),
            p.sha256,
            "the saved bytes are the bytes compared"
        );
        let sidecar: serde_json::Value = serde_json::from_slice(
            &std::fs::read(artdiff::ingest::save::sidecar_path(copy)).unwrap(),
        )
        .unwrap();
        assert_eq!(sidecar["provenance"]["sha256"], p.sha256.as_str());
        assert_eq!(sidecar["provenance"]["source"], p.source.as_str());
        files.push(copy.to_path_buf());
    }
    // Named after the final address (host, port, path), with the format's extension.
    let port = server.url("").rsplit(':').next().unwrap().to_string();
    assert_eq!(
        files[1].file_name().unwrap().to_str().unwrap(),
        format!("127.0.0.1-{port}-courier.html")
    );
    // Offline, from the saved files: the same comparison, the same provenance.
    let again = artdiff()
        .args(["--offline", "--export", "-", "--format", "json"])
        .args(&files)
        .output()
        .unwrap();
    assert!(again.status.success(), "{:?}", stderr_lines(&again));
    let rerun: Comparison = serde_json::from_str(&stdout_of(&again)).unwrap();
    assert_eq!(rerun.summary.matrix, report.summary.matrix);
    assert_eq!(rerun.summary.chronology, report.summary.chronology);
    for (a, b) in report.articles.iter().zip(&rerun.articles) {
        assert_eq!(a.passages, b.passages);
        assert_eq!(a.text, b.text);
        assert_eq!(a.metadata, b.metadata);
        let (pa, pb) = (a.provenance.clone().unwrap(), b.provenance.clone().unwrap());
        assert_eq!(pb.copy.as_deref(), Some(b.path.as_str()));
        assert_eq!(
            artdiff::model::Provenance { copy: None, ..pa },
            artdiff::model::Provenance { copy: None, ..pb }
        );
    }
    // A second save never replaces the first.
    let before: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let second = artdiff()
        .args(["--export", "-", "--save"])
        .arg(&saved)
        .arg(server.url("/herald.html"))
        .arg(server.url("/go"))
        .output()
        .unwrap();
    assert!(second.status.success());
    let after: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    assert_eq!(before, after);
    assert_eq!(
        std::fs::read_dir(&saved).unwrap().count(),
        8,
        "4 pages, 4 sidecars"
    );
}

#[test]
fn cli_failures_are_one_line_each() {
    let server = news_server();
    let run = |args: &[String]| {
        artdiff()
            .args(["--export", "-"])
            .args(args)
            .output()
            .unwrap()
    };
    let gone = server.url("/nothing-here");
    let out = run(&[server.url("/wire.html"), gone.clone()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr_lines(&out),
        [format!("artdiff: error: {gone}: HTTP 404 Not Found")]
    );
    // Two failures: a line each, in the order given.
    let out = run(&[
        gone.clone(),
        server.url("/wire.html"),
        server.url("/missing"),
    ]);
    let lines = stderr_lines(&out);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains("/nothing-here") && lines[1].contains("/missing"));
    // Offline: refused before anything is fetched.
    let requests = server.requests().len();
    let out = artdiff()
        .args(["--offline", "--export", "-"])
        .arg(server.url("/wire.html"))
        .arg(server.url("/blog.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_lines(&out).len(), 1);
    assert!(stderr_lines(&out)[0].contains("--offline"));
    assert_eq!(server.requests().len(), requests);
    // A hanging server: --timeout.
    let start = Instant::now();
    let out = run(&[
        "--timeout".into(),
        "1".into(),
        server.url("/wire.html"),
        server.url("/slow"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr_lines(&out),
        [format!(
            "artdiff: error: {}: timed out after 1 s (see --timeout)",
            server.url("/slow")
        )]
    );
    assert!(start.elapsed() < Duration::from_secs(8));
    // A proxy that cannot be used is a usage error.
    let out = run(&[
        "--proxy".into(),
        "http://[oops".into(),
        server.url("/wire.html"),
        server.url("/blog.html"),
    ]);
    // clap's own usage message, naming the flag and the value.
    assert_eq!(out.status.code(), Some(2));
    let usage = stderr_lines(&out).join("\n");
    assert!(
        usage.contains("--proxy") && usage.contains("is not a proxy address"),
        "{usage}"
    );
}

#[test]
fn cli_keep_going_compares_what_loaded() {
    let server = news_server();
    let gone = server.url("/nothing-here");
    let out = artdiff()
        .args(["--keep-going", "--export", "-", "--format", "json"])
        .arg(server.url("/wire.html"))
        .arg(&gone)
        .arg(server.url("/herald.html"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        stderr_lines(&out),
        [format!(
            "artdiff: warning: {gone}: HTTP 404 Not Found (left out: --keep-going)"
        )]
    );
    let c: Comparison = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(c.articles.len(), 2);
    assert_eq!(c.summary.left_out.len(), 1);
    assert_eq!(c.summary.left_out[0].source, gone);
    assert_eq!(c.summary.left_out[0].problem, "HTTP 404 Not Found");
    // Fewer than two loaded: nothing to compare.
    let out = artdiff()
        .args(["--keep-going", "--export", "-"])
        .arg(server.url("/wire.html"))
        .arg(&gone)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = stderr_lines(&out);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[1].contains("only 1 of 2 articles loaded"),
        "{lines:?}"
    );
}

#[test]
fn cli_mixes_files_stdin_and_addresses_and_orders_by_publication() {
    let server = news_server();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("herald.html");
    std::fs::write(&file, page("herald.html")).unwrap();
    let out = artdiff()
        .args(["--order", "published", "--export", "-", "--format", "json"])
        .arg(server.url("/gazette.html"))
        .arg(&file)
        .arg("-")
        .arg(server.url("/wire.html"))
        .write_stdin(page("blog.html"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", stderr_lines(&out));
    let c: Comparison = serde_json::from_str(&stdout_of(&out)).unwrap();
    let paths: Vec<&str> = c.articles.iter().map(|a| a.path.as_str()).collect();
    // wire 05:50, herald 06:05, gazette 12:45 UTC, then stdin (no date).
    assert_eq!(
        paths,
        [
            server.url("/wire.html").as_str(),
            file.to_str().unwrap(),
            server.url("/gazette.html").as_str(),
            "-"
        ]
    );
    let file_provenance = c.articles[1].provenance.as_ref().unwrap();
    assert_eq!(file_provenance.sha256, sha256_hex(&page("herald.html")));
    assert_eq!(file_provenance.fetched_at, None);
    assert_eq!(c.summary.chronology.as_ref().unwrap().order, [0, 1, 2]);
}

#[test]
fn cli_proxy_variables_do_not_divert_loopback_addresses() {
    let server = news_server();
    // A proxy that does not exist: if it were used, every fetch would fail.
    let out = artdiff()
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .env("ALL_PROXY", "http://127.0.0.1:9")
        .env_remove("NO_PROXY")
        .args(["--export", "-"])
        .arg(server.url("/wire.html"))
        .arg(server.url("/blog.html"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", stderr_lines(&out));
}
