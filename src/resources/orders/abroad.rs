//! A global customer's orders and new subscriptions for another country: the deployment
//! (`deploymentId`) they are for, chosen among the customer's active deployments on the page
//! that sends them. Placing an order and adding a product to the renewal share it.

use crate::api::calls::deployments;
use crate::components::form::{trimmed, FormState, SelectField, Values};
use crate::i18n::t;
use crate::resources::fetch;
use crate::runtime::Runtime;
use leptos::prelude::*;
use partner_model::types::Deployment;

/// Where a form keeps the deployment chosen (empty: the customer's own country).
pub const DEPLOYMENT: &str = "deploymentId";
/// The customer's active deployments, comma-separated, once read.
const OFFERED: &str = "fact.deployments";

/// The deployment chosen, if it is one of those offered: a draft's choice of a deployment
/// deactivated since (or of a customer no longer global) is not sent.
pub fn deployment_of(v: &Values) -> String {
    let chosen = trimmed(v, DEPLOYMENT);
    let offered = trimmed(v, OFFERED);
    if !chosen.is_empty() && offered.split(',').any(|id| id == chosen) {
        chosen
    } else {
        String::new()
    }
}

/// A global customer's active deployments, for `form`'s choice: `list` once read, `unread` if
/// they could not be, `reading` while they are.
#[derive(Clone, Copy)]
pub struct Abroad {
    pub list: RwSignal<Vec<Deployment>>,
    pub unread: RwSignal<bool>,
    pub reading: RwSignal<bool>,
}

impl Abroad {
    pub fn new() -> Abroad {
        Abroad { list: RwSignal::new(Vec::new()), unread: RwSignal::new(false), reading: RwSignal::new(false) }
    }

    /// Reads `customer`'s active deployments into the list and `form`'s offered ones.
    pub async fn read(self, rt: &Runtime, customer: &str, form: FormState) {
        self.reading.try_set(true);
        self.read_list(rt, customer, form).await;
        self.reading.try_set(false);
    }

    async fn read_list(self, rt: &Runtime, customer: &str, form: FormState) {
        let asked = [("status", "1000".to_string()), ("limit", "100".to_string())];
        match fetch(deployments::list(rt, customer, &asked)).await {
            Ok(page) => {
                let ids = page.items.iter().map(|d| d.deployment_id.as_str()).collect::<Vec<_>>().join(",");
                // The page may be gone by then.
                if self.list.try_set(page.items).is_none() {
                    form.set_fact(OFFERED, ids);
                }
            }
            Err(_) => {
                self.unread.try_set(true);
            }
        }
    }
}

/// The choice between the customer's own country (`home`) and its active deployments, once
/// there are any, with `hint`; or, if they could not be read, `unread`: that what is sent is
/// for the customer's own country.
#[component]
pub fn DeploymentChoice(
    abroad: Abroad,
    home: Signal<String>,
    hint: &'static str,
    unread: &'static str,
) -> impl IntoView {
    // The browser's name of the country (the code where it has none): the tables of places
    // stay out of the pages that order.
    let country = |code: &str| crate::format::country_name(code, code);
    let options = Signal::derive(move || {
        let mut options = vec![(String::new(), t::place::home_country(country(&home.get())))];
        abroad.list.with(|list| {
            options.extend(list.iter().map(|d| {
                let a = &d.company_profile.address;
                (d.deployment_id.clone(), format!("{}, {} ({})", a.city, country(&a.country), d.deployment_id))
            }))
        });
        options
    });
    view! {
        {move || abroad.list.with(|l| !l.is_empty()).then(|| view! {
            <SelectField path=DEPLOYMENT label=t::place::deployment() options hint/>
        })}
        {move || abroad.unread.get().then(|| view! { <p class="notice warn" role="note">{unread}</p> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_deployment_the_customer_offers_is_sent() {
        let values = |chosen: &str, offered: &str| {
            Values::from([(DEPLOYMENT.to_string(), chosen.to_string()), (OFFERED.to_string(), offered.to_string())])
        };
        assert_eq!(deployment_of(&values("7100000001", "7100000001,7100000002")), "7100000001");
        assert_eq!(deployment_of(&values("7100000003", "7100000001,7100000002")), "", "deactivated since the draft");
        assert_eq!(deployment_of(&values("7100000001", "")), "", "not read (yet), or no longer global");
        assert_eq!(deployment_of(&values("", "7100000001")), "", "the customer's own country");
        assert_eq!(deployment_of(&values("71000", "7100000001")), "", "a part of an id is none");
    }
}
