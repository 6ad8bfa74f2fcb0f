//! The activity page: the changes made from this browser, newest first, with the ids support
//! asks for.

use crate::api::transport::activity;
use leptos::prelude::*;

/// The activity log, as a table.
#[component]
pub fn ActivityPage() -> impl IntoView {
    let log = activity();
    let empty = log.entries.is_empty();
    view! {
        <section class="page">
            <h1>"Your activity"</h1>
            <p class="lede">
                "Every change you made from this browser (created, updated, ordered, returned, transferred), kept here only. Give support the correlation id of an action to find it."
            </p>
            {if empty {
                view! { <p class="empty">"Nothing yet: changes you make appear here."</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <caption class="visually-hidden">"Changes made from this browser, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"When"</th>
                                <th scope="col">"Action"</th>
                                <th scope="col">"On"</th>
                                <th scope="col">"Outcome"</th>
                                <th scope="col">"Correlation id"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {log.entries.into_iter().map(|e| view! {
                                <tr class:failed=!e.ok>
                                    <td><time datetime=e.at.clone()>{e.at.replace('T', " ").trim_end_matches('Z').chars().take(19).collect::<String>()}</time></td>
                                    <td>{e.action}</td>
                                    <td><code>{e.target}</code></td>
                                    <td>{e.outcome}</td>
                                    <td><code>{e.correlation_id}</code></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
