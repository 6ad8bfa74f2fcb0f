//! The full-page error shown when `config.json` cannot be loaded or is wrong: which file, which
//! key, what is wrong, and who can fix it. Never a blank page.

use crate::i18n::t;
use leptos::prelude::*;

/// Why the configuration could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    /// The URL the configuration was loaded from.
    pub url: String,
    /// The key concerned, or `(file)`.
    pub key: String,
    /// What is wrong.
    pub problem: String,
}

/// The "console cannot start" page.
#[component]
pub fn ConfigErrorPage(
    /// What went wrong.
    problem: ConfigProblem,
) -> impl IntoView {
    view! {
        <main class="fatal" id="main">
            <div role="alert">
                <h1>{t::config::title()}</h1>
                <p>{t::config::lede()}</p>
            </div>
            <dl class="facts">
                <dt>{t::config::file()}</dt>
                <dd><code>{problem.url}</code></dd>
                <dt>{t::config::setting()}</dt>
                <dd><code>{problem.key}</code></dd>
                <dt>{t::config::problem()}</dt>
                <dd>{problem.problem}</dd>
            </dl>
            <p>{t::config::fix()}</p>
            <form method="get">
                <button type="submit">{t::config::reload()}</button>
            </form>
        </main>
    }
}
