//! The answers the API keeps for replay by correlation id, bounded by count and by bytes, and
//! the request ids seen with them (a request id is forgotten with its answer).

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};

/// A response kept for its correlation id (the API's idempotency). The body is kept as text:
/// the API answers JSON (a body that is not UTF-8 is kept lossily, which no test relies on).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredReply {
    pub status: u16,
    pub content_type: String,
    /// The recommendations' tracker header, part of the answer a replay gives again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracker: Option<String>,
    pub body: String,
}

/// An answer as kept by [`ReplyStore::insert`], to be saved and kept again on load.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fresh {
    key: String,
    reply: StoredReply,
    request_id: Option<String>,
    correlation: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Kept {
    reply: StoredReply,
    request_id: Option<String>,
    #[serde(default)]
    correlation: String,
}

/// Answers by key (`METHOD path?query correlation-id`), oldest evicted first once there are
/// more than `max_count` or they take more than `max_bytes`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReplyStore {
    answers: HashMap<String, Kept>,
    order: VecDeque<String>,
    /// Request id → the correlation id it came with.
    request_ids: HashMap<String, String>,
    #[serde(skip)]
    bytes: Option<usize>,
    /// Answers kept since [`ReplyStore::take_fresh`] last ran (what the journal saves).
    #[serde(skip)]
    fresh: Vec<Fresh>,
    max_count: usize,
    max_bytes: usize,
}

impl Default for ReplyStore {
    fn default() -> Self {
        ReplyStore::new(5_000, 16 * 1024 * 1024)
    }
}

fn size(key: &str, kept: &Kept) -> usize {
    // Each id is held twice (key and request-id map), plus a rough overhead per entry.
    key.len() * 2
        + kept.reply.body.len()
        + kept.reply.content_type.len()
        + kept.reply.tracker.as_ref().map_or(0, String::len)
        + kept.request_id.as_ref().map_or(0, |r| r.len() * 2)
        + 128
}

impl ReplyStore {
    /// An empty store holding at most `max_count` answers and about `max_bytes` bytes.
    pub fn new(max_count: usize, max_bytes: usize) -> ReplyStore {
        ReplyStore {
            answers: HashMap::new(),
            order: VecDeque::new(),
            request_ids: HashMap::new(),
            bytes: Some(0),
            fresh: Vec::new(),
            max_count,
            max_bytes,
        }
    }

    /// The answer kept for `key`.
    pub fn get(&self, key: &str) -> Option<&StoredReply> {
        self.answers.get(key).map(|k| &k.reply)
    }

    /// The correlation id `request_id` came with, if it is still remembered.
    pub fn correlation_of(&self, request_id: &str) -> Option<&str> {
        self.request_ids.get(request_id).map(String::as_str)
    }

    /// How many answers are kept, and roughly how many bytes they take.
    pub fn usage(&mut self) -> (usize, usize) {
        (self.answers.len(), self.bytes())
    }

    fn bytes(&mut self) -> usize {
        let answers = &self.answers;
        *self.bytes.get_or_insert_with(|| answers.iter().map(|(k, v)| size(k, v)).sum())
    }

    /// The answers kept since the last call.
    pub fn take_fresh(&mut self) -> Vec<Fresh> {
        std::mem::take(&mut self.fresh)
    }

    /// Keeps again what [`ReplyStore::take_fresh`] gave (loading a journal).
    pub fn restore(&mut self, fresh: Vec<Fresh>) {
        for f in fresh {
            self.insert(f.key, f.reply, f.request_id, &f.correlation);
        }
        self.fresh.clear();
    }

    /// [`ReplyStore::insert`], remembering the answer for the next [`ReplyStore::take_fresh`]
    /// (the answers to changes, which are saved).
    pub fn insert_saved(&mut self, key: String, reply: StoredReply, request_id: Option<String>, correlation: &str) {
        self.fresh.push(Fresh {
            key: key.clone(),
            reply: reply.clone(),
            request_id: request_id.clone(),
            correlation: correlation.to_string(),
        });
        self.insert(key, reply, request_id, correlation);
    }

    /// Keeps `reply` for `key`, evicting the oldest answers beyond the bounds.
    pub fn insert(&mut self, key: String, reply: StoredReply, request_id: Option<String>, correlation: &str) {
        let kept = Kept { reply, request_id, correlation: correlation.to_string() };
        let added = size(&key, &kept);
        let total = self.bytes() + added;
        if let Some(id) = &kept.request_id {
            self.request_ids.insert(id.clone(), correlation.to_string());
        }
        if let Some(old) = self.answers.insert(key.clone(), kept) {
            self.bytes = Some(total - size(&key, &old));
            let replaced = self.answers.get(&key).map(|k| k.request_id.clone());
            if let Some(id) = old.request_id.as_ref().filter(|id| replaced.as_ref() != Some(&Some(id.to_string()))) {
                self.forget_request_id(id, &old.correlation);
            }
        } else {
            self.bytes = Some(total);
            self.order.push_back(key);
        }
        while self.answers.len() > self.max_count || self.bytes() > self.max_bytes {
            let Some(oldest) = self.order.pop_front() else { break };
            if let Some(gone) = self.answers.remove(&oldest) {
                self.bytes = self.bytes.map(|b| b.saturating_sub(size(&oldest, &gone)));
                if let Some(id) = &gone.request_id {
                    self.forget_request_id(id, &gone.correlation);
                }
            }
        }
    }

    /// Forgets `id` with an answer to `correlation`, unless it came again with another
    /// correlation id since.
    fn forget_request_id(&mut self, id: &str, correlation: &str) {
        if self.request_ids.get(id).is_some_and(|c| c == correlation) {
            self.request_ids.remove(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(body: &str) -> StoredReply {
        StoredReply { status: 200, content_type: "application/json".into(), tracker: None, body: body.into() }
    }

    #[test]
    fn evicts_by_count_and_forgets_request_ids() {
        let mut store = ReplyStore::new(2, usize::MAX);
        for i in 0..3 {
            store.insert(format!("k{i}"), reply("{}"), Some(format!("r{i}")), &format!("c{i}"));
        }
        assert!(store.get("k0").is_none());
        assert!(store.correlation_of("r0").is_none());
        assert_eq!(store.correlation_of("r2"), Some("c2"));
        assert_eq!(store.usage().0, 2);
    }

    #[test]
    fn evicts_by_bytes() {
        let mut store = ReplyStore::new(1_000, 10_000);
        for i in 0..20 {
            store.insert(format!("k{i}"), reply(&"x".repeat(1_000)), None, "c");
        }
        let (count, bytes) = store.usage();
        assert!(bytes <= 10_000, "{bytes} bytes kept");
        assert!(count < 20 && count > 0, "{count} kept");
        assert!(store.get("k19").is_some());
    }

    #[test]
    fn a_replaced_answer_forgets_its_old_request_id() {
        let mut store = ReplyStore::new(10, usize::MAX);
        store.insert("GET /x c".into(), reply("{}"), Some("r1".into()), "c");
        store.insert("GET /x c".into(), reply("{}"), Some("r2".into()), "c");
        assert_eq!((store.correlation_of("r1"), store.correlation_of("r2")), (None, Some("c")));
    }

    #[test]
    fn replacing_an_answer_keeps_the_count_right() {
        let mut store = ReplyStore::new(10, usize::MAX);
        store.insert("k".into(), reply("{\"a\":1}"), None, "c");
        let before = store.usage().1;
        store.insert("k".into(), reply("{\"a\":1}"), None, "c");
        assert_eq!(store.usage(), (1, before));
    }
}
