//! A local SMTP sink: a real SMTP conversation on a loopback port, so the tests receive what
//! convene's mail worker really sends (no mock of the sender). It accepts everything and keeps
//! the messages in memory.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A message as received.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// The envelope recipients.
    pub to: Vec<String>,
    pub subject: String,
    /// The decoded plain-text body.
    pub text: String,
    pub raw: Vec<u8>,
}

impl ReceivedMail {
    /// The first link in the body that starts with `prefix` (e.g. the app's base URL).
    pub fn link(&self, prefix: &str) -> String {
        let start = self
            .text
            .find(prefix)
            .unwrap_or_else(|| panic!("no link {prefix} in:\n{}", self.text));
        self.text[start..]
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    }
}

#[derive(Clone)]
pub struct MailSink {
    port: u16,
    messages: Arc<Mutex<Vec<ReceivedMail>>>,
}

impl MailSink {
    pub async fn start() -> MailSink {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind SMTP sink");
        let port = listener.local_addr().unwrap().port();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let store = messages.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let _ = session(socket, store).await;
                });
            }
        });
        MailSink { port, messages }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Everything received so far.
    pub fn all(&self) -> Vec<ReceivedMail> {
        self.messages.lock().unwrap().clone()
    }

    /// Messages to `address`.
    pub fn to(&self, address: &str) -> Vec<ReceivedMail> {
        self.all()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
            .collect()
    }

    /// The `n`-th message (from 1) `address` has received. It does not wait: mail arrives when
    /// the test drains the outbox ([`crate::TestApp::drain_outbox`]).
    pub fn nth_to(&self, address: &str, n: usize) -> ReceivedMail {
        let received = self.to(address);
        received.get(n - 1).cloned().unwrap_or_else(|| {
            let subjects: Vec<&str> = received.iter().map(|m| m.subject.as_str()).collect();
            panic!(
                "no mail #{n} to {address}: it has {} ({subjects:?}); was the outbox drained \
                 (`app.drain_outbox().await`) after the mail was queued?",
                received.len()
            )
        })
    }
}

async fn session(
    socket: tokio::net::TcpStream,
    store: Arc<Mutex<Vec<ReceivedMail>>>,
) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink.test ESMTP\r\n").await?;
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        if command.starts_with("EHLO") || command.starts_with("HELO") {
            write
                .write_all(b"250-sink.test\r\n250 8BITMIME\r\n")
                .await?;
        } else if command.starts_with("RCPT TO:") {
            let addr = line.trim_end()[8..]
                .trim()
                .trim_matches(['<', '>'])
                .to_string();
            to.push(addr);
            write.write_all(b"250 OK\r\n").await?;
        } else if command == "DATA" {
            write.write_all(b"354 go ahead\r\n").await?;
            let mut raw = Vec::new();
            loop {
                let mut data_line = String::new();
                if lines.read_line(&mut data_line).await? == 0 {
                    return Ok(());
                }
                if data_line == ".\r\n" || data_line == ".\n" {
                    break;
                }
                // Undo dot-stuffing (RFC 5321 §4.5.2).
                let data_line = data_line.strip_prefix('.').unwrap_or(&data_line);
                raw.extend_from_slice(data_line.as_bytes());
            }
            let parsed = mail_parser::MessageParser::default().parse(&raw);
            let (subject, text) = match &parsed {
                Some(m) => (
                    m.subject().unwrap_or("").to_string(),
                    m.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
                ),
                None => (String::new(), String::new()),
            };
            store.lock().unwrap().push(ReceivedMail {
                to: std::mem::take(&mut to),
                subject,
                text,
                raw,
            });
            write.write_all(b"250 OK queued\r\n").await?;
        } else if command == "QUIT" {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else if command == "RSET" {
            to.clear();
            write.write_all(b"250 OK\r\n").await?;
        } else {
            write.write_all(b"250 OK\r\n").await?;
        }
    }
}
