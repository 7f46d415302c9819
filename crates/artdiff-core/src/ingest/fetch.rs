//! Fetching an article from its web address: one GET with ureq (pure-Rust TLS, the webpki
//! roots), redirects followed and recorded, the size limit applied while reading, and every
//! failure turned into a few words naming its cause (DNS, refused, timeout, TLS, an HTTP
//! status, a type that is not text).

use super::detect;
use super::read::too_large;
use crate::model::Provenance;
use std::io::Read;
use std::time::Duration;
use ureq::http::Uri;
use ureq::{Agent, ResponseExt};

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: u32 = 10;
/// The default limit on a whole fetch, from connecting to the last byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default limit on connecting (DNS, TCP and TLS).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The `User-Agent` artdiff sends: its name and version, so that a site can tell who asked.
pub const USER_AGENT: &str = concat!(
    "artdiff/",
    env!("CARGO_PKG_VERSION"),
    " (compares news articles)"
);

/// Which proxy to fetch through.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ProxyChoice {
    /// `ALL_PROXY`, `HTTPS_PROXY` or `HTTP_PROXY` if set (with `NO_PROXY`), else none.
    #[default]
    Environment,
    /// No proxy, whatever the environment says.
    Direct,
    /// This proxy (`http://host:port`, `https://...`), whatever the environment says.
    Url(String),
}

/// How pages are fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// Limit on a whole fetch (redirects and body included).
    pub timeout: Duration,
    /// Limit on connecting; never more than `timeout`.
    pub connect_timeout: Duration,
    /// The proxy.
    pub proxy: ProxyChoice,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: CONNECT_TIMEOUT,
            proxy: ProxyChoice::Environment,
        }
    }
}

/// Whether a command-line argument is a web address (`http://` or `https://`, any case).
pub fn is_address(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A page as fetched: its bytes (content encoding undone) and what is known of them.
#[derive(Debug)]
pub struct Fetched {
    /// The body, at most the size limit.
    pub bytes: Vec<u8>,
    /// Source, final address, redirects, time, status, content type, size and SHA-256.
    pub provenance: Provenance,
}

/// Fetches pages; one per process, shared by the fetching threads (connections are pooled).
#[derive(Debug, Clone)]
pub struct Client {
    agent: Agent,
    timeout: Duration,
    connect_timeout: Duration,
    /// Whether a proxy from the environment may apply (loopback addresses skip it).
    environment_proxy: bool,
}

impl Client {
    /// A client for `options`; fails, in a few words, on a proxy address that cannot be used.
    pub fn new(options: &FetchOptions) -> Result<Client, String> {
        let proxy = match &options.proxy {
            ProxyChoice::Environment => ureq::Proxy::try_from_env(),
            ProxyChoice::Direct => None,
            ProxyChoice::Url(url) => Some(
                ureq::Proxy::new(url)
                    .map_err(|_| format!("{url}: not a usable proxy address (--proxy)"))?,
            ),
        };
        let connect_timeout = options.connect_timeout.min(options.timeout);
        let agent: Agent = Agent::config_builder()
            .proxy(proxy)
            .timeout_global(Some(options.timeout))
            .timeout_connect(Some(connect_timeout))
            .max_redirects(MAX_REDIRECTS)
            // The last redirect comes back as a response, to tell a loop from a long chain.
            .max_redirects_will_error(false)
            .save_redirect_history(true)
            // 4xx and 5xx come back as responses, to name the status and its reason.
            .http_status_as_error(false)
            .user_agent(USER_AGENT)
            .accept(
                "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8,*/*;q=0.1",
            )
            .accept_encoding("gzip, deflate, br")
            .build()
            .into();
        Ok(Client {
            agent,
            timeout: options.timeout,
            connect_timeout,
            environment_proxy: options.proxy == ProxyChoice::Environment,
        })
    }

    /// Fetches `address`, reading at most `max_size` bytes of body. The error is the
    /// `problem` part of a one-line message (the caller names the address).
    pub fn fetch(&self, address: &str, max_size: u64) -> Result<Fetched, String> {
        let uri: Uri = address
            .parse()
            .map_err(|_| "not a valid web address".to_string())?;
        let host = uri.host().unwrap_or("").to_string();
        if host.is_empty() {
            return Err("not a valid web address (no host name)".to_string());
        }
        let request = self.agent.get(address);
        // A proxy elsewhere cannot reach this machine's own loopback addresses.
        let result = if self.environment_proxy && is_loopback(&host) {
            request.config().proxy(None).build().call()
        } else {
            request.call()
        };
        let mut response = result.map_err(|e| self.describe(e, &host))?;
        let fetched_at = crate::timestamps::now_utc();
        let status = response.status();
        let history: Vec<String> = response
            .get_redirect_history()
            .unwrap_or(&[])
            .iter()
            .map(ToString::to_string)
            .collect();
        let final_url = response.get_uri().to_string();
        if status.is_redirection() {
            return Err(redirect_problem(&history, status.as_u16()));
        }
        if !status.is_success() {
            return Err(format!(
                "HTTP {} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .trim_end()
            .to_string());
        }
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header(ureq::http::header::CONTENT_TYPE);
        // ureq undoes gzip and brotli and drops the header; what is left is ours to undo.
        let content_encoding = header(ureq::http::header::CONTENT_ENCODING)
            .map(|e| e.trim().to_ascii_lowercase())
            .filter(|e| !e.is_empty() && e != "identity");
        if let Some(ct) = &content_type {
            let mime = detect::mime_type(ct);
            if !mime.is_empty() && !detect::is_readable_mime(&mime) {
                return Err(format!(
                    "not text but {mime} (artdiff compares HTML, Markdown and plain text)"
                ));
            }
        }
        if content_encoding.is_none() {
            if let Some(length) = response.body().content_length() {
                if length > max_size {
                    // Refused before reading a byte of it.
                    return Err(too_large(max_size));
                }
            }
        }
        let raw = response.body_mut().with_config().reader();
        let reader: Box<dyn Read + '_> = match content_encoding.as_deref() {
            None => Box::new(raw),
            Some("deflate") => Box::new(Deflate::new(raw)),
            Some(other) => return Err(format!("unsupported content encoding `{other}`")),
        };
        let bytes = read_limited(reader, max_size).map_err(|e| match e {
            Limited::TooLarge => too_large(max_size),
            Limited::Failed(e, got) => self.describe_body(e, &host, got),
        })?;
        let mut provenance = Provenance::of_bytes(address, &bytes);
        provenance.final_url = Some(final_url);
        provenance.redirects = if history.len() > 1 {
            history
        } else {
            Vec::new()
        };
        provenance.fetched_at = Some(fetched_at);
        provenance.status = Some(status.as_u16());
        provenance.content_type = content_type;
        Ok(Fetched { bytes, provenance })
    }

    /// A failure before the body, in a few words.
    fn describe(&self, error: ureq::Error, host: &str) -> String {
        use ureq::Error as E;
        match error {
            E::HostNotFound => format!("cannot find the host {host} (DNS lookup failed)"),
            E::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => format!(
                "no connection within {} (connect timeout)",
                seconds(self.connect_timeout)
            ),
            E::Timeout(_) => format!("timed out after {} (see --timeout)", seconds(self.timeout)),
            E::Io(e) => io_problem(&e, host),
            E::Rustls(e) => tls_problem(&e),
            E::Tls(message) => format!("TLS: {message}"),
            E::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
            E::BadUri(_) | E::Http(_) => "not a valid web address".to_string(),
            E::Protocol(e) => format!("the server's answer is not valid HTTP ({e})"),
            E::InvalidProxyUrl => "not a usable proxy address".to_string(),
            E::ConnectProxyFailed(why) => format!("the proxy failed to connect ({why})"),
            E::LargeResponseHeader(..) => "the server's headers are too large".to_string(),
            E::Decompress(kind, _) => format!("the {kind}-compressed page is corrupt"),
            E::ConnectionFailed => "could not connect".to_string(),
            other => other.to_string(),
        }
    }

    /// A failure while reading the body, after `got` bytes.
    fn describe_body(&self, error: std::io::Error, host: &str, got: usize) -> String {
        match ureq::Error::from(error) {
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                format!("the connection closed after {got} bytes, before the page was complete")
            }
            other => self.describe(other, host),
        }
    }
}

/// `30 s`, `1.5 s`.
fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s:.1} s")
    }
}

/// Whether a host is this machine's loopback: `localhost`, `127.x.x.x`, `[::1]`.
fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A redirect that was not followed to its end: a loop, or too long a chain.
fn redirect_problem(history: &[String], status: u16) -> String {
    if history.len() <= 1 {
        return format!("HTTP {status} redirect without a usable Location");
    }
    for (i, address) in history.iter().enumerate() {
        if let Some(j) = history[i + 1..].iter().position(|a| a == address) {
            let cycle = &history[i..=i + 1 + j];
            return format!("redirect loop ({})", cycle.join(" → "));
        }
    }
    format!(
        "more than {MAX_REDIRECTS} redirects ({} → … → {})",
        history[0],
        history[history.len() - 1]
    )
}

/// An I/O failure in a few words.
fn io_problem(e: &std::io::Error, host: &str) -> String {
    use std::io::ErrorKind as K;
    if let Some(tls) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    {
        return tls_problem(tls);
    }
    match e.kind() {
        K::ConnectionRefused => format!("connection refused by {host}"),
        K::ConnectionReset => "the connection was reset".to_string(),
        K::ConnectionAborted => "the connection was aborted".to_string(),
        K::UnexpectedEof => "the connection closed before the page was complete".to_string(),
        K::TimedOut | K::WouldBlock => "timed out".to_string(),
        _ => {
            let text = e.to_string();
            text.split(" (os error").next().unwrap_or(&text).to_string()
        }
    }
}

/// A TLS failure in a few words. Certificates are never accepted unverified.
fn tls_problem(e: &rustls::Error) -> String {
    use rustls::CertificateError as C;
    match e {
        rustls::Error::InvalidCertificate(cert) => match cert {
            C::UnknownIssuer => {
                "TLS: the certificate is not trusted (self-signed or unknown issuer)".to_string()
            }
            C::Expired | C::ExpiredContext { .. } => "TLS: the certificate has expired".to_string(),
            C::NotValidForName | C::NotValidForNameContext { .. } => {
                "TLS: the certificate is for another host name".to_string()
            }
            other => format!("TLS: invalid certificate ({other:?})"),
        },
        other => format!("TLS: {other}"),
    }
}

/// Why a bounded read stopped.
enum Limited {
    /// More than the limit.
    TooLarge,
    /// A read failed after this many bytes.
    Failed(std::io::Error, usize),
}

/// Reads to the end, failing as soon as more than `max_size` bytes came: never more than
/// `max_size + 1` bytes are held, whatever the server sends.
fn read_limited(mut reader: impl Read, max_size: u64) -> Result<Vec<u8>, Limited> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let room = max_size
            .saturating_add(1)
            .saturating_sub(bytes.len() as u64);
        let want = chunk.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        if want == 0 {
            return Err(Limited::TooLarge);
        }
        match reader.read(&mut chunk[..want]) {
            Ok(0) => return Ok(bytes),
            Ok(n) => {
                bytes.extend_from_slice(&chunk[..n]);
                if bytes.len() as u64 > max_size {
                    return Err(Limited::TooLarge);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Limited::Failed(e, bytes.len())),
        }
    }
}

/// `Content-Encoding: deflate`: zlib-wrapped as the standard says, or raw deflate as some
/// servers send it; told apart by the zlib header.
enum Deflate<R: Read> {
    Undecided(Option<R>),
    Zlib(flate2::read::ZlibDecoder<std::io::Chain<std::io::Cursor<Vec<u8>>, R>>),
    Raw(flate2::read::DeflateDecoder<std::io::Chain<std::io::Cursor<Vec<u8>>, R>>),
}

impl<R: Read> Deflate<R> {
    fn new(reader: R) -> Self {
        Deflate::Undecided(Some(reader))
    }
}

impl<R: Read> Read for Deflate<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Deflate::Undecided(reader) = self {
            let mut reader = reader.take().expect("decided once");
            let mut head = [0u8; 2];
            let mut got = 0;
            while got < 2 {
                match reader.read(&mut head[got..])? {
                    0 => break,
                    n => got += n,
                }
            }
            let is_zlib = got == 2
                && head[0] & 0x0F == 8
                && (u16::from(head[0]) << 8 | u16::from(head[1])) % 31 == 0;
            let chained = std::io::Cursor::new(head[..got].to_vec()).chain(reader);
            *self = if is_zlib {
                Deflate::Zlib(flate2::read::ZlibDecoder::new(chained))
            } else {
                Deflate::Raw(flate2::read::DeflateDecoder::new(chained))
            };
        }
        match self {
            Deflate::Zlib(d) => d.read(buf),
            Deflate::Raw(d) => d.read(buf),
            Deflate::Undecided(_) => unreachable!("decided above"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn addresses_are_told_from_paths() {
        assert!(is_address("https://a.example/story"));
        assert!(is_address("HTTP://A.EXAMPLE"));
        assert!(!is_address("http.txt"));
        assert!(!is_address("ftp://a.example"));
        assert!(!is_address("-"));
        assert!(!is_address("./https://x"));
    }

    #[test]
    fn loopback_hosts() {
        assert!(is_loopback("127.0.0.1") && is_loopback("127.8.9.1"));
        assert!(is_loopback("localhost") && is_loopback("[::1]"));
        assert!(!is_loopback("a.example") && !is_loopback("10.0.0.1"));
    }

    #[test]
    fn redirect_problems_name_the_loop() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            redirect_problem(&h(&["http://x/a", "http://x/b", "http://x/a"]), 302),
            "redirect loop (http://x/a → http://x/b → http://x/a)"
        );
        let chain: Vec<String> = (0..=11).map(|i| format!("http://x/{i}")).collect();
        assert_eq!(
            redirect_problem(&chain, 302),
            "more than 10 redirects (http://x/0 → … → http://x/11)"
        );
    }

    #[test]
    fn reading_stops_past_the_limit() {
        assert!(matches!(
            read_limited(std::io::repeat(b'a'), 1000),
            Err(Limited::TooLarge)
        ));
        assert_eq!(read_limited(&b"abc"[..], 3).ok().unwrap(), b"abc");
    }

    #[test]
    fn deflate_zlib_and_raw() {
        let text = b"The river rose overnight.".repeat(20);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&text).unwrap();
        let zlib = z.finish().unwrap();
        let mut r = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        r.write_all(&text).unwrap();
        let raw = r.finish().unwrap();
        for body in [zlib, raw] {
            let mut out = Vec::new();
            Deflate::new(&body[..]).read_to_end(&mut out).unwrap();
            assert_eq!(out, text);
        }
    }

    #[test]
    fn the_user_agent_names_artdiff_and_its_version() {
        assert!(USER_AGENT.starts_with(concat!("artdiff/", env!("CARGO_PKG_VERSION"))));
    }

    #[test]
    fn a_bad_proxy_is_refused_up_front() {
        let options = FetchOptions {
            proxy: ProxyChoice::Url("http://[bad".into()),
            ..FetchOptions::default()
        };
        assert!(Client::new(&options).unwrap_err().contains("--proxy"));
    }
}
