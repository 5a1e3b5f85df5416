//! `.email`: real SMTP through lettre. Only the `other` service (explicit host and port) and
//! nodemailer's `__json` test transport are reachable from the sim.

use crate::schema::str_field;
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde_json::{Map, Value, json};

use super::{ExecResult, Runnable};

fn list<'a>(m: &'a Map<String, Value>, k: &str) -> Vec<&'a str> {
    m.get(k)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Sends the email described by `params` with the connector's SMTP settings.
pub(super) async fn send(c: &Runnable, params: &Map<String, Value>) -> ExecResult {
    match build_and_send(c, params).await {
        Ok(data) => ExecResult::ok(&c.id, Some(data)),
        Err(e) => ExecResult::failed(&c.id, "error sending email", Some(e)),
    }
}

async fn build_and_send(c: &Runnable, p: &Map<String, Value>) -> Result<Value, String> {
    let from = str_field(&c.config, "from").unwrap_or_default();
    let parse = |a: &str| {
        a.parse::<Mailbox>()
            .map_err(|e| format!("invalid address {a:?}: {e}"))
    };
    let mut builder = Message::builder()
        .from(parse(from)?)
        .subject(str_field(p, "subject").unwrap_or_default());
    let (to, cc, bcc) = (list(p, "to"), list(p, "cc"), list(p, "bcc"));
    for a in &to {
        builder = builder.to(parse(a)?);
    }
    for a in &cc {
        builder = builder.cc(parse(a)?);
    }
    for a in &bcc {
        builder = builder.bcc(parse(a)?);
    }
    let message = builder
        .header(ContentType::TEXT_PLAIN)
        .body(str_field(p, "message").unwrap_or_default().to_string())
        .map_err(|e| e.to_string())?;
    let recipients: Vec<&str> = to.iter().chain(&cc).chain(&bcc).copied().collect();
    let size = message.formatted().len();
    let message_id = message
        .headers()
        .get_raw("Message-ID")
        .map(str::to_string)
        .unwrap_or_default();

    let service = str_field(&c.config, "service").unwrap_or("other");
    if service == "__json" {
        return Ok(
            json!({"envelope": {"from": from, "to": recipients}, "messageId": message_id,
            "message": String::from_utf8_lossy(&message.formatted())}),
        );
    }
    if service != "other" {
        return Err(format!(
            "service \"{service}\" is not reachable from kibana-sim; use service \"other\" with host and port"
        ));
    }
    if c.config.get("secure") == Some(&Value::Bool(true)) {
        return Err("secure SMTP (TLS) is not available in kibana-sim; use secure: false".into());
    }
    let host = str_field(&c.config, "host").unwrap_or_default();
    let port = c.config.get("port").and_then(Value::as_u64).unwrap_or(25) as u16;
    let mut transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(port)
        .timeout(Some(std::time::Duration::from_secs(30)));
    if c.config.get("hasAuth") != Some(&Value::Bool(false))
        && let (Some(user), Some(password)) = (
            str_field(&c.secrets, "user"),
            str_field(&c.secrets, "password"),
        )
    {
        transport = transport.credentials(Credentials::new(user.into(), password.into()));
    }
    let started = std::time::Instant::now();
    let response = transport
        .build()
        .send(message)
        .await
        .map_err(|e| e.to_string())?;
    let elapsed = started.elapsed().as_millis() as u64;
    let text: Vec<&str> = response.message().collect();
    Ok(json!({
        "accepted": recipients,
        "rejected": [],
        "envelopeTime": elapsed / 2,
        "messageTime": elapsed - elapsed / 2,
        "messageSize": size,
        "response": format!("{} {}", response.code(), text.join(" ")),
        "envelope": {"from": from, "to": recipients},
        "messageId": message_id,
    }))
}
