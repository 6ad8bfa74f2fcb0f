//! The landing page of an area whose pages need a record first (orders and subscriptions
//! belong to a customer): what the area is for and where to start.

use crate::areas::AREAS;
use crate::routes::To;
use leptos::prelude::*;

/// The landing page of an area: its title, what it is for and where to start.
#[component]
pub fn AreaHome(
    /// The area's page, as [`crate::areas::AREAS`] has it.
    to: To<'static>,
) -> impl IntoView {
    let area = AREAS.iter().find(|a| a.to == to);
    let label = area.map(|a| a.label).unwrap_or("This area");
    let start = area.map(|a| a.start).unwrap_or_default();
    view! {
        <section class="page">
            <h1>{label}</h1>
            <p class="lede">{area.map(|a| a.summary)}</p>
            <div class="notice" role="note">
                <h2>"Where to start"</h2>
                <p>{start}</p>
            </div>
        </section>
    }
}
