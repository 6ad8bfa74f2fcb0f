//! An order sent from this tab whose answer never came (the page was reloaded, or the
//! connection dropped, while it was on its way): before the reseller sends anything like it
//! again, the page offers to find out what became of it, by sending it again exactly as it was
//! under its own correlation id — which the API acts on once ([`crate::api::calls::unanswered`]).

use crate::api::calls::{orders, unanswered};
use crate::components::error_panel::ErrorPanel;
use crate::components::form::{BusyButton, FormState};
use crate::components::submit::use_commit;
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::{fetch, runtime};
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use partner_model::types::{Order, OrderRequest};

/// Whether `body` is an order request of `probe`'s type (and, for a revert, of its switch).
fn is_like(probe: &OrderRequest, body: &str) -> bool {
    let Ok(body) = serde_json::from_str::<serde_json::Value>(body) else { return false };
    let reference = probe.switch().map(|o| o.reference_order_id.as_str()).unwrap_or_default();
    body["orderType"] == probe.order_type().as_str() && (reference.is_empty() || body["referenceOrderId"] == reference)
}

/// The notice, when an order like `probe` (its type; a revert's switch) sent from this tab got
/// no answer; `what` says so ("A renewal order sent from this tab got no answer."). Once found out, the order's page opens and
/// `form`'s draft is settled.
#[component]
pub fn Unanswered(form: FormState, customer: String, probe: OrderRequest, what: &'static str) -> impl IntoView {
    let rt = runtime();
    let sent = |endpoint: &crate::api::calls::Endpoint<Order>| unanswered(endpoint, |body| is_like(&probe, body));
    // An upgrade or its undoing may have been sent moving the users (`reassign-users=true`).
    let earlier = sent(&orders::create(&rt, &customer, &probe))
        .or_else(|| probe.switch().and_then(|_| sent(&orders::switch(&rt, &customer, &probe, true))));
    let Some(earlier) = earlier else {
        return ().into_any();
    };
    let navigate = use_navigate();
    let commit = use_commit(
        form,
        move || fetch(earlier.clone()),
        move |o: Order| {
            toast(t::unanswered::was_placed(&o.order_id));
            navigate(&To::Order { customer: &customer, id: &o.order_id }.path(), Default::default());
        },
    );
    let (pending, failure) = (commit.pending, commit.failure);
    view! {
        <div class="notice warn" role="note">
            <p><strong>{what}</strong> " " {t::unanswered::explain()}</p>
            {move || failure.get().map(|f| view! { <ErrorPanel failure=f/> })}
            <BusyButton label=t::unanswered::find_out() working=t::unanswered::asking() busy=pending on_click=Callback::new(move |_| commit.send())/>
        </div>
    }
    .into_any()
}
