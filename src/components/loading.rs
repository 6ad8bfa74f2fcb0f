//! Async data on a page: a busy note while it loads, the error panel (with "Try again") when
//! it fails, the view when it arrives. Every page that reads the API shows its data this way.

use super::error_panel::ErrorPanel;
use crate::api::error::Failure;
use leptos::prelude::*;

/// What a page's resource holds: the value, or why it is not there.
pub type Loaded<T> = LocalResource<Result<T, Failure>>;

/// Shows `resource`: busy while it loads (keeping the previous view on a refetch), the error
/// panel on failure, `render` when it arrives.
#[component]
pub fn Load<T, F>(
    /// The resource to show.
    resource: Loaded<T>,
    /// What is loading, for the busy note ("customers").
    what: &'static str,
    /// Draws the value.
    render: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> AnyView + Clone + Send + Sync + 'static,
{
    view! {
        <Transition fallback=move || view! { <p class="loading" role="status">{format!("Loading {what}…")}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value),
                        Err(failure) => {
                            let retry = Callback::new(move |_| resource.refetch());
                            view! { <ErrorPanel failure on_retry=retry/> }.into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}
