//! The fetch layer's policy, natively: headers, fresh request ids, intents, retries, backoff,
//! error classification, decoding, time limits and the activity log — driven by a scripted
//! transport, so every rule is checked without a browser. (DOM behaviour is in the browser tests.)

#![cfg(not(target_arch = "wasm32"))]

use partner_console::api::activity::{Entry, Log};
use partner_console::api::calls::*;
use partner_console::api::client::{Call, Client, Done, HttpRequest, Transport, ITEMS_A_TASK, LONG_ANSWER};
use partner_console::api::error::ApiError;
use partner_console::api::policy::*;
use partner_console::runtime::Runtime;
use partner_model::error::ApiErrorBody;
use partner_model::types::*;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::time::Duration;

mod policy {
    use super::*;

    fn answer(status: u16, content_type: &str, body: &str) -> HttpAnswer {
        HttpAnswer { status, content_type: content_type.into(), retry_after: None, tracker: None, body: body.into() }
    }

    #[test]
    fn answers_are_sorted_by_who_gave_them() {
        assert_eq!(classify(&answer(201, "application/json", "{}")), Ok("{}"));
        assert!(matches!(
            classify(&answer(400, "application/json", r#"{"code":"1117","message":"x","additionalDetails":["a"]}"#)),
            Err(ApiError::Api { status: 400, .. })
        ));
        assert_eq!(
            classify(&answer(502, "text/html", "<html>Bad gateway</html>")),
            Err(ApiError::Gateway { status: 502 })
        );
        assert_eq!(classify(&answer(500, "text/html", "<html>oops</html>")), Err(ApiError::Gateway { status: 500 }));
        assert_eq!(
            classify(&answer(503, "application/json", r#"{"error":"x"}"#)),
            Err(ApiError::Gateway { status: 503 })
        );
        assert_eq!(
            classify(&answer(418, "application/json", r#"{"message":"no code"}"#)),
            Err(ApiError::Unexpected { status: 418 })
        );
        assert!(matches!(
            classify(&answer(500, "application/json", r#"{"code":"1124","message":"x"}"#)),
            Err(ApiError::Api { status: 500, .. })
        ));
    }

    #[test]
    fn decoding_names_the_call() {
        let e = decode::<partner_model::types::Order>("Get order", "{ not json").expect_err("broken");
        assert!(matches!(&e, ApiError::Decode { call, .. } if call == "Get order"));
        assert!(decode::<partner_model::types::Order>("Get order", r#"{"orderId":"1","lineItems":[]}"#).is_ok());
    }

    #[test]
    fn reads_retry_every_transient_failure_mutations_only_silence() {
        let p = RetryPolicy::READ;
        let api500 = ApiError::Api { status: 500, body: ApiErrorBody::new("1124", "") };
        for e in [
            ApiError::Network("x".into()),
            ApiError::Timeout(p.timeout),
            ApiError::Gateway { status: 503 },
            api500.clone(),
        ] {
            assert!(p.retry(Kind::Read, 1, &e), "{e:?}");
        }
        assert!(!p.retry(Kind::Read, p.attempts, &ApiError::Network("x".into())), "a small cap");
        let m = RetryPolicy::MUTATION;
        assert!(m.retry(Kind::Mutation, 1, &ApiError::Timeout(m.timeout)));
        assert!(m.retry(Kind::Mutation, 2, &ApiError::Gateway { status: 502 }));
        assert!(!m.retry(Kind::Mutation, 1, &api500), "the API answered: a new intent is needed");
        assert!(!m.retry(Kind::Mutation, 1, &ApiError::Api { status: 429, body: ApiErrorBody::new("4118", "") }));
    }

    #[test]
    fn backoff_grows_is_capped_jittered_and_honours_retry_after() {
        let p = RetryPolicy::READ;
        let waits: Vec<Duration> = (1..=6).map(|n| p.backoff(n, 1.0, None)).collect();
        assert_eq!(waits[0], Duration::from_millis(300));
        assert_eq!(waits[1], Duration::from_millis(600));
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(*waits.last().expect("waits"), p.cap);
        assert_eq!(p.backoff(1, 0.0, None), Duration::from_millis(150), "jitter never reaches zero");
        assert_eq!(p.backoff(1, f64::NAN, None), Duration::from_millis(225));
        assert_eq!(p.backoff(3, 0.3, Some(Duration::from_secs(7))), Duration::from_secs(7));
        assert_eq!(p.backoff(3, 0.3, Some(Duration::from_secs(3600))), Duration::from_secs(60));
        assert_eq!(retry_after(Some(" 5 ")), Some(Duration::from_secs(5)));
        assert_eq!(retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")), None);
    }

    #[test]
    fn an_intent_keeps_its_id_until_answered_or_changed() {
        let mut book = IntentBook::default();
        let mut n = 0;
        let mut id = || {
            n += 1;
            format!("c{n}")
        };
        let a = book.intent("POST /orders", 1, Some("{\"q\":1}"), &mut id);
        assert_eq!(
            book.intent("POST /orders", 1, None, &mut id).correlation_id,
            a.correlation_id,
            "a double click or a retry is the same intent"
        );
        assert_eq!(
            book.earlier("POST /orders", 2).map(|i| i.correlation_id),
            Some(a.correlation_id.clone()),
            "a change of the form meets the open one first"
        );
        assert_eq!(book.earlier("POST /orders", 1), None);
        let changed = book.intent("POST /orders", 2, None, &mut id);
        assert_ne!(changed.correlation_id, a.correlation_id, "a changed form is a new intent");
        assert_eq!(book.open.len(), 1, "the changed intent replaces the old one");
        book.settle(&changed.correlation_id);
        assert_ne!(
            book.intent("POST /orders", 2, None, &mut id).correlation_id,
            changed.correlation_id,
            "after an answer, a new intent"
        );
        let json = serde_json::to_string(&book).expect("encode");
        assert_eq!(
            serde_json::from_str::<IntentBook>(&json).expect("decode"),
            book,
            "it survives a reload through storage"
        );
        assert_ne!(fingerprint(&["POST", "/a", "{}"]), fingerprint(&["POST", "/a{", "}"]));
    }
}

mod client {
    use super::*;

    /// A transport that answers from a script and records what it was sent.
    #[derive(Default)]
    struct Scripted {
        answers: RefCell<VecDeque<Result<HttpAnswer, ApiError>>>,
        sent: RefCell<Vec<HttpRequest>>,
        slept: RefCell<Vec<Duration>>,
        ids: Cell<u32>,
        book: RefCell<IntentBook>,
        log: RefCell<Log>,
    }

    impl Scripted {
        fn new(answers: Vec<Result<HttpAnswer, ApiError>>) -> Client<Scripted> {
            Client { transport: Scripted { answers: RefCell::new(answers.into()), ..Scripted::default() } }
        }
        fn header(&self, i: usize, name: &str) -> String {
            self.sent.borrow()[i].headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).unwrap_or_default()
        }
    }

    impl Transport for Scripted {
        async fn send(&self, request: &HttpRequest) -> Result<HttpAnswer, ApiError> {
            self.sent.borrow_mut().push(request.clone());
            self.answers.borrow_mut().pop_front().unwrap_or(Err(ApiError::Network("script ran out".into())))
        }
        async fn sleep(&self, duration: Duration) {
            self.slept.borrow_mut().push(duration);
        }
        fn uuid(&self) -> String {
            self.ids.set(self.ids.get() + 1);
            format!("id-{}", self.ids.get())
        }
        fn jitter(&self) -> f64 {
            1.0
        }
        fn load_intents(&self) -> IntentBook {
            self.book.borrow().clone()
        }
        fn save_intents(&self, book: &IntentBook) {
            *self.book.borrow_mut() = book.clone();
        }
        fn now(&self) -> String {
            "2026-11-23T12:00:00Z".into()
        }
        fn record(&self, entry: Entry) {
            self.log.borrow_mut().record(entry);
        }
    }

    fn ok(body: &str) -> Result<HttpAnswer, ApiError> {
        Ok(HttpAnswer {
            status: 200,
            content_type: "application/json".into(),
            retry_after: None,
            tracker: None,
            body: body.into(),
        })
    }

    fn status(code: u16, content_type: &str, body: &str, retry_after: Option<&str>) -> Result<HttpAnswer, ApiError> {
        Ok(HttpAnswer {
            status: code,
            content_type: content_type.into(),
            retry_after: retry_after.map(str::to_string),
            tracker: None,
            body: body.into(),
        })
    }

    fn read() -> Call {
        Call {
            name: "Get customer".into(),
            kind: Kind::Read,
            method: "GET",
            url: "/api/vipmp/v3/customers/1".into(),
            body: None,
            timeout: Some(Duration::from_secs(7)),
        }
    }

    fn order(body: &str) -> Call {
        Call {
            name: "Place order".into(),
            kind: Kind::Mutation,
            method: "POST",
            url: "/api/vipmp/v3/customers/1/orders".into(),
            body: Some(body.into()),
            timeout: None,
        }
    }

    fn block<F: std::future::Future>(f: F) -> F::Output {
        futures::executor::block_on(f)
    }

    #[test]
    fn every_attempt_carries_the_api_headers_and_a_fresh_request_id() {
        let client = Scripted::new(vec![Err(ApiError::Timeout(Duration::from_secs(10))), ok("{}")]);
        let done: Done<serde_json::Value> = block(client.run(&read())).expect("second attempt answers");
        let t = &client.transport;
        assert_eq!(t.sent.borrow().len(), 2);
        for i in 0..2 {
            assert_eq!(t.header(i, "Accept"), "application/json");
            assert_eq!(t.header(i, "Content-Type"), "application/json");
            assert!(
                t.sent.borrow()[i]
                    .headers
                    .iter()
                    .all(|(n, _)| !n.eq_ignore_ascii_case("authorization") && !n.eq_ignore_ascii_case("x-api-key")),
                "never a secret"
            );
        }
        assert_ne!(t.header(0, "X-Request-Id"), t.header(1, "X-Request-Id"), "a fresh request id per attempt");
        assert_eq!(t.header(0, "X-Correlation-Id"), done.correlation_id);
        assert_eq!(t.sent.borrow()[0].timeout, Duration::from_secs(7), "the call's own time limit");
    }

    /// "Partners need to send the `x-recommendation-tracker-id` as a header in the Create Order
    /// and Create Subscription APIs": the tracker a preview's answer brought goes with the
    /// customer's next order, and with no other customer's.
    #[test]
    fn a_previews_recommendation_tracker_goes_with_the_customers_next_order() {
        let tracked = Ok(HttpAnswer {
            status: 201,
            content_type: "application/json".into(),
            retry_after: None,
            tracker: Some("00ff00ff00ff00ff1234123412341234".into()),
            body: "{}".into(),
        });
        let client = Scripted::new(vec![tracked, ok("{}"), ok("{}")]);
        let on = |customer: &str, query: &str| Call {
            url: format!("/api/vipmp/v3/customers/{customer}/orders{query}"),
            ..order("{}")
        };
        let _: Done<serde_json::Value> =
            block(client.run(&on("7", "?fetch-price=true&fetch-recommendations=true"))).expect("preview");
        let _: Done<serde_json::Value> = block(client.run(&on("7", ""))).expect("order");
        let _: Done<serde_json::Value> = block(client.run(&on("8", ""))).expect("another customer's order");
        let sent = |i: usize| {
            client.transport.sent.borrow()[i]
                .headers
                .iter()
                .find(|(n, _)| *n == "x-recommendation-tracker-id")
                .map(|(_, v)| v.clone())
        };
        assert_eq!(sent(0), None, "nothing to send yet");
        assert_eq!(sent(1).as_deref(), Some("00ff00ff00ff00ff1234123412341234"));
        assert_eq!(sent(2), None, "another customer's order");
    }

    #[test]
    fn reads_retry_transient_failures_with_backoff_up_to_a_cap() {
        let client = Scripted::new(vec![
            Err(ApiError::Network("reset".into())),
            status(502, "text/html", "<html>bad gateway</html>", None),
            status(503, "application/json", r#"{"code":"1124","message":"busy"}"#, Some("2")),
            ok(r#"{"customerId":"1"}"#),
        ]);
        let done: Done<partner_model::types::Customer> = block(client.run(&read())).expect("fourth attempt");
        assert_eq!(done.value.customer_id, "1");
        assert_eq!(
            *client.transport.slept.borrow(),
            vec![Duration::from_millis(300), Duration::from_millis(600), Duration::from_secs(2)]
        );
        let client = Scripted::new(vec![Err(ApiError::Network("down".into())); 9]);
        let failure = block(client.run::<serde_json::Value>(&read())).expect_err("gives up");
        assert_eq!(client.transport.sent.borrow().len(), RetryPolicy::READ.attempts as usize, "a small cap");
        assert_eq!(failure.action, "Get customer");
        assert!(failure.error.retryable(), "the panel can still offer to try again");
    }

    #[test]
    fn a_long_answer_is_handed_over_a_task_after_it_was_read() {
        let items = vec![r#"{"subscriptionId":"s","offerId":"65322651CA01A12"}"#; 3_000].join(",");
        let long = format!(r#"{{"totalCount":3000,"items":[{items}]}}"#);
        assert!(long.len() > LONG_ANSWER);
        let client = Scripted::new(vec![ok(&long)]);
        let done: Done<SubscriptionList> = block(client.run(&read())).expect("read");
        assert_eq!(done.value.items.len(), 3_000);
        assert_eq!(*client.transport.slept.borrow(), vec![Duration::ZERO], "a task between reading and drawing");
        let client = Scripted::new(vec![ok(r#"{"customerId":"1"}"#)]);
        let _: Done<Customer> = block(client.run(&read())).expect("read");
        assert!(client.transport.slept.borrow().is_empty(), "a short answer is handed over at once");
    }

    #[test]
    fn a_long_lists_items_are_read_a_batch_a_task() {
        let items: Vec<String> = (0..1_234)
            .map(|i| format!(r#"{{"subscriptionId":"s{i}","offerId":"65322651CA01A12","currentQuantity":{i},"autoRenewal":{{"enabled":true}}}}"#))
            .collect();
        // Members before the items are skipped unread, whatever they hold.
        let body = format!(
            r#" {{ "totalCount" : 1234 , "links":{{"self":{{"uri":"/x?a=[1,2]","method":"GET"}}}}, "items" : [ {} ] , "more":[] }} "#,
            items.join(" ,\n")
        );
        assert!(body.len() > LONG_ANSWER);
        let client = Scripted::new(vec![ok(&body)]);
        let read_now: Vec<Subscription> = block(client.run_items(&read())).expect("items");
        let whole: SubscriptionList = serde_json::from_str(&body).expect("whole");
        assert_eq!(read_now, whole.items, "the same items, in order, as reading the list at once");
        // The answer is long (a task after it was read), then a task between batches of 500.
        assert_eq!(*client.transport.slept.borrow(), vec![Duration::ZERO; 3]);
        assert_eq!(ITEMS_A_TASK, 500);

        for (body, n) in [
            (r#"{"items":[]}"#, 0),
            ("{}", 0),
            (r#"{"totalCount":0}"#, 0),
            (r#"{"items":[{"subscriptionId":"a"}]}"#, 1),
            (r#"{"items":[{"subscriptionId":"a"},{"subscriptionId":"b"}],"totalCount":2}"#, 2),
        ] {
            let client = Scripted::new(vec![ok(body)]);
            let items: Vec<Subscription> = block(client.run_items(&read())).expect(body);
            assert_eq!(items.len(), n, "{body}");
            assert!(client.transport.slept.borrow().is_empty(), "{body}: a short list is one task");
        }
    }

    #[test]
    fn a_list_that_cannot_be_read_says_where() {
        let items: Vec<String> = (0..700).map(|i| format!(r#"{{"subscriptionId":"s{i}"}}"#)).collect();
        let body = format!(r#"{{"items":[{},{{"subscriptionId":12}}]}}"#, items.join(","));
        let client = Scripted::new(vec![ok(&body)]);
        let failure = block(client.run_items::<Subscription>(&read())).expect_err("item 701");
        assert!(
            matches!(failure.error, ApiError::Decode { ref call, ref detail } if call == "Get customer" && detail.starts_with("item 701: ")),
            "{failure:?}"
        );
        assert!(!failure.correlation_id.is_empty(), "the failure names the call it read");
        for (body, says) in [
            (r#"{"items":{}}"#, "`items` is not a list"),
            ("[]", "not a JSON object"),
            ("", "not a JSON object"),
            (r#"{"items":[{"subscriptionId":"a"} {"subscriptionId":"b"}]}"#, "item 2: expected `,` or `]`"),
            (r#"{"items":[{"subscriptionId":"a"},"#, "item 2: "),
            (r#"{"items":[{"subscriptionId":"a"}"#, "item 2: expected `,` or `]`"),
            (r#"{"totalCount" 3,"items":[]}"#, "expected `:` after \"totalCount\""),
            (r#"{"totalCount":3 "items":[]}"#, "expected `,` or `}`"),
            (r#"{"totalCount":[1,2}"#, "expected"),
            (r#"{"items":[1]}"#, "item 1: invalid type"),
            (r#"{"items":["#, "item 1: "),
        ] {
            let client = Scripted::new(vec![ok(body)]);
            let failure = block(client.run_items::<Subscription>(&read())).expect_err(body);
            assert!(
                matches!(failure.error, ApiError::Decode { ref detail, .. } if detail.contains(says)),
                "{body}: {:?}",
                failure.error
            );
        }
    }

    #[test]
    fn a_cancelled_read_stops_at_once() {
        let client = Scripted::new(vec![Err(ApiError::Cancelled), ok("{}")]);
        let failure = block(client.run::<serde_json::Value>(&read())).expect_err("cancelled");
        assert_eq!(failure.error, ApiError::Cancelled);
        assert_eq!(client.transport.sent.borrow().len(), 1, "nobody waits: no retry");
        assert!(client.transport.slept.borrow().is_empty());
    }

    #[test]
    fn reads_do_not_retry_what_cannot_change() {
        let client = Scripted::new(vec![status(
            404,
            "application/json",
            r#"{"code":"1116","message":"Invalid Customer"}"#,
            None,
        )]);
        let failure = block(client.run::<serde_json::Value>(&read())).expect_err("404");
        assert_eq!(failure.error.code(), Some("1116"));
        assert_eq!(client.transport.sent.borrow().len(), 1);
        let client = Scripted::new(vec![ok(r#"{"customerId": 12, "companyProfile": "x"}"#)]);
        let failure = block(client.run::<partner_model::types::Customer>(&read())).expect_err("bad shape");
        assert!(matches!(failure.error, ApiError::Decode { ref call, .. } if call == "Get customer"));
    }

    #[test]
    fn a_mutation_with_no_answer_is_resent_as_the_same_intent() {
        let client = Scripted::new(vec![
            Err(ApiError::Network("dropped".into())),
            Err(ApiError::Network("dropped".into())),
            ok(r#"{"orderId":"5"}"#),
        ]);
        let done: Done<serde_json::Value> = block(client.run(&order("{\"a\":1}"))).expect("third attempt");
        let t = &client.transport;
        assert_eq!(t.sent.borrow()[0].timeout, RetryPolicy::MUTATION.timeout, "the kind's default");
        let ids: Vec<String> = (0..3).map(|i| t.header(i, "X-Correlation-Id")).collect();
        assert!(ids.iter().all(|c| *c == done.correlation_id), "one intent: {ids:?}");
        assert!(t.book.borrow().open.is_empty(), "the answer settled it");
        let log = t.log.borrow();
        assert_eq!(log.entries.len(), 1, "one action, one entry, however many sends");
        assert_eq!(
            (log.entries[0].action.as_str(), log.entries[0].target.as_str(), log.entries[0].ok),
            ("Place order", "/v3/customers/1/orders", true)
        );
        assert_eq!(log.entries[0].correlation_id, done.correlation_id);
    }

    #[test]
    fn reads_are_not_logged_and_failures_say_how_they_ended() {
        let client = Scripted::new(vec![ok("{}")]);
        let _ = block(client.run::<serde_json::Value>(&read()));
        assert!(client.transport.log.borrow().entries.is_empty());
        let client = Scripted::new(vec![Err(ApiError::Timeout(Duration::from_secs(20))); 3]);
        let _ = block(client.run::<serde_json::Value>(&order("{}")));
        let log = client.transport.log.borrow();
        assert!(!log.entries[0].ok);
        assert!(log.entries[0].outcome.starts_with("No answer"), "{}", log.entries[0].outcome);
    }

    #[test]
    fn a_mutation_whose_answer_the_gateway_lost_is_resent_as_the_same_intent() {
        // The upstream acted but its answer was cut off on the way to the gateway: the gateway
        // says so (502 GW-UPSTREAM-CUT-OFF), the console sends the same intent again, the upstream
        // answers it with its first answer.
        let lost = r#"{"code":"GW-UPSTREAM-CUT-OFF","message":"The API's answer was cut off on its way to the gateway.","additionalDetails":[]}"#;
        let client = Scripted::new(vec![status(502, "application/json", lost, None), ok(r#"{"orderId":"5"}"#)]);
        let done: Done<serde_json::Value> = block(client.run(&order("{\"a\":1}"))).expect("the second attempt");
        let t = &client.transport;
        assert_eq!(
            (0..2).map(|i| t.header(i, "X-Correlation-Id")).filter(|c| *c == done.correlation_id).count(),
            2,
            "one intent"
        );
        // A refusal the user must act on is not sent again.
        let client = Scripted::new(vec![
            status(403, "application/json", r#"{"code":"GW-OTHER-CUSTOMER","message":"x"}"#, None),
            ok("{}"),
        ]);
        let _ = block(client.run::<serde_json::Value>(&order("{}"))).expect_err("refused");
        assert_eq!(client.transport.sent.borrow().len(), 1);
    }

    #[test]
    fn a_read_gets_a_fresh_correlation_id_after_an_answer_and_keeps_it_after_silence() {
        let client = Scripted::new(vec![
            status(503, "application/json", r#"{"code":"1124","message":"Service unavailable"}"#, None),
            Err(ApiError::Network("reset".into())),
            ok("{}"),
        ]);
        let done: Done<serde_json::Value> = block(client.run(&read())).expect("the third attempt");
        let ids: Vec<String> = (0..3).map(|i| client.transport.header(i, "X-Correlation-Id")).collect();
        assert_ne!(ids[0], ids[1], "the API answered: reset, or it would replay that answer");
        assert_eq!(ids[1], ids[2], "no answer came: the same id may go again");
        assert_eq!(done.correlation_id, ids[2]);
    }

    #[test]
    fn a_different_change_first_learns_what_became_of_the_one_still_unanswered() {
        // The first order got no answer (the page was reloaded, or it timed out); the form now
        // sends other lines. The first goes again as it was, under its id: the API says it was
        // made, and that is the answer — the second is not sent.
        let client = Scripted::new(vec![Err(ApiError::Network("reloaded".into())); 3]);
        let _ = block(client.run::<serde_json::Value>(&order("{\"q\":4}"))).expect_err("no answer");
        let first = client.transport.header(0, "X-Correlation-Id");
        client.transport.answers.borrow_mut().push_back(ok(r#"{"orderId":"7"}"#));
        let done: Done<serde_json::Value> = block(client.run(&order("{\"q\":5}"))).expect("the first order's answer");
        let sent = client.transport.sent.borrow();
        assert_eq!(sent.len(), 4);
        assert_eq!((done.value["orderId"].as_str(), done.correlation_id.as_str()), (Some("7"), first.as_str()));
        assert_eq!(sent[3].body.as_deref(), Some("{\"q\":4}"), "sent as it was");
        assert!(client.transport.book.borrow().open.is_empty(), "settled");
        drop(sent);
        assert!(
            client.transport.log.borrow().entries[0].outcome.contains("sent earlier"),
            "{:?}",
            client.transport.log.borrow().entries[0]
        );
        // When the API refused the first, the second goes out under a new intent.
        let client = Scripted::new(vec![Err(ApiError::Network("x".into())); 3]);
        let _ = block(client.run::<serde_json::Value>(&order("{\"q\":4}")));
        client.transport.answers.borrow_mut().extend([
            status(400, "application/json", r#"{"code":"2129","message":"x"}"#, None),
            ok(r#"{"orderId":"8"}"#),
        ]);
        let done: Done<serde_json::Value> = block(client.run(&order("{\"q\":5}"))).expect("the second order");
        assert_eq!(done.value["orderId"], "8");
        assert_ne!(done.correlation_id, client.transport.header(0, "X-Correlation-Id"));
    }

    #[test]
    fn a_mutation_the_api_answered_is_not_resent_and_the_next_submit_is_a_new_intent() {
        let client = Scripted::new(vec![
            status(500, "application/json", r#"{"code":"1124","message":"Internal Server Error"}"#, None),
            ok("{}"),
        ]);
        let failure = block(client.run::<serde_json::Value>(&order("{}"))).expect_err("the API answered 500");
        assert_eq!(client.transport.sent.borrow().len(), 1, "not resent automatically");
        let again: Done<serde_json::Value> = block(client.run(&order("{}"))).expect("user tries again");
        assert_ne!(again.correlation_id, failure.correlation_id, "a new intent after any answer");
    }

    #[test]
    fn a_mutation_whose_answer_is_cut_short_keeps_its_intent() {
        let client = Scripted::new(vec![ok(r#"{"orderId": "5", "lineIt"#)]);
        let first = block(client.run::<serde_json::Value>(&order("{\"q\":1}"))).expect_err("cut short");
        assert!(matches!(first.error, ApiError::Decode { .. }));
        assert_eq!(client.transport.sent.borrow().len(), 1, "not resent automatically");
        assert_eq!(client.transport.book.borrow().open.len(), 1, "the intent stays open");
        client.transport.answers.borrow_mut().push_back(ok(r#"{"orderId": "5"}"#));
        let again: Done<serde_json::Value> = block(client.run(&order("{\"q\":1}"))).expect("try again");
        assert_eq!(
            again.correlation_id, first.correlation_id,
            "the same intent: the API answers its first answer again"
        );
        assert!(client.transport.book.borrow().open.is_empty());
    }

    #[test]
    fn an_unanswered_intent_survives_is_reused_and_is_resolved_before_a_changed_form() {
        let client = Scripted::new(vec![Err(ApiError::Timeout(Duration::from_secs(20))); 3]);
        let first = block(client.run::<serde_json::Value>(&order("{\"q\":1}"))).expect_err("no answer");
        assert_eq!(client.transport.book.borrow().open.len(), 1, "still open (kept in session storage)");
        client.transport.answers.borrow_mut().push_back(ok("{}"));
        let retried: Done<serde_json::Value> = block(client.run(&order("{\"q\":1}"))).expect("retry button");
        assert_eq!(retried.correlation_id, first.correlation_id, "the retry button is the same intent");
        client.transport.answers.borrow_mut().extend([
            Err(ApiError::Timeout(Duration::from_secs(20))),
            Err(ApiError::Timeout(Duration::from_secs(20))),
            Err(ApiError::Timeout(Duration::from_secs(20))),
        ]);
        let a = block(client.run::<serde_json::Value>(&order("{\"q\":2}"))).expect_err("no answer");
        client.transport.answers.borrow_mut().push_back(ok("{}"));
        let b: Done<serde_json::Value> = block(client.run(&order("{\"q\":3}"))).expect("changed form");
        assert_eq!(a.correlation_id, b.correlation_id, "a changed form first resolves the unanswered one");
        assert_eq!(client.transport.sent.borrow().last().and_then(|r| r.body.clone()).as_deref(), Some("{\"q\":2}"));
        client.transport.answers.borrow_mut().push_back(ok("{}"));
        let c: Done<serde_json::Value> = block(client.run(&order("{\"q\":3}"))).expect("then the changed form");
        assert_ne!(c.correlation_id, b.correlation_id, "once resolved, a changed form is a new intent");
    }

    #[test]
    fn an_unanswered_change_is_found_by_its_body_and_sent_again_as_the_same_intent() {
        let client = Scripted::new(vec![Err(ApiError::Timeout(Duration::from_secs(20))); 3]);
        let lost =
            block(client.run::<serde_json::Value>(&order("{\"orderType\":\"RENEWAL\"}"))).expect_err("no answer");
        // After a reload the page knows only what it would send now.
        let now = order("{\"orderType\":\"RENEWAL\",\"other\":1}");
        assert!(client.unanswered(&now, |b| b.contains("\"NEW\"")).is_none(), "another kind of change is not it");
        let again = client.unanswered(&now, |b| b.contains("\"RENEWAL\"")).expect("the renewal sent before");
        assert_eq!(again.body.as_deref(), Some("{\"orderType\":\"RENEWAL\"}"), "the body as it was sent");
        client.transport.answers.borrow_mut().push_back(ok("{}"));
        let done: Done<serde_json::Value> = block(client.run(&again)).expect("answered");
        assert_eq!(done.correlation_id, lost.correlation_id, "the same intent: the API acts once");
        assert!(client.unanswered(&now, |_| true).is_none(), "answered, so nothing is left unanswered");
    }

    #[test]
    fn gateway_pages_are_retried_for_mutations_but_api_429_is_not() {
        let client = Scripted::new(vec![status(504, "text/html", "<html>timeout</html>", None), ok("{}")]);
        assert!(block(client.run::<serde_json::Value>(&order("{}"))).is_ok());
        let client = Scripted::new(vec![status(
            429,
            "application/json",
            r#"{"code":"4118","message":"Too many requests"}"#,
            Some("1"),
        )]);
        assert!(block(client.run::<serde_json::Value>(&order("{}"))).is_err());
        assert_eq!(client.transport.sent.borrow().len(), 1);
    }
}

mod calls {
    use super::*;

    fn rt(base: &str) -> Runtime {
        let config = partner_model::config::parse(include_str!("../public/config.json")).expect("shipped config");
        Runtime::new(config, base)
    }

    #[test]
    fn urls_are_below_the_app_base_and_encoded() {
        let r = rt("/partner/console/");
        assert_eq!(customers::get(&r, "1005 /x").call.url, "/partner/console/api/vipmp/v3/customers/1005%20%2Fx");
        let h = orders::history(
            &r,
            "1",
            &[("order-type", "NEW".into()), ("order-type", "RETURN".into()), ("status", String::new())],
        );
        assert_eq!(h.call.url, "/partner/console/api/vipmp/v3/customers/1/orders?order-type=NEW&order-type=RETURN");
        let s = distributor_subscriptions::search(&rt("/"), &DistributorSubscriptionSearch::default(), 25, 50);
        assert_eq!(s.call.url, "/api/cpn/cphub/api/seller/v1/distributors/9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/subscriptions/search?limit=25&offset=50");
        assert_eq!(s.call.kind, Kind::Read, "a search changes nothing, so it may be retried");
    }

    #[test]
    fn calls_carry_the_configured_time_limits() {
        let r = rt("/");
        assert_eq!(customers::get(&r, "1").call.timeout, Some(Duration::from_secs(10)));
        assert_eq!(orders::create(&r, "1", &OrderRequest::PreviewRenewal).call.timeout, Some(Duration::from_secs(20)));
    }

    #[test]
    fn mutations_carry_their_body_and_reads_none() {
        let r = rt("/");
        let o = orders::create(&r, "1", &OrderRequest::PreviewRenewal);
        assert_eq!(
            (o.call.method, o.call.kind, o.call.name.as_str()),
            ("POST", Kind::Read, "Preview renewal"),
            "a preview changes nothing"
        );
        assert_eq!(o.call.body.as_deref(), Some(r#"{"orderType":"PREVIEW_RENEWAL"}"#));
        assert!(subscriptions::list(&r, "1").call.body.is_none());
        assert!(customers::enroll(&r, "1", "2").call.body.is_none());
    }
}
