//! Asking a merchant whether an order is paid, behind a small [`Verifier`]
//! so that tests can answer in the merchant's place.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use fujin_core::commerce::{OrderId, Verdict};
use fujin_core::json::Json;

/// What a verify question returns: the merchant's verdict, or `None` when
/// there is no usable answer (offline, an error status, not JSON).
pub type VerifyAnswer = Pin<Box<dyn Future<Output = Option<Verdict>>>>;

/// Asks a merchant's `verify_url` about an order.
#[derive(Clone)]
pub struct Verifier(Rc<dyn Fn(String, OrderId) -> VerifyAnswer>);

impl Verifier {
    /// A verifier from a function (tests use this for fakes).
    pub fn new(f: impl Fn(String, OrderId) -> VerifyAnswer + 'static) -> Self {
        Self(Rc::new(f))
    }

    /// Over HTTP: `GET <verify_url>?order=<id>`, answered
    /// `{"status": "pending" | "paid" | "failed" | "refunded"}`.
    pub fn http() -> Self {
        Self::new(|url, id| Box::pin(ask(url, id)))
    }

    /// Asks about order `id` at `verify_url`.
    pub fn ask(&self, verify_url: String, id: OrderId) -> VerifyAnswer {
        (self.0)(verify_url, id)
    }
}

impl PartialEq for Verifier {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Verifier")
    }
}

async fn ask(verify_url: String, id: OrderId) -> Option<Verdict> {
    let mut url = url::Url::parse(&verify_url).ok()?;
    url.query_pairs_mut().append_pair("order", &id.to_string());
    let response = gloo::net::http::Request::get(url.as_str()).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    // Read as a borrowed `Json`, like feeds: a `serde_json::Value` reader
    // would be a copy of its own in the bundle for this one answer.
    let text = response.text().await.ok()?;
    let answer: Json = serde_json::from_str(&text).ok()?;
    Verdict::from_key(answer.get("status")?.as_str()?)
}
