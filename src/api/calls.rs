//! Typed calls for every endpoint of both upstreams, named by resource and verb
//! (`customers::get`, `orders::create`). Each returns an [`Endpoint`]: the call described, with
//! the type its answer decodes into; [`send`] runs it through the client.

use super::client::{read_as, Call, Done, Reader, Value};
use super::error::Failure;
use super::policy::Kind;
use crate::i18n::t;
use crate::runtime::Runtime;
use partner_model::types::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// A call and the type of its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint<R> {
    pub call: Call,
    answer: PhantomData<fn() -> R>,
}

/// A list answer whose items can be read a batch at a time ([`send_items`]).
pub trait Listing {
    type Item: DeserializeOwned + 'static;
}

impl Listing for SubscriptionList {
    type Item = Subscription;
}

impl Listing for SubscriptionSummaryList {
    type Item = SubscriptionSummary;
}

/// Runs `endpoint` through the browser's client. Call it where the view that waits for the
/// answer is built (a resource's fetcher, an action): a read is aborted when that view goes
/// away (`on_cleanup`), so navigating away cancels what nobody waits for any more. Mutations
/// are never cancelled: the reseller asked for them.
pub fn send<R: DeserializeOwned + 'static>(endpoint: Endpoint<R>) -> Answer<R> {
    let client = client_for(&endpoint.call);
    Answer::new(sending(client, endpoint.call, read_as::<R>))
}

/// Runs a list's `endpoint` as [`send`] does and reads its items a batch a task: a long list
/// then holds the page in no long task.
pub fn send_items<R: Listing>(
    endpoint: Endpoint<R>,
) -> impl std::future::Future<Output = Result<Vec<R::Item>, Failure>> {
    let client = client_for(&endpoint.call);
    async move { client.run_items(&endpoint.call).await }
}

/// The browser's client for `call`: a read is aborted when the view it runs for goes away.
fn client_for(call: &Call) -> super::client::Client<super::transport::Browser> {
    let cancel = (call.kind == Kind::Read).then(|| web_sys::AbortController::new().ok()).flatten();
    if let Some(controller) = cancel.clone() {
        let controller = send_wrapper::SendWrapper::new(controller);
        leptos::prelude::on_cleanup(move || controller.abort());
    }
    super::transport::client(cancel.map(|c| c.signal()))
}

/// Runs `endpoint` as [`send`] does, aborted by `stop` rather than by the view it is called
/// from: for a read several views wait for (an account's name), which stops once none of them
/// does.
pub fn send_until<R: DeserializeOwned + 'static>(endpoint: Endpoint<R>, stop: web_sys::AbortSignal) -> Answer<R> {
    Answer::new(sending(super::transport::client(Some(stop)), endpoint.call, read_as::<R>))
}

/// Runs `task`, which reads for the view being built apart from its resources (a form's
/// discounts and price list, read without swapping the form out while they load), under that
/// view's owner as [`send`]'s reads run: once the view goes away the task stops, and the reads
/// it sent are aborted. Left running, on a slow connection they would hold the browser's few
/// connections to the server while the next page waits. Called from an effect, the task stops
/// when the effect runs again too (the read it made is stale then), and the effect does not
/// follow what the task reads.
pub fn spawn_for_view(task: impl Future<Output = ()> + 'static) {
    leptos::prelude::untrack(|| leptos::task::spawn_local_scoped_with_cancellation(task));
}

/// Runs `endpoint` with nothing to cancel it: for data kept for every view (the catalog), which
/// no view going away should stop.
pub fn send_detached<R: DeserializeOwned + 'static>(endpoint: Endpoint<R>) -> Answer<R> {
    Answer::new(sending(super::transport::client(None), endpoint.call, read_as::<R>))
}

/// A call on its way, whatever its answer's type.
type Sending = Pin<Box<dyn Future<Output = Result<Done<Value>, Failure>>>>;

/// `call` run by `client`, its answer read by `read`: the one future of every call, whatever
/// its answer's type (the type is in `read`, a plain function).
fn sending(client: super::client::Client<super::transport::Browser>, call: Call, read: Reader) -> Sending {
    Box::pin(async move { client.run_read(&call, read).await })
}

/// The answer of a call sent with [`send`]: `Done<R>` once it is there.
///
/// Sending, retrying and reading are one future for every type (the client's
/// [`run_read`](super::client::Client::run_read)); this only turns its value back into the
/// `R` its reader made, so each answer type adds a downcast to the build and not a copy of that
/// future (as an `async` block per type did).
#[must_use = "a call is sent only when its answer is awaited"]
pub struct Answer<R> {
    sending: Sending,
    of: PhantomData<fn() -> R>,
}

impl<R> Answer<R> {
    fn new(sending: Sending) -> Self {
        Answer { sending, of: PhantomData }
    }

    /// The answer's value alone, without its correlation id.
    pub fn value(self) -> ValueOf<R> {
        ValueOf(self)
    }
}

impl<R: 'static> Future for Answer<R> {
    type Output = Result<Done<R>, Failure>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.sending.as_mut().poll(cx) {
            Poll::Ready(answer) => Poll::Ready(answer.and_then(Done::typed)),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// The value of an [`Answer`] ([`Answer::value`]).
#[must_use = "a call is sent only when its answer is awaited"]
pub struct ValueOf<R>(Answer<R>);

impl<R: 'static> Future for ValueOf<R> {
    type Output = Result<R, Failure>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match Pin::new(&mut self.0).poll(cx) {
            Poll::Ready(answer) => Poll::Ready(answer.map(|done| done.value)),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// The change `endpoint` would send (its method and URL) that this tab sent earlier and got no
/// answer to, when `is_it` recognises its body: sending it learns what became of it.
pub fn unanswered<R>(endpoint: &Endpoint<R>, is_it: impl Fn(&str) -> bool) -> Option<Endpoint<R>> {
    let call = super::transport::client(None).unanswered(&endpoint.call, is_it)?;
    Some(Endpoint { call, answer: PhantomData })
}

/// Percent-encodes a path segment or query value (RFC 3986 unreserved characters stay).
pub use partner_model::url::encode_component as encode;

/// A query string from pairs, skipping empty values (`?a=1&b=x%20y`, or nothing).
pub fn query(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> =
        pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", encode(v))).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

fn time_limit(rt: &Runtime, kind: Kind) -> Option<Duration> {
    let secs = match kind {
        Kind::Read => rt.config.read_timeout_secs,
        Kind::Mutation => rt.config.mutation_timeout_secs,
    };
    Some(Duration::from_secs(u64::from(secs)))
}

fn read<R>(rt: &Runtime, name: &str, url: String) -> Endpoint<R> {
    let timeout = time_limit(rt, Kind::Read);
    Endpoint {
        call: Call { name: name.into(), kind: Kind::Read, method: "GET", url, body: None, timeout },
        answer: PhantomData,
    }
}

/// A request sent with POST that changes nothing (an order or reseller-change preview): a read
/// for the client — retried like one, never logged as a change, and never mistaken for the
/// change it previews — with the time limit of a change, since the API works as hard on it.
fn preview<R, B: Serialize>(rt: &Runtime, name: &str, url: String, body: &B) -> Endpoint<R> {
    let body = Some(serde_json::to_string(body).unwrap_or_default());
    let timeout = time_limit(rt, Kind::Mutation);
    Endpoint {
        call: Call { name: name.into(), kind: Kind::Read, method: "POST", url, body, timeout },
        answer: PhantomData,
    }
}

/// A search sent with POST: a read for the client, with the read time limit.
fn post_read<R, B: Serialize>(rt: &Runtime, name: &str, url: String, body: &B) -> Endpoint<R> {
    let body = Some(serde_json::to_string(body).unwrap_or_default());
    let timeout = time_limit(rt, Kind::Read);
    Endpoint {
        call: Call { name: name.into(), kind: Kind::Read, method: "POST", url, body, timeout },
        answer: PhantomData,
    }
}

fn mutation<R, B: Serialize>(
    rt: &Runtime,
    name: &str,
    method: &'static str,
    url: String,
    body: Option<&B>,
) -> Endpoint<R> {
    // Request types serialize infallibly; an empty body would be refused by the API (1122).
    let body = body.map(|b| serde_json::to_string(b).unwrap_or_default());
    let timeout = time_limit(rt, Kind::Mutation);
    Endpoint { call: Call { name: name.into(), kind: Kind::Mutation, method, url, body, timeout }, answer: PhantomData }
}

/// Resellers.
pub mod resellers {
    use super::*;

    pub fn create(rt: &Runtime, body: &ResellerCreateRequest) -> Endpoint<Reseller> {
        mutation(rt, t::call::create_reseller(), "POST", rt.vipmp_url("/v3/resellers"), Some(body))
    }
    pub fn get(rt: &Runtime, id: &str) -> Endpoint<Reseller> {
        read(rt, t::call::get_reseller(), rt.vipmp_url(&format!("/v3/resellers/{}", encode(id))))
    }
    pub fn update(rt: &Runtime, id: &str, body: &ResellerUpdateRequest) -> Endpoint<Reseller> {
        mutation(
            rt,
            t::call::update_reseller(),
            "PATCH",
            rt.vipmp_url(&format!("/v3/resellers/{}", encode(id))),
            Some(body),
        )
    }
    /// `filters`: `status`, `company-name`, `sort-by`, `order-by`, `limit`, `offset` (the
    /// reseller list's documented ones).
    pub fn list(rt: &Runtime, filters: &[(&str, String)]) -> Endpoint<ResellerListPage> {
        read(rt, t::call::list_resellers(), rt.vipmp_url(&format!("/v3/resellers{}", query(filters))))
    }
}

/// Customers, their linked memberships and open acquisitions.
pub mod customers {
    use super::*;

    pub fn create(rt: &Runtime, body: &CustomerCreateRequest) -> Endpoint<Customer> {
        mutation(rt, t::call::create_customer(), "POST", rt.vipmp_url("/v3/customers"), Some(body))
    }
    pub fn get(rt: &Runtime, id: &str) -> Endpoint<Customer> {
        read(rt, t::call::get_customer(), rt.vipmp_url(&format!("/v3/customers/{}", encode(id))))
    }
    pub fn update(rt: &Runtime, id: &str, body: &CustomerUpdateRequest) -> Endpoint<Customer> {
        mutation(
            rt,
            t::call::update_customer(),
            "PATCH",
            rt.vipmp_url(&format!("/v3/customers/{}", encode(id))),
            Some(body),
        )
    }
    pub fn list(rt: &Runtime, reseller_id: &str, filters: &[(&str, String)]) -> Endpoint<CustomerListPage> {
        read(
            rt,
            t::call::list_customers(),
            rt.vipmp_url(&format!("/v3/resellers/{}/customers{}", encode(reseller_id), query(filters))),
        )
    }
    pub fn open_acquisitions(rt: &Runtime, id: &str) -> Endpoint<OpenAcquisitions> {
        read(
            rt,
            t::call::get_open_acquisitions(),
            rt.vipmp_url(&format!("/v3/customers/{}/open-acquisitions", encode(id))),
        )
    }
    pub fn enroll(rt: &Runtime, id: &str, group_id: &str) -> Endpoint<EnrollResult> {
        let url = rt.vipmp_url(&format!("/v3/customers/{}/linked_membership/enroll/{}", encode(id), encode(group_id)));
        mutation::<EnrollResult, ()>(rt, t::call::enroll_in_linked_membership(), "POST", url, None)
    }
}

/// A global customer's deployments.
pub mod deployments {
    use super::*;

    fn of(rt: &Runtime, customer: &str) -> String {
        rt.vipmp_url(&format!("/v3/customers/{}/deployments", encode(customer)))
    }
    pub fn list(rt: &Runtime, customer: &str, filters: &[(&str, String)]) -> Endpoint<DeploymentPage> {
        read(rt, t::call::list_deployments(), format!("{}{}", of(rt, customer), query(filters)))
    }
    pub fn get(rt: &Runtime, customer: &str, id: &str) -> Endpoint<Deployment> {
        read(rt, t::call::get_deployment(), format!("{}/{}", of(rt, customer), encode(id)))
    }
    pub fn create(rt: &Runtime, customer: &str, body: &DeploymentRequest) -> Endpoint<Deployment> {
        mutation(rt, t::call::create_deployment(), "POST", of(rt, customer), Some(body))
    }
    pub fn update(rt: &Runtime, customer: &str, id: &str, body: &DeploymentRequest) -> Endpoint<Deployment> {
        let url = format!("{}/{}", of(rt, customer), encode(id));
        mutation(rt, t::call::update_deployment(), "PATCH", url, Some(body))
    }
}

/// LGA linked membership groups.
pub mod linked_memberships {
    use super::*;

    pub fn search(rt: &Runtime, country: &str, name: &str) -> Endpoint<LinkedMembershipGroupSearch> {
        read(
            rt,
            t::call::search_linked_memberships(),
            rt.vipmp_url(&format!(
                "/v3/linked_membership_groups{}",
                query(&[("country", country.into()), ("name", name.into())])
            )),
        )
    }
}

/// Orders.
pub mod orders {
    use super::*;

    /// Any order request: previews ask for prices (and, but for the switches', recommendations).
    pub fn create(rt: &Runtime, customer_id: &str, body: &OrderRequest) -> Endpoint<Order> {
        create_with(rt, customer_id, body, false)
    }

    /// A SWITCH (or REVERT_SWITCH), or its preview, moving the users of a teams subscription
    /// with its licenses (`reassign-users=true`) when `reassign_users`.
    pub fn switch(rt: &Runtime, customer_id: &str, body: &OrderRequest, reassign_users: bool) -> Endpoint<Order> {
        create_with(rt, customer_id, body, reassign_users)
    }

    fn create_with(rt: &Runtime, customer_id: &str, body: &OrderRequest, reassign_users: bool) -> Endpoint<Order> {
        let name = match body {
            OrderRequest::New { .. } => t::call::place_order(),
            OrderRequest::Preview { .. } => t::call::preview_order(),
            OrderRequest::Return { .. } => t::call::return_order(),
            OrderRequest::PreviewRenewal | OrderRequest::RenewalPreview { .. } => t::call::preview_renewal(),
            OrderRequest::Renewal { .. } => t::call::renew(),
            OrderRequest::PreviewSwitch(_) => t::call::preview_upgrade(),
            OrderRequest::Switch(_) => t::call::upgrade(),
            OrderRequest::PreviewRevertSwitch(_) => t::call::preview_undoing_an_upgrade(),
            OrderRequest::RevertSwitch(_) => t::call::undo_upgrade(),
        };
        let url = rt.vipmp_url(&format!("/v3/customers/{}/orders", encode(customer_id)));
        match body {
            // A preview is where a reseller sees what the order costs, and what else would
            // serve the customer: always with prices and recommendations.
            OrderRequest::Preview { .. } | OrderRequest::PreviewRenewal | OrderRequest::RenewalPreview { .. } => {
                preview(rt, name, format!("{url}?fetch-price=true&fetch-recommendations=true"), body)
            }
            // With the users, so a path that cannot move them is refused at the preview (2154).
            OrderRequest::PreviewSwitch(_) | OrderRequest::PreviewRevertSwitch(_) if reassign_users => {
                preview(rt, name, format!("{url}?fetch-price=true&reassign-users=true"), body)
            }
            OrderRequest::PreviewSwitch(_) | OrderRequest::PreviewRevertSwitch(_) => {
                preview(rt, name, format!("{url}?fetch-price=true"), body)
            }
            OrderRequest::Switch(_) | OrderRequest::RevertSwitch(_) if reassign_users => {
                mutation(rt, name, "POST", format!("{url}?reassign-users=true"), Some(body))
            }
            OrderRequest::New { .. }
            | OrderRequest::Return { .. }
            | OrderRequest::Renewal { .. }
            | OrderRequest::Switch(_)
            | OrderRequest::RevertSwitch(_) => mutation(rt, name, "POST", url, Some(body)),
        }
    }

    /// The upgrade paths of one subscription of the customer.
    pub fn switch_paths(rt: &Runtime, customer_id: &str, subscription_id: &str) -> Endpoint<SwitchPathPage> {
        let filters = [("customer-id", customer_id.to_string()), ("subscription-id", subscription_id.to_string())];
        read(rt, t::call::get_upgrade_paths(), rt.vipmp_url(&format!("/v3/offer-switch-paths{}", query(&filters))))
    }
    /// One order, with its prices once it is complete (`fetch-price=true`).
    pub fn get(rt: &Runtime, customer_id: &str, order_id: &str) -> Endpoint<Order> {
        read(
            rt,
            t::call::get_order(),
            rt.vipmp_url(&format!(
                "/v3/customers/{}/orders/{}?fetch-price=true",
                encode(customer_id),
                encode(order_id)
            )),
        )
    }
    pub fn update(rt: &Runtime, customer_id: &str, order_id: &str, body: &OrderUpdateRequest) -> Endpoint<Order> {
        mutation(
            rt,
            t::call::update_order_reference(),
            "PATCH",
            rt.vipmp_url(&format!("/v3/customers/{}/orders/{}", encode(customer_id), encode(order_id))),
            Some(body),
        )
    }
    /// `filters` may repeat keys (`order-type`, `status`, `offer-id`: OR within, AND across).
    pub fn history(rt: &Runtime, customer_id: &str, filters: &[(&str, String)]) -> Endpoint<OrderHistoryPage> {
        read(
            rt,
            t::call::get_order_history(),
            rt.vipmp_url(&format!("/v3/customers/{}/orders{}", encode(customer_id), query(filters))),
        )
    }
    /// The customer's orders of `order_type` still being processed (1002), which the API takes
    /// no other of meanwhile (a renewal, an upgrade of the same subscription).
    pub fn open(rt: &Runtime, customer_id: &str, order_type: &str) -> Endpoint<OrderHistoryPage> {
        let filters = [("order-type", order_type.to_string()), ("status", "1002".to_string()), ("limit", "100".into())];
        history(rt, customer_id, &filters)
    }
}

/// Subscriptions.
pub mod subscriptions {
    use super::*;

    pub fn list(rt: &Runtime, customer_id: &str) -> Endpoint<SubscriptionList> {
        list_as(rt, customer_id)
    }
    /// [`list`] read only for what the customer hub draws.
    pub fn summaries(rt: &Runtime, customer_id: &str) -> Endpoint<SubscriptionSummaryList> {
        list_as(rt, customer_id)
    }
    fn list_as<L>(rt: &Runtime, customer_id: &str) -> Endpoint<L> {
        read(
            rt,
            t::call::list_subscriptions(),
            rt.vipmp_url(&format!("/v3/customers/{}/subscriptions", encode(customer_id))),
        )
    }
    pub fn get(rt: &Runtime, customer_id: &str, id: &str) -> Endpoint<Subscription> {
        read(rt, t::call::get_subscription(), rt.vipmp_url(&one(customer_id, id)))
    }
    pub fn create(rt: &Runtime, customer_id: &str, body: &SubscriptionCreateRequest) -> Endpoint<Subscription> {
        mutation(
            rt,
            t::call::create_subscription(),
            "POST",
            rt.vipmp_url(&format!("/v3/customers/{}/subscriptions", encode(customer_id))),
            Some(body),
        )
    }
    /// The path of the customer's subscription `id`.
    fn one(customer_id: &str, id: &str) -> String {
        format!("/v3/customers/{}/subscriptions/{}", encode(customer_id), encode(id))
    }
    pub fn update_auto_renewal(
        rt: &Runtime,
        customer_id: &str,
        id: &str,
        body: &SubscriptionUpdateRequest,
    ) -> Endpoint<Subscription> {
        mutation(rt, t::call::update_autorenewal(), "PATCH", rt.vipmp_url(&one(customer_id, id)), Some(body))
    }
    /// Removes the flexible discount the subscription carries into its renewal (no body).
    pub fn remove_renewal_discount(rt: &Runtime, customer_id: &str, id: &str) -> Endpoint<Subscription> {
        let url = rt.vipmp_url(&format!("{}?reset-flex-discount-codes=true", one(customer_id, id)));
        mutation::<_, ()>(rt, t::call::remove_renewal_discount(), "PATCH", url, None)
    }
    /// Takes the subscription out of its High Growth offer, keeping the auto-renewal `body`
    /// says (the docs send the setting with it).
    pub fn remove_renewal_code(
        rt: &Runtime,
        customer_id: &str,
        id: &str,
        body: &SubscriptionUpdateRequest,
    ) -> Endpoint<Subscription> {
        let url = rt.vipmp_url(&format!("{}?reset-renewal-code=true", one(customer_id, id)));
        mutation(rt, t::call::remove_renewal_code(), "PATCH", url, Some(body))
    }
}

/// Reseller changes.
pub mod transfers {
    use super::*;

    /// PREVIEW or COMMIT, by the request's action.
    pub fn reseller_change(rt: &Runtime, body: &ResellerChangeRequest) -> Endpoint<ResellerChangeTransfer> {
        if body.action == ResellerChangeAction::Commit {
            mutation(rt, t::call::commit_reseller_change(), "POST", rt.vipmp_url("/v3/transfers"), Some(body))
        } else {
            preview(rt, t::call::preview_reseller_change(), rt.vipmp_url("/v3/transfers"), body)
        }
    }
    pub fn get(rt: &Runtime, id: &str) -> Endpoint<ResellerChangeTransfer> {
        read(rt, t::call::get_reseller_change(), rt.vipmp_url(&format!("/v3/transfers/{}", encode(id))))
    }
}

/// VIP → VIPMP membership transfers.
pub mod memberships {
    use super::*;

    fn switches(ignore_order_return: bool, expire_open_pas: bool) -> String {
        format!("?ignore-order-return={ignore_order_return}&expire-open-pas={expire_open_pas}")
    }
    pub fn offers(
        rt: &Runtime,
        id: &str,
        ignore_order_return: bool,
        expire_open_pas: bool,
    ) -> Endpoint<MembershipOffersPreview> {
        read(
            rt,
            t::call::preview_membership_offers(),
            rt.vipmp_url(&format!(
                "/v3/memberships/{}/offers{}",
                encode(id),
                switches(ignore_order_return, expire_open_pas)
            )),
        )
    }
    pub fn transfer(
        rt: &Runtime,
        id: &str,
        reseller_id: &str,
        ignore_order_return: bool,
        expire_open_pas: bool,
    ) -> Endpoint<MembershipTransfer> {
        let url = rt.vipmp_url(&format!(
            "/v3/memberships/{}/transfers{}",
            encode(id),
            switches(ignore_order_return, expire_open_pas)
        ));
        mutation(
            rt,
            t::call::transfer_membership(),
            "POST",
            url,
            Some(&MembershipTransferRequest { reseller_id: reseller_id.into() }),
        )
    }
    pub fn get_transfer(rt: &Runtime, id: &str, transfer_id: &str) -> Endpoint<MembershipTransfer> {
        read(
            rt,
            t::call::get_membership_transfer(),
            rt.vipmp_url(&format!("/v3/memberships/{}/transfers/{}", encode(id), encode(transfer_id))),
        )
    }
}

/// Notifications.
pub mod notifications {
    use super::*;

    pub fn licenses_pending(rt: &Runtime, reseller_id: &str, limit: u32, offset: u64) -> Endpoint<Notifications> {
        let q = query(&[
            ("notification-type", "LICENSES_PENDING_PARTNER_ORDER".into()),
            ("reseller-id", reseller_id.into()),
            ("limit", limit.to_string()),
            ("offset", offset.to_string()),
        ]);
        read(rt, t::call::get_notifications(), rt.vipmp_url(&format!("/v3/notifications{q}")))
    }
}

/// VMware Cloud Partner Navigator.
pub mod distributor_subscriptions {
    use super::*;

    /// Searches the configured distributor organization's subscriptions (a read: it changes nothing).
    pub fn search(
        rt: &Runtime,
        body: &DistributorSubscriptionSearch,
        limit: u32,
        offset: u64,
    ) -> Endpoint<DistributorSubscriptionPage> {
        let url = rt.cpn_url(&format!(
            "/cphub/api/seller/v1/distributors/{}/subscriptions/search?limit={limit}&offset={offset}",
            encode(&rt.config.cpn_org_id)
        ));
        post_read(rt, t::call::search_distributor_subscriptions(), url, body)
    }
}

/// Fetch Recommendations.
pub mod recommendations {
    use super::*;
    use partner_model::types::{LeadsAnswer, RecommendationRequest};

    /// The leads Adobe's agents left for `customer_id` (overlay recommendations), read from a
    /// GENERIC request (the default context) for the customer's own country and language.
    pub fn leads(rt: &Runtime, customer_id: &str) -> Endpoint<LeadsAnswer> {
        let body = RecommendationRequest { customer_id: customer_id.to_string(), ..RecommendationRequest::default() };
        post_read(rt, t::call::fetch_recommendations(), rt.vipmp_url("/v3/recommendations"), &body)
    }
}

/// Price lists.
pub mod price_lists {
    use super::*;

    /// A page of the price list `body` asks for (a read sent as a POST).
    pub fn fetch(rt: &Runtime, body: &PriceListRequest, limit: u32, offset: u64) -> Endpoint<PriceListPage> {
        page(rt, body, limit, offset)
    }

    /// [`fetch`] read only for its offers' ids and product names (the catalog's names): the
    /// pages that name offers need no decoder for the rest of each offer.
    pub fn names(rt: &Runtime, body: &PriceListRequest, limit: u32, offset: u64) -> Endpoint<PriceListNames> {
        page(rt, body, limit, offset)
    }

    fn page<P>(rt: &Runtime, body: &PriceListRequest, limit: u32, offset: u64) -> Endpoint<P> {
        post_read(
            rt,
            t::call::fetch_price_list(),
            rt.vipmp_url(&format!("/v3/pricelist?offset={offset}&limit={limit}")),
            body,
        )
    }
}

/// Flexible discounts: the open ones for a market segment and country, and a customer's.
pub mod flex_discounts {
    use super::*;
    use partner_model::types::FlexDiscountPage;

    /// `filters`: `market-segment` and `country` (required), then any documented filter.
    pub fn list(rt: &Runtime, filters: &[(&str, String)]) -> Endpoint<FlexDiscountPage> {
        read(rt, t::call::get_flexible_discounts(), rt.vipmp_url(&format!("/v3/flex-discounts{}", query(filters))))
    }
    /// [`list`] of the open discounts of `segment` in `country`, `limit` from `offset` (the
    /// order form's read; index.html sends its first page early for placing an order).
    pub fn open(rt: &Runtime, segment: &str, country: &str, limit: u32, offset: u64) -> Endpoint<FlexDiscountPage> {
        list(
            rt,
            &[
                ("market-segment", segment.to_string()),
                ("country", country.to_string()),
                ("limit", limit.to_string()),
                ("offset", offset.to_string()),
            ],
        )
    }
    pub fn of_customer(rt: &Runtime, customer_id: &str, limit: u32, offset: u64) -> Endpoint<FlexDiscountPage> {
        read(
            rt,
            t::call::get_flexible_discounts_of_a(),
            rt.vipmp_url(&format!(
                "/v3/customers/{}/flex-discounts?limit={limit}&offset={offset}",
                encode(customer_id)
            )),
        )
    }
}

/// The gateway's audit trail: who changed what, for every browser.
pub mod audit {
    use super::*;
    use partner_model::audit::AuditPage;

    /// A page of entries matching `filters` (`user`, `reseller`, `customer`, `from`, `to`,
    /// `offset`, `limit`) that the signed-in user may see, newest first.
    pub fn list(rt: &Runtime, filters: &[(&str, String)]) -> Endpoint<AuditPage> {
        read(rt, t::call::load_the_audit_trail(), rt.gateway_url(&format!("api/audit{}", query(filters))))
    }
}
