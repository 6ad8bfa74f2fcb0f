//! `pseudo-locale`: writes `locales/en-XA.json`, the pseudo-language (every text bracketed,
//! accented and lengthened), from `locales/en.json`. The console's build fails while the file
//! is not up to date, and says to run this.

use std::path::Path;
use std::process::ExitCode;

#[path = "../../../../src/i18n/message.rs"]
#[allow(dead_code)]
mod message;

fn main() -> ExitCode {
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    let english = locales.join("en.json");
    let entries = std::fs::read_to_string(&english)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str::<message::Entries>(&text).map_err(|e| e.to_string()));
    let message::Entries(entries) = match entries {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("{}: {e}", english.display());
            return ExitCode::FAILURE;
        }
    };
    let target = locales.join(format!("{}.json", message::PSEUDO));
    if let Err(e) = std::fs::write(&target, message::pseudo_file(&entries)) {
        eprintln!("{}: {e}", target.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {} ({} texts)", target.display(), entries.len());
    ExitCode::SUCCESS
}
