//! A small HTTP/1.1 server on 127.0.0.1 (a free port) for the fetch tests: nothing leaves the
//! machine. Each route answers in one of a few ways a real server can (a page, a redirect,
//! a slow answer, an endless body, a body cut short); every request is recorded. Dropping the
//! server stops it: the accept loop ends and handlers still running give up at their next
//! step.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How a route answers.
#[derive(Clone)]
pub enum Reply {
    /// A complete response with `Content-Length`.
    Page {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Waits, then answers.
    Slow(Duration, Box<Reply>),
    /// `200`, no length, and bytes until the client goes away; the bytes sent are counted.
    Endless { content_type: String },
    /// Announces `declared` bytes, sends `body`, then closes the connection.
    CutShort { declared: usize, body: Vec<u8> },
}

impl Reply {
    /// `200` with a content type.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Page {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// An HTML page in UTF-8.
    pub fn html(body: impl Into<Vec<u8>>) -> Reply {
        Reply::ok("text/html; charset=utf-8", body)
    }

    /// A status with a short HTML body.
    pub fn status(status: u16) -> Reply {
        Reply::Page {
            status,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: format!("<h1>{status}</h1>").into_bytes(),
        }
    }

    /// A redirect to `location` (a path on this server or an address).
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::Page {
            status,
            headers: vec![("Location".into(), location.into())],
            body: Vec::new(),
        }
    }

    /// This reply with one more header.
    pub fn with_header(self, name: &str, value: &str) -> Reply {
        match self {
            Reply::Page {
                status,
                mut headers,
                body,
            } => {
                headers.push((name.into(), value.into()));
                Reply::Page {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }
}

/// A request as received.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    /// Header names lowercased.
    pub headers: HashMap<String, String>,
}

/// The running server.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
    requests: Arc<Mutex<Vec<Request>>>,
    sent_endless: Arc<AtomicU64>,
}

impl Server {
    /// Starts serving `routes` (path -> reply); other paths get 404.
    pub fn start(routes: Vec<(&str, Reply)>) -> Server {
        let routes: Arc<HashMap<String, Reply>> = Arc::new(
            routes
                .into_iter()
                .map(|(p, r)| (p.to_string(), r))
                .collect(),
        );
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let sent_endless = Arc::new(AtomicU64::new(0));
        let accept = {
            let stop = Arc::clone(&stop);
            let requests = Arc::clone(&requests);
            let sent = Arc::clone(&sent_endless);
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    let Ok(stream) = stream else { continue };
                    let (routes, stop, requests, sent) = (
                        Arc::clone(&routes),
                        Arc::clone(&stop),
                        Arc::clone(&requests),
                        Arc::clone(&sent),
                    );
                    std::thread::spawn(move || {
                        let _ = handle(stream, &routes, &stop, &requests, &sent);
                    });
                }
            })
        };
        Server {
            addr,
            stop,
            accept: Some(accept),
            requests,
            sent_endless,
        }
    }

    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    /// Bytes sent by [`Reply::Endless`] routes so far.
    pub fn endless_bytes_sent(&self) -> u64 {
        self.sent_endless.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn handle(
    stream: TcpStream,
    routes: &HashMap<String, Reply>,
    stop: &AtomicBool,
    requests: &Mutex<Vec<Request>>,
    sent: &AtomicU64,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    requests.lock().unwrap().push(Request {
        path: path.clone(),
        headers,
    });
    let reply = routes
        .get(&path)
        .cloned()
        .unwrap_or_else(|| Reply::status(404));
    answer(stream, reply, stop, sent)
}

fn answer(
    mut stream: TcpStream,
    reply: Reply,
    stop: &AtomicBool,
    sent: &AtomicU64,
) -> std::io::Result<()> {
    match reply {
        Reply::Page {
            status,
            headers,
            body,
        } => {
            let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (name, value) in &headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            ));
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)?;
            stream.flush()
        }
        Reply::Slow(delay, then) => {
            let step = Duration::from_millis(50);
            let mut waited = Duration::ZERO;
            while waited < delay && !stop.load(Ordering::SeqCst) {
                std::thread::sleep(step);
                waited += step;
            }
            answer(stream, *then, stop, sent)
        }
        Reply::Endless { content_type } => {
            stream.write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nConnection: close\r\n\r\n"
                )
                .as_bytes(),
            )?;
            let chunk = "<p>More of the same paragraph, again and again.</p>\n".repeat(256);
            // Bounded in case a client never stops reading: 256 MiB.
            while sent.load(Ordering::SeqCst) < 256 << 20 && !stop.load(Ordering::SeqCst) {
                stream.write_all(chunk.as_bytes())?;
                sent.fetch_add(chunk.len() as u64, Ordering::SeqCst);
            }
            Ok(())
        }
        Reply::CutShort { declared, body } => {
            stream.write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {declared}\r\n\r\n"
                )
                .as_bytes(),
            )?;
            stream.write_all(&body)?;
            stream.flush()?;
            let _ = stream.shutdown(Shutdown::Both);
            // Drain nothing more: the connection is gone.
            let mut sink = [0u8; 1];
            let _ = stream.read(&mut sink);
            Ok(())
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Whatever",
    }
}

/// A loopback HTTPS server whose certificate is self-signed (made on the spot, for
/// `localhost`): every handshake it is offered should be refused by the client.
pub struct TlsServer {
    pub port: u16,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl TlsServer {
    pub fn start() -> TlsServer {
        let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_string()])
            .expect("make a certificate");
        let cert = certified.cert.der().clone();
        let key =
            rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
        // ring is the only provider built in (through ureq): the process default.
        let config = Arc::new(
            rustls::ServerConfig::builder()
                .with_no_client_auth()
                .with_single_cert(vec![cert], key)
                .unwrap(),
        );
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    let Ok(mut stream) = stream else { continue };
                    let config = Arc::clone(&config);
                    std::thread::spawn(move || {
                        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                        let Ok(mut conn) = rustls::ServerConnection::new(config) else {
                            return;
                        };
                        let mut tls = rustls::Stream::new(&mut conn, &mut stream);
                        let body = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nno";
                        let _ = tls.write_all(body);
                    });
                }
            })
        };
        TlsServer {
            port,
            stop,
            accept: Some(accept),
        }
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}
