//! The ceiling for any poem application on this machine: a server that answers each of a few
//! paths with a fixed body from memory, and does nothing else. `docs/bench.sh` loads it with
//! the same requests as convene in the same run, so convene's figures read as a share of what
//! the machine and the HTTP stack allow.
//!
//!     fixed_body_server 127.0.0.1:18081 /events/x/agenda=agenda.html /events/x/agenda.ics=agenda.ics
//!
//! Each body is a file captured from convene; its content type follows the file's extension.

use std::sync::Arc;

use poem::http::{StatusCode, header};
use poem::listener::TcpListener;
use poem::{Body, Endpoint, Request, Response, Server};

struct Fixed(Vec<(String, &'static str, bytes::Bytes)>);

impl Endpoint for Fixed {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let path = req.uri().path();
        Ok(match self.0.iter().find(|(p, _, _)| p == path) {
            Some((_, content_type, body)) => Response::builder()
                .content_type(*content_type)
                .header(header::CACHE_CONTROL, "no-cache")
                .body(Body::from_bytes(body.clone())),
            None => StatusCode::NOT_FOUND.into(),
        })
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let bind = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: fixed_body_server ADDR PATH=FILE…"))?;
    let mut bodies = Vec::new();
    for pair in args {
        let (path, file) = pair
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("{pair}: expected PATH=FILE"))?;
        let content_type = match file.rsplit('.').next() {
            Some("ics") => "text/calendar; charset=utf-8",
            Some("html") => "text/html; charset=utf-8",
            _ => "application/octet-stream",
        };
        bodies.push((path.to_string(), content_type, std::fs::read(file)?.into()));
    }
    Server::new(TcpListener::bind(bind))
        .run(Arc::new(Fixed(bodies)))
        .await?;
    Ok(())
}
