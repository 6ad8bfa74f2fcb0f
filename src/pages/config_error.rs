//! The full-page error shown when `config.json` cannot be loaded or is wrong: which file, which
//! key, what is wrong, and who can fix it. Never a blank page.

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
                <h1>"The console cannot start"</h1>
                <p>"Its configuration file has a problem, so it does not know where its API is or which accounts to act for."</p>
            </div>
            <dl class="facts">
                <dt>"File"</dt>
                <dd><code>{problem.url}</code></dd>
                <dt>"Setting"</dt>
                <dd><code>{problem.key}</code></dd>
                <dt>"Problem"</dt>
                <dd>{problem.problem}</dd>
            </dl>
            <p>"Whoever deployed the console can correct this setting in config.json; then reload this page."</p>
            <form method="get">
                <button type="submit">"Reload"</button>
            </form>
        </main>
    }
}
