//! `GET /v3/offer-switch-paths`: the mid-term upgrade paths from an offer (or a customer's
//! subscription) to higher products.

use serde::{Deserialize, Serialize};

open_enum! {
    /// Whether a switch must move every license of the subscription.
    SwitchType {
        /// Every license moves.
        FullOnly = "FULL_ONLY",
        /// Some or all licenses move.
        PartialAllowed = "PARTIAL_ALLOWED",
    }
}

/// One product a source offer may be upgraded to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SwitchTarget {
    #[serde(default)]
    pub target_base_offer_id: String,
    /// The order to present the targets in.
    #[serde(default)]
    pub sequence: u32,
    pub switch_type: SwitchType,
}

/// The upgrade paths from one base offer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProductUpgrade {
    pub source_base_offer_id: String,
    /// The scope of the targets (`PRODUCT_LIST`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub target_type: String,
    pub target_list: Vec<SwitchTarget>,
}

/// A page of upgrade paths.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SwitchPathPage {
    pub total_count: u64,
    pub count: u64,
    pub offset: u64,
    pub limit: u64,
    pub product_upgrades: Vec<ProductUpgrade>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_example_reads_and_an_unlisted_switch_type_is_kept() {
        let text = r#"{"totalCount":1,"count":1,"offset":0,"limit":20,"productUpgrades":[{"sourceBaseOfferId":"30002139CC01A12","targetList":[{"targetBaseOfferId":"30002125CC01A12","sequence":1,"switchType":"PARTIAL_ALLOWED"},{"targetBaseOfferId":"X","sequence":2,"switchType":"SOMETIMES"}]}]}"#;
        let page: SwitchPathPage = serde_json::from_str(text).expect("decode");
        let targets = &page.product_upgrades[0].target_list;
        assert_eq!(targets[0].switch_type, SwitchType::PartialAllowed);
        assert_eq!(targets[1].switch_type, SwitchType::Other("SOMETIMES".into()));
        let again: SwitchPathPage =
            serde_json::from_str(&serde_json::to_string(&page).expect("encode")).expect("decode");
        assert_eq!(again, page);
    }
}
