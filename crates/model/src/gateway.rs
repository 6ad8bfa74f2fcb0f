//! What the gateway says of itself: who is signed in (`GET {base}auth/me`), and the codes of
//! the refusals it answers before a call reaches an upstream API, each with what the user can
//! do. The gateway writes them, the console reads them: one definition for both.
//!
//! A refusal has the body every Commerce Partner API error has (`code`, `message`,
//! `additionalDetails`); its code starts with `GW-`, which no Adobe code does.

use serde::{Deserialize, Serialize};

/// What a signed-in user may see: every reseller of the distributor, or some resellers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// Distributor staff: every reseller, the VMware subscriptions.
    Distributor,
    /// A reseller's user: these resellers' customers, nothing else.
    Reseller { reseller_ids: Vec<String> },
}

impl Role {
    /// Whether the user may act for reseller `id`.
    pub fn may_act_for(&self, id: &str) -> bool {
        match self {
            Role::Distributor => true,
            Role::Reseller { reseller_ids } => reseller_ids.iter().any(|r| r == id),
        }
    }

    /// Whether this is distributor staff.
    pub fn is_distributor(&self) -> bool {
        matches!(self, Role::Distributor)
    }

    /// The role in a few words ("Distributor staff", "Reseller user").
    pub fn label(&self) -> &'static str {
        match self {
            Role::Distributor => "Distributor staff",
            Role::Reseller { .. } => "Reseller user",
        }
    }
}

/// How the user proved who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SignedInVia {
    /// The gateway's own sign-in: a session cookie.
    Session,
    /// A portal's access token, sent as a bearer.
    Bearer,
}

/// The answer of `GET {base}auth/me`: on the wire, the role's name beside the other fields
/// (`"role": "reseller", "resellerIds": […]`), read and written through a plain wire struct
/// (a flattened, tagged enum would cost the browser serde's buffering of every field).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "MeWire", into = "MeWire")]
pub struct Me {
    /// The identity provider's subject.
    pub subject: String,
    /// The name to show (the provider's `name`, else the subject).
    pub name: String,
    pub email: String,
    pub role: Role,
    pub via: SignedInVia,
    /// When the session or token ends, seconds since 1970.
    pub expires_at: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
enum RoleName {
    Distributor,
    Reseller,
}

/// [`Me`] as it crosses the wire.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MeWire {
    subject: String,
    name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    email: String,
    role: RoleName,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reseller_ids: Vec<String>,
    via: SignedInVia,
    expires_at: u64,
}

impl From<MeWire> for Me {
    fn from(w: MeWire) -> Me {
        let role = match w.role {
            RoleName::Distributor => Role::Distributor,
            RoleName::Reseller => Role::Reseller { reseller_ids: w.reseller_ids },
        };
        Me { subject: w.subject, name: w.name, email: w.email, role, via: w.via, expires_at: w.expires_at }
    }
}

impl From<Me> for MeWire {
    fn from(me: Me) -> MeWire {
        let (role, reseller_ids) = match me.role {
            Role::Distributor => (RoleName::Distributor, Vec::new()),
            Role::Reseller { reseller_ids } => (RoleName::Reseller, reseller_ids),
        };
        MeWire {
            subject: me.subject,
            name: me.name,
            email: me.email,
            role,
            reseller_ids,
            via: me.via,
            expires_at: me.expires_at,
        }
    }
}

/// One refusal of the gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub http_status: u16,
    /// What the user is told happened.
    pub message: &'static str,
    /// What they can do.
    pub what_to_do: &'static str,
}

macro_rules! refusals {
    ($($name:ident = $code:literal, $status:literal, $message:literal, $todo:literal;)*) => {
        $(
            #[doc = $message]
            pub const $name: Refusal = Refusal { code: $code, http_status: $status, message: $message, what_to_do: $todo };
        )*
        /// Every refusal, for lookups and for tests over the whole table.
        pub const REFUSALS: &[Refusal] = &[$($name),*];
    };
}

refusals! {
    SIGN_IN_REQUIRED = "GW-SIGN-IN", 401, "You are not signed in, or your session has ended.",
        "Sign in again: what you entered is kept.";
    TOKEN_REJECTED = "GW-TOKEN", 401, "Your sign-in could not be verified.",
        "Sign in again; if this repeats, ask whoever runs your partner portal to check its sign-in.";
    NO_ROLE = "GW-NO-ROLE", 403, "Your account has no role in the partner console.",
        "Ask your distributor to give your account the distributor staff role or a reseller.";
    OTHER_RESELLER = "GW-OTHER-RESELLER", 403, "This belongs to another reseller.",
        "You can open only your own reseller's records: check the id, or ask your distributor for access.";
    CUSTOMER_OF_OTHER_RESELLER = "GW-OTHER-CUSTOMER", 403, "This customer belongs to another reseller.",
        "You can open only your own reseller's customers: check the customer id, or ask your distributor.";
    DISTRIBUTOR_ONLY = "GW-DISTRIBUTOR-ONLY", 403, "Only distributor staff can do this.",
        "Ask your distributor's staff to do it for you.";
    CROSS_SITE = "GW-CROSS-SITE", 403, "The request did not come from the console's own page.",
        "Reload the console and try again from its page.";
    NOT_FORWARDED = "GW-NOT-FOUND", 404, "The console's gateway does not know this address.",
        "Check the address; if a link of the console led here, report it.";
    TOO_LARGE = "GW-TOO-LARGE", 413, "The request is larger than the gateway accepts.",
        "Send less at once (fewer lines in one order, for example); report it if an ordinary request is refused.";
    BAD_BODY = "GW-BAD-BODY", 400, "The request's body could not be read as JSON naming a reseller.",
        "Reload the console and try again; report it if it repeats.";
    OWNER_UNKNOWN = "GW-OWNER-UNKNOWN", 502, "The gateway could not check which reseller this customer belongs to.",
        "Try again in a moment.";
    UPSTREAM_CREDENTIALS = "GW-UPSTREAM-CREDENTIALS", 502, "The gateway could not get its credentials for the API.",
        "Try again in a minute; if it persists, ask whoever runs the console to check its API credentials.";
    UPSTREAM_UNREACHABLE = "GW-UPSTREAM", 502, "The gateway could not reach the API.",
        "Try again in a moment.";
    UPSTREAM_CUT_OFF = "GW-UPSTREAM-CUT-OFF", 502, "The API's answer was cut off on its way to the gateway.",
        "Try again. If you were making a change, trying again is safe: it is sent under the same correlation id, so the API makes it once.";
    IDENTITY_PROVIDER = "GW-IDENTITY-PROVIDER", 502, "The sign-in service could not be reached.",
        "Try again in a minute; if it persists, ask whoever runs the console.";
    UPSTREAM_CREDENTIALS_TIMEOUT = "GW-UPSTREAM-CREDENTIALS-TIMEOUT", 504, "The API's token service did not answer in time.",
        "Try again in a minute; if it persists, ask whoever runs the console to check the token service.";
    UPSTREAM_TIMEOUT = "GW-UPSTREAM-TIMEOUT", 504, "The API did not answer in time.",
        "Check the activity page before trying again: the change may have been made.";
    METHOD_NOT_ALLOWED = "GW-METHOD", 405, "The gateway does not take this method at this address.",
        "Check the address; if a link of the console led here, report it.";
    BAD_PATH = "GW-BAD-PATH", 400, "The address has parts the gateway does not accept (like .. or an encoded slash).",
        "Check the address; if a link of the console led here, report it.";
    URI_TOO_LONG = "GW-URI-TOO-LONG", 414, "The address is longer than the gateway accepts.",
        "Search with fewer words or filters at once.";
    HEADERS_TOO_LARGE = "GW-HEADERS-TOO-LARGE", 431, "The request's headers are larger than the gateway accepts.",
        "Clear this site's cookies and reload the console.";
    SLOW_REQUEST = "GW-SLOW-REQUEST", 408, "The request did not arrive in time.",
        "Check your connection and try again.";
    WRONG_HOST = "GW-HOST", 421, "The request was addressed to a host this gateway does not serve.",
        "Open the console at the address your distributor gave you.";
    BUSY = "GW-BUSY", 503, "The gateway is serving as many connections as it can.",
        "Try again in a moment.";
    AUDIT_UNAVAILABLE = "GW-AUDIT", 503, "The change was not sent: it could not be recorded in the audit trail.",
        "Try again in a moment; nothing was changed.";
    SESSION_CHECK = "GW-SESSION-CHECK", 503, "Your session could not be checked: the gateway's database did not answer.",
        "Try again in a moment.";
    AUDIT_READ = "GW-AUDIT-READ", 503, "The audit trail could not be read.",
        "Try again in a moment; your browser's own log is below.";
}

/// The refusal with code `code`.
pub fn refusal(code: &str) -> Option<&'static Refusal> {
    REFUSALS.iter().find(|r| r.code == code)
}

impl Refusal {
    /// Whether the same request may simply be sent again, under the same correlation id: the
    /// gateway's 5xx and 408 say it either never sent the change (busy, no credentials, no
    /// audit record, a slow body) or does not know what the upstream did with it (cut off,
    /// timed out) — and the upstream answers a correlation id it has seen with its first answer.
    pub fn transient(&self) -> bool {
        self.http_status >= 500 || self.http_status == 408
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_marked() {
        for (i, r) in REFUSALS.iter().enumerate() {
            assert!(r.code.starts_with("GW-"), "{}", r.code);
            assert!(REFUSALS[..i].iter().all(|o| o.code != r.code), "{} twice", r.code);
            assert!(r.message.ends_with('.') && r.what_to_do.ends_with('.'), "{}", r.code);
            assert_eq!(refusal(r.code), Some(r));
        }
    }

    #[test]
    fn only_the_gateways_own_trouble_is_transient() {
        assert!(
            UPSTREAM_UNREACHABLE.transient()
                && UPSTREAM_TIMEOUT.transient()
                && BUSY.transient()
                && AUDIT_UNAVAILABLE.transient()
                && SLOW_REQUEST.transient()
        );
        assert!(
            !SIGN_IN_REQUIRED.transient()
                && !OTHER_RESELLER.transient()
                && !TOO_LARGE.transient()
                && !WRONG_HOST.transient()
        );
    }

    #[test]
    fn me_reads_and_writes_both_roles() {
        let me = Me {
            subject: "u1".into(),
            name: "Rhea".into(),
            email: String::new(),
            role: Role::Reseller { reseller_ids: vec!["1000123456".into()] },
            via: SignedInVia::Session,
            expires_at: 5,
        };
        let json = serde_json::to_string(&me).expect("encodes");
        assert_eq!(
            json,
            r#"{"subject":"u1","name":"Rhea","role":"reseller","resellerIds":["1000123456"],"via":"session","expiresAt":5}"#
        );
        assert_eq!(serde_json::from_str::<Me>(&json).expect("decodes"), me);
        let staff: Me =
            serde_json::from_str(r#"{"subject":"s","name":"S","role":"distributor","via":"bearer","expiresAt":1}"#)
                .expect("decodes");
        assert!(staff.role.is_distributor() && staff.role.may_act_for("anything"));
        assert!(!me.role.may_act_for("1000999999") && me.role.may_act_for("1000123456"));
    }
}
