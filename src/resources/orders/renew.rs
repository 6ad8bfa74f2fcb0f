//! Renewing by hand, on the renewal page: early (in the 30 days before the renewal date, some or
//! all licenses, invoiced at once) or late (in the 14 days after it, up to the licenses held).
//! One row per active license subscription with how many licenses to renew (0 leaves it out;
//! early, more than is left adds licenses for the next term, "New products and extra seats
//! allowed", while nothing is renewed yet or once everything is: a subscription renewed in
//! full still has its row for them, and one renewed in part renews the rest first,
//! [`renewals::most`]);
//! t::renew::preview() asks the API (PREVIEW_RENEWAL with lines, priced), which says the level
//! the customer will have after renewal; "Place renewal order" sends the RENEWAL of exactly the
//! previewed lines and opens the order, which follows it. A row may carry a flexible discount
//! code: the preview verifies it (a refused code is shown at its row) and prices the line with
//! it, and the renewal order carries the code the preview took. Below the rows, the discounts
//! the customer can use (as when placing an order) put their code on the rows of their
//! products. Part of a subscription's licenses goes
//! in an order of its own (3121: "existing licenses must be fully renewed to current term
//! quantity before being combined"): with other rows, each partial row says so before sending.
//! Outside both windows the page says
//! when renewing by hand opens. While a renewal order is still being processed the page lists
//! it and offers no other: the API takes the next renewal order only once the one before is
//! complete (the manual-renewals page's key rules; 4122 otherwise).

use super::discounts::Discounts;
use super::place::PreviewResult;
use super::unanswered::Unanswered;
use crate::api::calls::orders;
use crate::catalog::product_of;
use crate::components::detail::{day, now};
use crate::components::form::{
    check_path, rows, trimmed as g, BusyButton, DraftNotice, FormScope, FormState, TextField, Values,
};
use crate::components::submit::{use_preview, use_preview_submission, SubmissionError};
use crate::components::table::DataTable;
use crate::i18n::t;
use crate::resources::{fetch, runtime};
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::rules::order_requests::ENTERPRISE_MAX_QUANTITY;
use partner_model::rules::renewals::{self, renewable, window_at, Window, EARLY_DAYS, LATE_DAYS};
use partner_model::rules::validators::Invalid;
use partner_model::rules::FieldError;
use partner_model::time::{date, parse, DAY};
use partner_model::types::{CommitmentStatus, Customer, LineItemRequest, Order, OrderRequest, Status, Subscription};

const LINES: &str = "lineItems";
/// A line's flexible discount code ("Apply flexible discounts when placing manual renewal
/// orders"): the preview verifies it and prices the line with it; the renewal order carries
/// the previewed line's code.
const CODE: &str = "flexDiscountCodes[0]";

fn is_license(s: &Subscription) -> bool {
    !crate::resources::customers::hub::is_consumables(&s.offer_id)
}

/// The renewal date the page renews by hand at `now` ([`renewals::renewal_date`]); with no
/// license active or lapsed in the window, the date the licenses lapsed last.
fn renewal_date(subs: &[Subscription], now: u64) -> Option<u64> {
    let licenses = subs.iter().filter(|s| is_license(s));
    renewals::renewal_date(licenses.clone(), now).or_else(|| licenses.filter_map(|s| parse(&s.renewal_date)).max())
}

/// The lines a page was opened with (`?line=OFFER:QUANTITY`, a lead to renew's): an offer id
/// and a quantity, 0 when none was given (or one that is not a number), which starts its row at
/// everything left.
pub fn asked_lines(query: &[String]) -> Vec<(String, u64)> {
    query
        .iter()
        .map(|line| match line.rsplit_once(':') {
            Some((offer, quantity)) => (offer.trim().to_string(), quantity.trim().parse().unwrap_or(0)),
            None => (line.trim().to_string(), 0),
        })
        .filter(|(offer, _)| !offer.is_empty())
        .collect()
}

/// The first row of each product `asked` names (the product of an offer id, so a lead's level
/// or edition need not be the subscription's), with the quantity asked of it: 0 when a line
/// gave none. The products that have no row are left out; [`not_held`] names them.
fn asked_rows(subs: &[(Subscription, u64)], asked: &[(String, u64)]) -> Vec<(usize, u64)> {
    let mut rows: Vec<(usize, u64)> = Vec::new();
    for (offer, quantity) in asked {
        let product = product_of(offer);
        let Some(i) = subs.iter().position(|(s, _)| product_of(&s.offer_id) == product) else { continue };
        match rows.iter_mut().find(|(row, _)| *row == i) {
            Some((_, q)) => *q = q.saturating_add(*quantity),
            None => rows.push((i, *quantity)),
        }
    }
    rows
}

/// The offer ids of `asked` whose product has no row to renew.
fn not_held(subs: &[(Subscription, u64)], asked: &[(String, u64)]) -> Vec<String> {
    let held = |offer: &str| subs.iter().any(|(s, _)| product_of(&s.offer_id) == product_of(offer));
    asked.iter().filter(|(offer, _)| !held(offer)).map(|(offer, _)| offer.clone()).collect()
}

/// The rows of `subs`, each with what it has left to renew, and the most a row may ask in
/// `window` ([`renewals::most`]; early, the product's line limit, which the API checks by
/// edition). Each row starts at everything it has left; with lines `asked` (a lead to renew's),
/// the rows of their products start at the quantities asked (everything left for a line that
/// gave none) and the others at 0.
fn start_values(subs: &[(Subscription, u64)], window: Window, asked: &[(String, u64)]) -> Values {
    let mut v = Values::new();
    let from_lead = asked_rows(subs, asked);
    for (i, (s, left)) in subs.iter().enumerate() {
        let most = renewals::most(window, *left, s.renewed_quantity.unwrap_or(0)).unwrap_or(ENTERPRISE_MAX_QUANTITY);
        let quantity = match from_lead.iter().find(|(row, _)| *row == i) {
            Some((_, 0)) => *left,
            Some((_, q)) => *q,
            None if asked.is_empty() => *left,
            None => 0,
        };
        v.insert(format!("{LINES}[{i}].most"), most.to_string());
        v.insert(format!("{LINES}[{i}].extLineItemNumber"), (i + 1).to_string());
        v.insert(format!("{LINES}[{i}].offerId"), s.offer_id.clone());
        v.insert(format!("{LINES}[{i}].subscriptionId"), s.subscription_id.clone());
        v.insert(format!("{LINES}[{i}].quantity"), quantity.to_string());
        v.insert(format!("{LINES}[{i}].left"), left.to_string());
    }
    rows::set_count(&mut v, LINES, subs.len());
    v
}

/// The rows to renew, each with its quantity: every row with a quantity above 0.
fn sent(v: &Values) -> impl Iterator<Item = (usize, u64)> + '_ {
    (0..rows::count(v, LINES))
        .filter_map(|i| Some((i, g(v, &format!("{LINES}[{i}].quantity")).parse().ok().filter(|q| *q > 0)?)))
}

/// The lines to renew.
fn lines_of(v: &Values) -> Vec<LineItemRequest> {
    sent(v)
        .map(|(i, quantity)| LineItemRequest {
            ext_line_item_number: g(v, &format!("{LINES}[{i}].extLineItemNumber")).parse().unwrap_or(u32::MAX),
            offer_id: g(v, &format!("{LINES}[{i}].offerId")),
            quantity,
            subscription_id: g(v, &format!("{LINES}[{i}].subscriptionId")),
            flex_discount_codes: super::codes_at(v, &format!("{LINES}[{i}].{CODE}")),
            ..Default::default()
        })
        .collect()
}

fn check(v: &Values) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for i in 0..rows::count(v, LINES) {
        let path = format!("{LINES}[{i}].quantity");
        let max: i64 = g(v, &format!("{LINES}[{i}].most")).parse().unwrap_or(0);
        let quantity = g(v, &path).parse::<i64>();
        if !quantity.as_ref().is_ok_and(|q| (0..=max).contains(q)) {
            errors.push(FieldError::new(path, Invalid::OutOfRange { min: 0, max }));
        }
        // A row not renewed (0) sends no code, so its code holds nothing back.
        if quantity.is_ok_and(|q| q > 0) {
            errors.extend(check_path(v, &format!("{LINES}[{i}].{CODE}")));
        }
    }
    if !errors.is_empty() {
        return errors;
    }
    // The rows sent (a quantity above 0) with what each has left; a partial one goes alone.
    let sent: Vec<(usize, u64, u64)> =
        sent(v).map(|(i, quantity)| (i, quantity, g(v, &format!("{LINES}[{i}].left")).parse().unwrap_or(0))).collect();
    if sent.is_empty() {
        errors.push(FieldError::new(LINES, Invalid::Explained(t::renew::at_least_one().into())));
    }
    let amounts: Vec<(u64, Option<u64>)> = sent.iter().map(|&(_, quantity, left)| (quantity, Some(left))).collect();
    for (i, _, left) in renewals::partial_with_others(&amounts).into_iter().filter_map(|k| sent.get(k)) {
        let text = t::renew::partial_alone(*left);
        errors.push(FieldError::new(format!("{LINES}[{i}].quantity"), Invalid::Explained(text)));
    }
    errors
}

/// The notice of a renewal sent from this tab whose answer never came, if there is one, with
/// `form`'s state while it is sent again.
fn unanswered(form: FormState, customer: &str) -> impl IntoView {
    let probe = OrderRequest::Renewal {
        external_reference_id: String::new(),
        currency_code: String::new(),
        line_items: Vec::new(),
    };
    view! { <Unanswered form customer=customer.to_string() probe what=t::unanswered::renewal()/> }
}

/// The note over rows started from a lead to renew: where their quantities came from, and the
/// lead's products that have no license to renew here, by name. With `bring_into_view`, the
/// section is brought into the window once drawn: it comes below the auto-renewal's lines and
/// adding a product, and the reseller came for it.
fn from_lead(not_held: Vec<String>, bring_into_view: bool) -> impl IntoView {
    // A frame later: the page's data arrived in this task, and is in the document by then.
    Effect::new(move |_| {
        if bring_into_view {
            request_animation_frame(|| {
                if let Some(title) = document().get_element_by_id("renew-title") {
                    title.scroll_into_view();
                }
            })
        }
    });
    let names = crate::catalog::catalog();
    let missing = (!not_held.is_empty()).then(|| {
        let products = move || {
            let named: Vec<String> = not_held.iter().map(|o| names.name(o).unwrap_or_else(|| o.clone())).collect();
            t::renew::lead_not_held(named.join(", "))
        };
        view! { " " {products} }
    });
    view! { <p class="notice" role="note">{t::renew::from_lead()} {missing}</p> }
}

/// The manual renewal section of the renewal page; `open` are the customer's RENEWAL orders
/// still being processed, which no other renewal order may follow until they complete.
#[component]
pub fn ManualRenewal(
    subs: Vec<Subscription>,
    open: Vec<Order>,
    customer: String,
    /// The customer's record: its segment and country say which discounts it can use.
    record: Customer,
    /// Lines to start the rows from ([`asked_lines`]: a lead to renew's), if any.
    #[prop(optional)]
    asked: Vec<(String, u64)>,
    /// Whether to bring the section into the window once drawn (the first time the page
    /// shows rows started from lines, not when it is read again).
    #[prop(optional)]
    bring_into_view: bool,
) -> impl IntoView {
    let Some(renewal) = renewal_date(&subs, now()) else {
        return view! { <p>{t::renew::none()}</p> }.into_any();
    };
    // Dates as the reseller's language writes them.
    let when = |ms: u64| day(&date(ms));
    let opens = when(renewal.saturating_sub(EARLY_DAYS * DAY));
    let Some(window) = window_at(renewal, now()) else {
        let text = if now() < renewal {
            t::renew::Opens { opens, renewal: when(renewal) }.text()
        } else {
            t::renew::closed(when(renewal))
        };
        return view! {
            <section class="facts-section" aria-labelledby="renew-title">
                <h2 id="renew-title">{t::renew::title()}</h2>
                <p>{text}</p>
            </section>
        }
        .into_any();
    };
    let explain = match window {
        // After the term's first early renewal the anniversary has moved already.
        Window::Early if subs.iter().any(|s| is_license(s) && s.renewed_quantity.unwrap_or(0) > 0) => {
            t::renew::early_again(when(renewal.saturating_sub(DAY)))
        }
        Window::Early => t::renew::early(when(renewal.saturating_sub(DAY))),
        Window::Late => t::renew::late(when(renewal + LATE_DAYS * DAY)),
    };
    if !open.is_empty() {
        // A renewal sent from this tab whose answer never came may be the one open: the notice
        // asks the API what became of it, as beside the form.
        let unanswered = unanswered(FormState::new(Values::new(), |_: &Values| Vec::new(), None), &customer);
        return view! {
            <section class="facts-section" aria-labelledby="renew-title">
                <h2 id="renew-title">{t::renew::title()}</h2>
                <p>{explain}</p>
                {unanswered}
                <p>{t::renew::in_progress()}</p>
                <DataTable caption=t::renew::in_progress_caption().to_string() show_caption=true columns=super::history::COLUMNS rows=open empty=""/>
            </section>
        }
        .into_any();
    }
    // "Not allowed in the final term of a three-year commitment (3YC) unless the customer
    // recommits" (3133): the page says so, and how to recommit, rather than a form Adobe
    // refuses. A recommitment asked for waits for the customer to accept it.
    if window == Window::Early && renewals::final_commit_term(&record, renewal) {
        let asked = record
            .three_year_commit()
            .and_then(|b| b.recommitment_request.as_ref())
            .is_some_and(|r| r.status == Some(CommitmentStatus::Requested));
        return view! {
            <section class="facts-section" aria-labelledby="renew-title">
                <h2 id="renew-title">{t::renew::title()}</h2>
                <p class="notice" role="note">{t::renew::final_term()}</p>
                {if asked {
                    view! { <p>{t::renew::recommit_asked()}</p> }.into_any()
                } else {
                    view! { <A href=To::Benefits(&customer).href() attr:class="button">{t::renew::recommit()}</A> }.into_any()
                }}
            </section>
        }
        .into_any();
    }
    // Late, the licenses that lapsed in the window with some to renew: inactive ones too.
    // Early, every active license, renewed in full or not: more may be added to any.
    let licenses: Vec<(Subscription, u64)> = subs
        .into_iter()
        .filter(|s| is_license(s) && (s.status == Status::Active || window == Window::Late))
        .filter(|s| window == Window::Early || renewals::lapsed(s, now()))
        .map(|s| {
            let left = renewable(&s, window);
            (s, left)
        })
        .filter(|(_, left)| window == Window::Early || *left > 0)
        .collect();
    let all_renewed = window == Window::Early && !licenses.is_empty() && licenses.iter().all(|(_, left)| *left == 0);
    let rt = runtime();
    // A draft, so a reload (or a failure) keeps what the reseller chose to renew. Its rows
    // name subscriptions and their licenses left: a draft of other rows (a subscription
    // renewed elsewhere since, or a new one) is not put onto these, so its key says which.
    let start = start_values(&licenses, window, &asked);
    let not_held = not_held(&licenses, &asked);
    let rows: Vec<&str> = start.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]).collect();
    let draft = format!("renew-{customer}-{:016x}", crate::api::policy::fingerprint(&rows));
    let form = FormState::new(start, check, Some(draft));
    let preview = use_preview::<Order>(form);
    let c2 = customer.clone();
    let submission = use_preview_submission(
        form,
        move |v| {
            let request = OrderRequest::RenewalPreview {
                external_reference_id: String::new(),
                currency_code: String::new(),
                line_items: lines_of(&v),
            };
            let endpoint = orders::create(&rt, &c2, &request);
            async move { fetch(endpoint).await.map(|o| (v, o)) }
        },
        move |answer: (Values, Order)| preview.set(Some(answer)),
    );
    let lines_error = Signal::derive(move || form.error(LINES, false));
    // The discounts the customer can use, in the licenses' currency, each put on the rows of
    // its products by a click (as when placing an order).
    let currency = licenses.first().map(|(s, _)| s.currency_code.clone()).unwrap_or_default();
    let (record, currency) = (Signal::stored(Some(record)), Signal::stored(currency));
    let names = crate::catalog::catalog();
    view! {
        <FormScope form=form>
            <section class="facts-section" aria-labelledby="renew-title">
                <h2 id="renew-title">{t::renew::title()}</h2>
                <p>{explain}</p>
                {unanswered(form, &customer)}
                {all_renewed.then(|| view! { <p>{t::renew::all_renewed()}</p> })}
                {if licenses.is_empty() {
                    view! { <p>{t::renew::none()}</p> }.into_any()
                } else {
                    view! {
                        <form novalidate on:submit=move |ev| submission.submit(ev)>
                            <DraftNotice/>
                            {(!asked.is_empty()).then(|| from_lead(not_held, bring_into_view))}
                            <p class="field-error" aria-live="polite">{move || lines_error.get()}</p>
                            {licenses.iter().enumerate().map(|(i, (s, left))| {
                                let offer = s.offer_id.clone();
                                let name = move || names.name(&offer).unwrap_or_else(|| t::renew::subscription().into());
                                let held = s.current_quantity.unwrap_or(0);
                                let hint = match window {
                                    Window::Early if *left == 0 => t::renew::row_renewed(held),
                                    // Nothing renewed yet: all of it, and more seats if wanted.
                                    Window::Early if s.renewed_quantity.unwrap_or(0) == 0 => {
                                        t::renew::EarlyUpTo { held, left: *left }.text()
                                    }
                                    // Part renewed: the rest first.
                                    Window::Early | Window::Late => t::renew::UpTo { held, left: *left }.text(),
                                };
                                view! {
                                    <div class="row line">
                                        <h3 class="row-title"><span translate="no">{name}</span> " " <code>{s.subscription_id.clone()}</code></h3>
                                        <TextField path=format!("{LINES}[{i}].quantity") label=t::renew::licenses() kind="number" hint/>
                                        <TextField path=format!("{LINES}[{i}].{CODE}") hint=t::renew::discount_hint()/>
                                    </div>
                                }
                            }).collect_view()}
                            <Discounts customer=record currency/>
                            <SubmissionError submission/>
                            <div class="actions"><BusyButton label=t::renew::preview() busy=submission.busy/></div>
                        </form>
                    }.into_any()
                }}
                {move || preview.get().map(|(values, order)| view! { <PreviewResult values order customer=customer.clone() renewal=true/> })}
            </section>
        </FormScope>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_no_license_active_or_just_lapsed_the_page_names_when_they_lapsed() {
        let now = parse("2026-12-06T09:00:00Z").unwrap_or_default();
        let lapsed = |id: &str, renews: &str| Subscription {
            subscription_id: id.into(),
            offer_id: "65304479CA01A12".into(),
            current_quantity: Some(5),
            renewal_date: renews.into(),
            status: Status::Inactive,
            ..Subscription::default()
        };
        let subs = [lapsed("A", "2026-10-01"), lapsed("B", "2026-11-01")];
        assert_eq!(renewal_date(&subs, now), parse("2026-11-01"));
        assert_eq!(window_at(parse("2026-11-01").unwrap_or_default(), now), None, "closed: the page says so");
    }

    fn sub(id: &str) -> Subscription {
        Subscription { subscription_id: id.into(), offer_id: "65304479CA01A12".into(), ..Subscription::default() }
    }

    #[test]
    fn a_line_sends_its_discount_code_checked_and_trimmed() {
        let mut v = start_values(&[(sub("A"), 10), (sub("B"), 4)], Window::Early, &[]);
        v.insert(format!("{LINES}[0].{CODE}"), " ACROBAT_20_OFF ".into());
        v.insert(format!("{LINES}[1].{CODE}"), " ".into());
        assert_eq!(check(&v), Vec::new());
        let codes: Vec<Vec<String>> = lines_of(&v).into_iter().map(|l| l.flex_discount_codes).collect();
        assert_eq!(codes, vec![vec!["ACROBAT_20_OFF".to_string()], Vec::new()], "a blank code is none");
        v.insert(format!("{LINES}[1].{CODE}"), "<b>".into());
        let problems: Vec<String> = check(&v).into_iter().map(|e| e.path).collect();
        assert_eq!(problems, vec![format!("{LINES}[1].{CODE}")]);
        // A row not renewed sends no code: its code is not held against the others.
        v.insert(format!("{LINES}[1].quantity"), "0".into());
        assert_eq!(check(&v), Vec::new());
        assert_eq!(lines_of(&v).len(), 1);
    }

    #[test]
    fn part_of_a_subscription_is_renewed_alone() {
        let mut v = start_values(&[(sub("A"), 10), (sub("B"), 4)], Window::Early, &[]);
        assert_eq!(check(&v), Vec::new(), "everything left, in one order");
        v.insert(format!("{LINES}[0].quantity"), "2".into());
        let problems: Vec<String> = check(&v).into_iter().map(|e| e.path).collect();
        assert_eq!(problems, vec![format!("{LINES}[0].quantity")], "2 of 10, with B's 4");
        v.insert(format!("{LINES}[1].quantity"), "0".into());
        assert_eq!(check(&v), Vec::new(), "2 of 10 alone");
        assert_eq!(lines_of(&v).iter().map(|l| l.quantity).collect::<Vec<_>>(), vec![2]);
    }

    #[test]
    fn early_a_row_may_add_licenses_beyond_what_is_left_and_late_not() {
        let quantity = |v: &mut Values, i: usize, q: &str| v.insert(format!("{LINES}[{i}].quantity"), q.into());
        let problems = |v: &Values| check(v).into_iter().map(|e| e.path).collect::<Vec<String>>();
        let mut early = start_values(&[(sub("A"), 10), (sub("B"), 0)], Window::Early, &[]);
        assert_eq!(g(&early, &format!("{LINES}[1].quantity")), "0", "renewed in full: nothing asked at first");
        quantity(&mut early, 0, "15");
        quantity(&mut early, 1, "3");
        assert_eq!(check(&early), Vec::new(), "all ten and five more, with three more of B");
        assert_eq!(lines_of(&early).iter().map(|l| l.quantity).collect::<Vec<_>>(), vec![15, 3]);
        quantity(&mut early, 0, &(ENTERPRISE_MAX_QUANTITY + 1).to_string());
        assert_eq!(problems(&early), vec![format!("{LINES}[0].quantity")], "the line limit still holds");
        // Part renewed already: the rest first, no more.
        let part = Subscription { renewed_quantity: Some(4), ..sub("A") };
        let mut partly = start_values(&[(part, 6)], Window::Early, &[]);
        quantity(&mut partly, 0, "7");
        assert_eq!(problems(&partly), vec![format!("{LINES}[0].quantity")], "6 left, 4 renewed");
        quantity(&mut partly, 0, "6");
        assert_eq!(check(&partly), Vec::new());
        let mut late = start_values(&[(sub("A"), 10)], Window::Late, &[]);
        quantity(&mut late, 0, "11");
        assert_eq!(problems(&late), vec![format!("{LINES}[0].quantity")], "late: at most what was held");
        quantity(&mut late, 0, "10");
        assert_eq!(check(&late), Vec::new());
    }

    #[test]
    fn a_leads_lines_start_the_rows_of_their_products_and_the_others_at_nothing() {
        let asked = asked_lines(&[
            // Another level of A's product, five more than it has left.
            "65304479CA03A12:15".into(),
            // No quantity: everything left.
            "65322651CA01A12".into(),
            " 65322651CA01A12:not a number ".into(),
            "30006208CA01A12:3".into(),
            ":4".into(),
        ]);
        assert_eq!(
            asked,
            vec![
                ("65304479CA03A12".to_string(), 15),
                ("65322651CA01A12".to_string(), 0),
                ("65322651CA01A12".to_string(), 0),
                ("30006208CA01A12".to_string(), 3),
            ]
        );
        let other = |id: &str, offer: &str| Subscription { offer_id: offer.into(), ..sub(id) };
        let subs = [
            (sub("A"), 10),
            (other("B", "65322651CA01A12"), 4),
            (other("C", "65304479CA01A12"), 2),
            (other("D", "1"), 7),
        ];
        let v = start_values(&subs, Window::Early, &asked);
        let quantities: Vec<String> = (0..4).map(|i| g(&v, &format!("{LINES}[{i}].quantity"))).collect();
        // A's product asked 15 (its first row only), B's everything left, C's (A's product
        // again) and D's nothing.
        assert_eq!(quantities, ["15", "4", "0", "0"]);
        assert_eq!(not_held(&subs, &asked), vec!["30006208CA01A12".to_string()], "the product with no row");
        assert_eq!(check(&v), Vec::new(), "early, ten left and five more, with all of B");
        assert_eq!(lines_of(&v).iter().map(|l| l.subscription_id.as_str()).collect::<Vec<_>>(), vec!["A", "B"]);
        // Late, more than was held is shown at its row rather than cut to fit.
        let late = start_values(&subs, Window::Late, &asked);
        assert_eq!(check(&late).into_iter().map(|e| e.path).collect::<Vec<_>>(), vec![format!("{LINES}[0].quantity")]);
        // Nothing asked: every row at everything left.
        let plain = start_values(&subs, Window::Early, &[]);
        assert_eq!(
            (0..4).map(|i| g(&plain, &format!("{LINES}[{i}].quantity"))).collect::<Vec<_>>(),
            ["10", "4", "2", "7"]
        );
    }
}
