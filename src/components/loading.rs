//! Async data on a page: a busy note while it loads, the error panel (with "Try again") when
//! it fails, the view when it arrives. Every page that reads the API shows its data this way.

use super::error_panel::ErrorPanel;
use crate::api::error::Failure;
use crate::i18n::t;
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// A page's async data: the value, or why it is not there, read again when what its fetch
/// tracks changes.
///
/// Every `Loaded` is the same resource underneath, holding its value as `Arc<dyn Any>`: the
/// reactive machinery of an async value (its derived state, its future's polling, its effects)
/// is then one copy in the build, where a `LocalResource` of each page's type copied it for
/// each of them. `Loaded<T>` is only made by [`Loaded::new`] from a fetch of `T`, and hands the
/// value back as a `T`.
pub struct Loaded<T> {
    held: LocalResource<Result<Held, Failure>>,
    /// The last value read, kept apart from the resource: reading a resource outside a
    /// `Suspense` of its own enrols it in the one around the page, whose view is then taken
    /// down and put back (losing the focus) every time the resource is read again.
    last: RwSignal<Option<Held>>,
    of: PhantomData<fn(T) -> T>,
}

/// A value of any page's type.
type Held = Arc<dyn Any + Send + Sync>;

/// One look at a page's data, whatever its type.
type Fetch = Pin<Box<dyn Future<Output = Result<Held, Failure>>>>;

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loaded<T> {}

impl<T: Clone + Send + Sync + 'static> Loaded<T> {
    /// The value `fetch` gives, fetched now and again whenever something it tracks changes.
    #[track_caller]
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static) -> Loaded<T>
    where
        Fut: Future<Output = Result<T, Failure>> + 'static,
    {
        let last = RwSignal::new(None);
        let fetch = move || -> Fetch {
            let value = fetch();
            Box::pin(async move {
                let held = value.await.map(|v| Arc::new(v) as Held);
                if let Ok(value) = &held {
                    // The page may be gone by then.
                    last.try_set(Some(value.clone()));
                }
                held
            })
        };
        Loaded { held: held(Box::new(fetch)), last, of: PhantomData }
    }

    /// The last value read, without waiting: `None` until one is. It is tracked, so an effect
    /// or a memo follows each new value; a reading that fails leaves the last one.
    pub fn latest(&self) -> Option<T> {
        self.last.get().and_then(|held| typed(&*held).ok())
    }

    /// Fetches the value again.
    pub fn refetch(&self) {
        self.held.refetch();
    }

    /// The value once it is there. Awaiting it tracks the resource (inside a `Suspend`, a new
    /// value is waited for again).
    pub async fn ready(self) -> Result<T, Failure> {
        match self.held.await {
            Ok(held) => typed(&*held),
            Err(failure) => Err(failure),
        }
    }
}

/// The one resource every [`Loaded`] is.
#[track_caller]
fn held(fetch: Box<dyn Fn() -> Fetch>) -> LocalResource<Result<Held, Failure>> {
    LocalResource::new(fetch)
}

/// `held` back as the type it was stored as. [`Loaded`] and the forms' action
/// (`components::submit`) keep values of any type as `dyn Any`, so that their reactive
/// machinery is one copy in the build; each stores and reads back one type, made together in
/// one generic function, so this never fails. It answers [`Failure::not_typed`] rather than
/// panicking all the same.
// `Failure` is the console's one error type; it is over clippy's size line on 64-bit hosts
// (the native tests) only.
#[allow(clippy::result_large_err)]
pub(crate) fn typed<T: Clone + 'static>(held: &dyn Any) -> Result<T, Failure> {
    held.downcast_ref::<T>().cloned().ok_or_else(Failure::not_typed)
}

/// Shows `resource`: busy while it loads (keeping the previous view on a refetch), the error
/// panel on failure, `render` when it arrives. With `settling`, a record that is still settling
/// (a pending account, an open order or transfer) is read again after longer and longer delays
/// until it settles.
#[component]
pub fn Load<T, F>(
    /// The resource to show.
    resource: Loaded<T>,
    /// What is loading, for the busy note ("customers").
    what: &'static str,
    /// Draws the value.
    render: F,
    /// Whether the value is still settling, so the page follows it.
    #[prop(optional)]
    settling: Option<fn(&T) -> bool>,
    /// A failure is one line ("The … are not available: …"), for a second view of data whose
    /// own view already shows the error panel.
    #[prop(optional)]
    quiet: bool,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> AnyView + Clone + Send + Sync + 'static,
{
    // Only waiting for the value and drawing it depend on `T` and `render`: the transition, its
    // note, the follow-up and the error panel are one copy for every page rather than one per
    // use of `Load`.
    let look: Looking = std::sync::Arc::new(move || {
        let render = render.clone();
        Box::pin(async move {
            match resource.ready().await {
                Ok(value) => Look::Drawn { settling: settling.is_some_and(|s| s(&value)), view: render(value) },
                Err(failure) => Look::Failed(failure),
            }
        })
    });
    shown(look, Callback::new(move |()| resource.refetch()), what, quiet)
}

/// What one look at a page's data gave: its view (and whether it is still settling), or why
/// there is none.
enum Look {
    Drawn { view: AnyView, settling: bool },
    Failed(Failure),
}

/// Takes a look at a page's data (and tracks it, so a new value is looked at again).
type Looking =
    std::sync::Arc<dyn Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = Look> + Send>> + Send + Sync>;

/// [`Load`]'s view: `look`'s outcome in a transition, with `read_again` behind "Try again" and
/// the follow-up of a settling record.
fn shown(look: Looking, read_again: Callback<()>, what: &'static str, quiet: bool) -> AnyView {
    let follow = Follow::new();
    view! {
        <Transition fallback=move || view! { <p class="loading" role="status">{t::load::loading(what)}</p> }>
            {move || {
                let look = look.clone();
                Suspend::new(async move {
                    match look().await {
                        Look::Drawn { view, settling } => {
                            follow.again_if(settling, read_again);
                            view
                        }
                        Look::Failed(failure) if quiet => {
                            let text = t::load::Unavailable { what, why: failure.error.what_happened() }.text();
                            view! { <p class="notice warn">{text}</p> }.into_any()
                        }
                        Look::Failed(failure) => view! { <ErrorPanel failure on_retry=read_again/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
    .into_any()
}

/// How long to wait before the `n`th look at a record that is still settling: 2, 3, 5, 8, 13,
/// 20, then every 30 seconds.
pub fn follow_delay(n: u32) -> Duration {
    Duration::from_secs([2u64, 3, 5, 8, 13, 20, 30].get(n as usize).copied().unwrap_or(30))
}

/// Follows a record that is still settling: each render that finds it unsettled reads it again
/// after the next, longer delay.
#[derive(Clone, Copy)]
struct Follow(RwSignal<u32>);

impl Follow {
    fn new() -> Follow {
        Follow(RwSignal::new(0))
    }

    /// Reads again (`read_again`) later when `settling`.
    fn again_if(&self, settling: bool, read_again: Callback<()>) {
        if settling {
            let looks = self.0;
            let n = looks.get_untracked();
            set_timeout(
                move || {
                    looks.set(n + 1);
                    // The page may be gone by now (`try_run`: nothing to read again then).
                    read_again.try_run(());
                },
                follow_delay(n),
            );
        }
    }
}

/// Draws its children a task after the view around it. A page of many sections (the customer
/// hub) draws the first screen at once and each section below it in a task of its own, so a
/// phone paints and answers input between them instead of building the whole page in one long
/// task. Each `InTurn` of a view waits its own task, in the order they were drawn.
#[component]
pub fn InTurn(children: Children) -> impl IntoView {
    let due = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        crate::api::transport::sleep(Duration::ZERO).await;
        // The view may be gone by then.
        due.try_set(true);
    });
    let children = StoredValue::new_local(Some(children));
    move || {
        due.get().then(|| {
            let children = children.try_update_value(Option::take).flatten();
            children.map(|draw| untrack(draw))
        })
    }
}

/// Runs `then` once `el` comes within half a screen of being seen, or at once where the
/// browser cannot tell: for reads that only add to a section below the first screen (the
/// product names of the hub's licenses chart), which a phone then does not send for a page
/// whose first screen is all its user looks at. `then` runs from the browser's callback, outside
/// any reactive owner (take what it needs from the view beforehand); never once the view is gone.
pub fn when_near_screen(el: &web_sys::Element, then: impl FnOnce() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let then = std::rc::Rc::new(std::cell::Cell::new(Some(Box::new(then) as Box<dyn FnOnce()>)));
    let watching = std::rc::Rc::new(std::cell::OnceCell::<web_sys::IntersectionObserver>::new());
    let (run, watched) = (then.clone(), watching.clone());
    let seen = Closure::<dyn FnMut(JsValue)>::new(move |entries: JsValue| {
        let entries = entries.unchecked_into::<js_sys::Array>();
        if entries.iter().any(|e| e.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting()) {
            if let Some(observer) = watched.get() {
                observer.disconnect();
            }
            if let Some(then) = run.take() {
                then();
            }
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("0px 0px 50% 0px");
    match web_sys::IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &options) {
        Ok(observer) => {
            observer.observe(el);
            let _ = watching.set(observer.clone());
            // The observer and its callback go with the view; entries it has queued go first,
            // so the callback is not called once dropped.
            let kept = send_wrapper::SendWrapper::new((observer, seen));
            on_cleanup(move || {
                let _ = kept.0.take_records();
                kept.0.disconnect();
            });
        }
        Err(_) => {
            if let Some(then) = then.take() {
                then();
            }
        }
    }
}
