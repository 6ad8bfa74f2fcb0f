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
//! Opened from a lead to renew (the page's address carries its lines), the rows start from the
//! lead ([`super::from_lead`]), with a note saying so, and the section is brought into view and
//! focused the first time; the draft of such rows is kept apart from the plain page's (its key
//! is made from the rows' start). Outside the windows the page says the lead waits for them.

use super::discounts::Discounts;
use super::from_lead;
use super::place::PreviewResult;
use super::unanswered::Unanswered;
use crate::api::calls::orders;
use crate::components::detail::{day, now};
use crate::components::form::{
    check_path, rows, trimmed as g, BusyButton, DraftNotice, FormScope, FormState, TextField, Values,
};
use crate::components::submit::{use_preview, use_preview_submission, SubmissionError};
use crate::components::table::DataTable;
use crate::i18n::t;
use crate::resources::{fetch, runtime};
use crate::routes::{QueryLine, To};
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

/// The rows of `subs`, each with what it has left to renew, and the most a row may ask in
/// `window` ([`renewals::most`]; early, the product's line limit, which the API checks by
/// edition). Each row starts at everything it has left, or, with lines `asked` (a lead to
/// renew's), where [`from_lead::starts`] puts it.
fn start_values(subs: &[(Subscription, u64)], window: Window, asked: &[QueryLine]) -> Values {
    let mut v = Values::new();
    let starts = from_lead::starts(subs, asked);
    for (i, (s, left)) in subs.iter().enumerate() {
        let most = renewals::most(window, *left, s.renewed_quantity.unwrap_or(0)).unwrap_or(ENTERPRISE_MAX_QUANTITY);
        let quantity = starts.get(i).cloned().flatten().unwrap_or_else(|| left.to_string());
        v.insert(format!("{LINES}[{i}].most"), most.to_string());
        v.insert(format!("{LINES}[{i}].extLineItemNumber"), (i + 1).to_string());
        v.insert(format!("{LINES}[{i}].offerId"), s.offer_id.clone());
        v.insert(format!("{LINES}[{i}].subscriptionId"), s.subscription_id.clone());
        v.insert(format!("{LINES}[{i}].quantity"), quantity);
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

/// The manual renewal section of the renewal page; `open` are the customer's RENEWAL orders
/// still being processed, which no other renewal order may follow until they complete.
#[component]
pub fn ManualRenewal(
    subs: Vec<Subscription>,
    open: Vec<Order>,
    customer: String,
    /// The customer's record: its segment and country say which discounts it can use.
    record: Customer,
    /// Lines to start the rows from ([`crate::routes::query_lines`]: a lead to renew's), if any.
    #[prop(optional)]
    asked: Vec<QueryLine>,
    /// The page's note of the customer and lines its rows were last brought into view for:
    /// rows started from lines are brought into view the first time they are drawn, not each
    /// time the page is read again.
    #[prop(optional)]
    shown_for: Option<StoredValue<String>>,
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
        // Opened from a lead to renew: the lead cannot be acted on here now.
        let lead = (!asked.is_empty()).then(|| view! { <p class="notice" role="note">{t::renew::lead_not_now()}</p> });
        return view! {
            <section class="facts-section" aria-labelledby="renew-title">
                <h2 id="renew-title">{t::renew::title()}</h2>
                <p>{text}</p>
                {lead}
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
    let not_held = from_lead::not_held(&licenses, &asked);
    let seen = format!("{customer} {asked:?}");
    let bring_into_view =
        !asked.is_empty() && !licenses.is_empty() && shown_for.is_some_and(|s| s.with_value(|k| *k != seen));
    if bring_into_view {
        if let Some(s) = shown_for {
            s.set_value(seen);
        }
    }
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
                <h2 id="renew-title" tabindex="-1">{t::renew::title()}</h2>
                <p>{explain}</p>
                {unanswered(form, &customer)}
                {all_renewed.then(|| view! { <p>{t::renew::all_renewed()}</p> })}
                {if licenses.is_empty() {
                    view! { <p>{t::renew::none()}</p> }.into_any()
                } else {
                    view! {
                        <form novalidate on:submit=move |ev| submission.submit(ev)>
                            <DraftNotice/>
                            {(!asked.is_empty()).then(|| from_lead::note(not_held, bring_into_view, "renew-title"))}
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
    fn a_leads_lines_start_the_rows_which_the_form_checks_as_any() {
        let asked = crate::routes::query_lines(&["65304479CA03A12:15".into(), "65322651CA01A12".into()]);
        let other = |id: &str, offer: &str| Subscription { offer_id: offer.into(), ..sub(id) };
        let subs = [(sub("A"), 10), (other("B", "65322651CA01A12"), 4), (other("D", "1"), 7)];
        let v = start_values(&subs, Window::Early, &asked);
        let quantities: Vec<String> = (0..3).map(|i| g(&v, &format!("{LINES}[{i}].quantity"))).collect();
        assert_eq!(quantities, ["15", "4", "0"], "A's ten and five more, all of B, none of D");
        assert_eq!(check(&v), Vec::new());
        assert_eq!(lines_of(&v).iter().map(|l| l.subscription_id.as_str()).collect::<Vec<_>>(), vec!["A", "B"]);
        // Late, more than was held is shown at its row rather than cut to fit; so is a
        // quantity that is not a number.
        let late = start_values(&subs, Window::Late, &asked);
        assert_eq!(check(&late).into_iter().map(|e| e.path).collect::<Vec<_>>(), vec![format!("{LINES}[0].quantity")]);
        let odd = start_values(&subs, Window::Early, &crate::routes::query_lines(&["65304479CA01A12:-5".into()]));
        assert_eq!(check(&odd).into_iter().map(|e| e.path).collect::<Vec<_>>(), vec![format!("{LINES}[0].quantity")]);
    }
}
