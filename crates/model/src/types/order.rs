//! Orders and their line items, the order history page, and the order requests (NEW, PREVIEW,
//! RETURN, PREVIEW_RENEWAL, RENEWAL, and the mid-term switch and its revert) — each carrying
//! only what its type accepts.

use super::common::{is_default, lenient_u64, Links, Status};
use serde::{Deserialize, Serialize};
use serde_json::Number;

open_enum! {
    /// Type of an order.
    OrderType {
        New = "NEW",
        Preview = "PREVIEW",
        Return = "RETURN",
        PreviewRenewal = "PREVIEW_RENEWAL",
        Transfer = "TRANSFER",
        Renewal = "RENEWAL",
        PreviewSwitch = "PREVIEW_SWITCH",
        Switch = "SWITCH",
        PreviewRevertSwitch = "PREVIEW_REVERT_SWITCH",
        RevertSwitch = "REVERT_SWITCH",
    }
}

/// What a switch (or its revert) takes away: the subscription's licenses that the order's line
/// of `referenceLineItemNumber` replaces (`cancellingItems[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CancellingItem {
    #[serde(skip_serializing_if = "is_default")]
    pub ext_line_item_number: u32,
    pub reference_line_item_number: u32,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub offer_id: String,
    pub quantity: u64,
    pub subscription_id: String,
    /// A migrated High Volume Discount customer's code, as on the order's lines.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub discount_code: String,
    /// With `fetch-price=true`: the credit for what is taken away.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pricing: Option<LinePricing>,
}

/// A cancelling item of a switch request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CancellingItemRequest {
    pub ext_line_item_number: u32,
    pub reference_line_item_number: u32,
    pub subscription_id: String,
    pub quantity: u64,
    /// A migrated High Volume Discount customer's code (optional).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub discount_code: String,
}

/// The body of a mid-term switch, or of its revert (which names the switch order in
/// `reference_order_id`): one line to move to, one cancelling item it replaces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SwitchOrder {
    pub external_reference_id: String,
    pub reference_order_id: String,
    pub currency_code: String,
    pub line_items: Vec<LineItemRequest>,
    pub cancelling_items: Vec<CancellingItemRequest>,
}

/// One line of an order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LineItem {
    pub ext_line_item_number: u32,
    pub offer_id: String,
    pub quantity: u64,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub subscription_id: String,
    #[serde(skip_serializing_if = "is_default")]
    pub status: Status,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub currency_code: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub discount_code: String,
    /// The deployment the line is for, as the request named it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub deployment_id: String,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "lenient_u64")]
    pub prorated_days: Option<u64>,
    /// With `fetch-price=true`: what the line costs the partner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pricing: Option<LinePricing>,
    /// The flexible discounts asked for on the line, each with its result (`promotions` in
    /// Get Order's example).
    #[serde(skip_serializing_if = "Vec::is_empty", alias = "promotions")]
    pub flex_discounts: Vec<FlexDiscountResult>,
}

/// A line's prices (`lineItems[].pricing`, with `fetch-price=true`), in the order's currency:
/// decimal numbers as the API writes them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LinePricing {
    /// The full-term unit price at the line's level, before flexible discounts and taxes.
    pub partner_price: Option<Number>,
    /// The unit price after discounts.
    pub discounted_partner_price: Option<Number>,
    /// The prorated unit price after discounts.
    pub net_partner_price: Option<Number>,
    /// The prorated price of the line after discounts: what the partner pays Adobe for it
    /// (`lineItemPrice` in the resources' reference and the switch examples).
    #[serde(alias = "lineItemPrice")]
    pub line_item_partner_price: Option<Number>,
}

/// One flexible discount of a line (`lineItems[].flexDiscounts[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FlexDiscountResult {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub code: String,
    /// `SUCCESS`, or why the code was not applied.
    pub result: String,
}

/// An order's total for one currency (`pricingSummary[]`, with `fetch-price=true`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PricingSummary {
    /// The order's total (`totalLineItemPrice` in the resources' reference and the switch
    /// examples).
    #[serde(alias = "totalLineItemPrice")]
    pub total_line_item_partner_price: Option<Number>,
    pub currency_code: String,
}

/// An order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Order {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub external_reference_id: String,
    pub order_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub customer_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reference_order_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_type: Option<OrderType>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub currency_code: String,
    pub line_items: Vec<LineItem>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub creation_date: String,
    #[serde(skip_serializing_if = "is_default")]
    pub status: Status,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
    /// With `fetch-price=true`: the order's total per currency.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pricing_summary: Vec<PricingSummary>,
    /// With `fetch-recommendations=true` on a preview: products to suggest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommendations: Option<super::Recommendations>,
    /// A switch's (or revert's) licenses taken away.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cancelling_items: Vec<CancellingItem>,
    /// On a renewal preview: the High Growth offers (minimum order quantities) the customer
    /// can renew with, each opted for by its `renewalCode` on Update Subscription.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub eligible_offers: Vec<EligibleOffer>,
}

/// A High Growth offer a renewal preview says the customer can have.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EligibleOffer {
    pub offer_id: String,
    /// `MOQ_100`, `MOQ_250` or `MOQ_500`.
    pub renewal_code: String,
    pub eligibility_criteria: EligibilityCriteria,
}

/// What a High Growth offer asks of the customer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EligibilityCriteria {
    /// The fewest licenses the offer renews, and the customer commits to for 3-Year Commit.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "lenient_u64")]
    pub min_quantity: Option<u64>,
    /// `THREE_YEAR_COMMIT`: the offer needs a 3-Year Commit.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub additional_criteria: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub deployment_id: String,
}

impl Order {
    /// Total quantity over all lines.
    pub fn total_quantity(&self) -> u64 {
        self.line_items.iter().map(|l| l.quantity).fold(0, u64::saturating_add)
    }
}

/// A page of a customer's order history.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OrderHistoryPage {
    pub total_count: u64,
    pub count: u64,
    pub offset: u64,
    pub limit: u64,
    pub items: Vec<Order>,
    #[serde(skip_serializing_if = "is_default")]
    pub links: Links,
}

/// A line of an order request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LineItemRequest {
    pub ext_line_item_number: u32,
    pub offer_id: String,
    pub quantity: u64,
    /// The line's currency: where the current Create Order page sends it (the order-level
    /// `currencyCode` is kept for backwards compatibility; not both).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub currency_code: String,
    /// Flexible discount codes to apply to the line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flex_discount_codes: Vec<String>,
    /// The subscription a renewal line renews (none: a new product in an early renewal).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subscription_id: String,
    /// For a global customer: the deployment the line is for (none: the customer's own country).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deployment_id: String,
    /// A migrated High Volume Discount customer's code (`HVD_L18_PRE`), which its orders of
    /// the products the code is for must name: the one the preview answers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub discount_code: String,
}

impl LineItemRequest {
    /// The request for `line` of an order as answered: the same number, offer, quantity and
    /// discount codes (flexible, and a High Volume Discount's); the currency is left to the
    /// order level.
    pub fn again(line: &LineItem) -> LineItemRequest {
        LineItemRequest {
            ext_line_item_number: line.ext_line_item_number,
            offer_id: line.offer_id.clone(),
            quantity: line.quantity,
            currency_code: String::new(),
            flex_discount_codes: line.flex_discounts.iter().map(|d| d.code.clone()).collect(),
            subscription_id: String::new(),
            deployment_id: line.deployment_id.clone(),
            discount_code: line.discount_code.clone(),
        }
    }

    /// The request for `line` of a renewal as answered: [`LineItemRequest::again`] with the
    /// subscription it renews.
    pub fn renewing(line: &LineItem) -> LineItemRequest {
        LineItemRequest { subscription_id: line.subscription_id.clone(), ..LineItemRequest::again(line) }
    }
}

/// `POST /v3/customers/{id}/orders`. Each type carries only what it accepts: a
/// `referenceOrderId` only on RETURN; PREVIEW_RENEWAL without lines previews what auto-renewal
/// would order, with lines a manual renewal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderRequest {
    New {
        external_reference_id: String,
        currency_code: String,
        line_items: Vec<LineItemRequest>,
    },
    Preview {
        external_reference_id: String,
        currency_code: String,
        line_items: Vec<LineItemRequest>,
    },
    Return {
        external_reference_id: String,
        reference_order_id: String,
        currency_code: String,
        line_items: Vec<LineItemRequest>,
    },
    PreviewRenewal,
    /// PREVIEW_RENEWAL with lines: what a manual renewal would cost.
    RenewalPreview {
        external_reference_id: String,
        currency_code: String,
        line_items: Vec<LineItemRequest>,
    },
    /// RENEWAL: a manual renewal, early (before the anniversary) or late (just after it).
    Renewal {
        external_reference_id: String,
        currency_code: String,
        line_items: Vec<LineItemRequest>,
    },
    /// PREVIEW_SWITCH: what a mid-term upgrade would cost.
    PreviewSwitch(SwitchOrder),
    /// SWITCH: a mid-term upgrade.
    Switch(SwitchOrder),
    /// PREVIEW_REVERT_SWITCH: what undoing a switch would refund.
    PreviewRevertSwitch(SwitchOrder),
    /// REVERT_SWITCH: undoes a switch (within 14 days).
    RevertSwitch(SwitchOrder),
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OrderRequestWire {
    order_type: OrderType,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    external_reference_id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    reference_order_id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    currency_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    line_items: Option<Vec<LineItemRequest>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cancelling_items: Option<Vec<CancellingItemRequest>>,
}

impl OrderRequest {
    /// The order type the request is sent as.
    pub fn order_type(&self) -> OrderType {
        match self {
            OrderRequest::New { .. } => OrderType::New,
            OrderRequest::Preview { .. } => OrderType::Preview,
            OrderRequest::Return { .. } => OrderType::Return,
            OrderRequest::PreviewRenewal | OrderRequest::RenewalPreview { .. } => OrderType::PreviewRenewal,
            OrderRequest::Renewal { .. } => OrderType::Renewal,
            OrderRequest::PreviewSwitch(_) => OrderType::PreviewSwitch,
            OrderRequest::Switch(_) => OrderType::Switch,
            OrderRequest::PreviewRevertSwitch(_) => OrderType::PreviewRevertSwitch,
            OrderRequest::RevertSwitch(_) => OrderType::RevertSwitch,
        }
    }

    /// The switch (or revert) it carries, if it is one.
    pub fn switch(&self) -> Option<&SwitchOrder> {
        match self {
            OrderRequest::PreviewSwitch(o)
            | OrderRequest::Switch(o)
            | OrderRequest::PreviewRevertSwitch(o)
            | OrderRequest::RevertSwitch(o) => Some(o),
            _ => None,
        }
    }

    /// How many lines it has.
    pub fn line_count(&self) -> usize {
        match self {
            OrderRequest::New { line_items, .. }
            | OrderRequest::Preview { line_items, .. }
            | OrderRequest::Return { line_items, .. }
            | OrderRequest::RenewalPreview { line_items, .. }
            | OrderRequest::Renewal { line_items, .. } => line_items.len(),
            OrderRequest::PreviewRenewal => 0,
            OrderRequest::PreviewSwitch(o)
            | OrderRequest::Switch(o)
            | OrderRequest::PreviewRevertSwitch(o)
            | OrderRequest::RevertSwitch(o) => o.line_items.len(),
        }
    }
}

impl Serialize for OrderRequest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let order_type = self.order_type();
        let wire = match self.clone() {
            OrderRequest::New { external_reference_id, currency_code, line_items }
            | OrderRequest::Preview { external_reference_id, currency_code, line_items }
            | OrderRequest::RenewalPreview { external_reference_id, currency_code, line_items }
            | OrderRequest::Renewal { external_reference_id, currency_code, line_items } => OrderRequestWire {
                order_type,
                external_reference_id,
                reference_order_id: String::new(),
                currency_code,
                line_items: Some(line_items),
                cancelling_items: None,
            },
            OrderRequest::PreviewSwitch(o)
            | OrderRequest::Switch(o)
            | OrderRequest::PreviewRevertSwitch(o)
            | OrderRequest::RevertSwitch(o) => OrderRequestWire {
                order_type,
                external_reference_id: o.external_reference_id,
                reference_order_id: o.reference_order_id,
                currency_code: o.currency_code,
                line_items: Some(o.line_items),
                cancelling_items: Some(o.cancelling_items),
            },
            OrderRequest::Return { external_reference_id, reference_order_id, currency_code, line_items } => {
                OrderRequestWire {
                    order_type,
                    external_reference_id,
                    reference_order_id,
                    currency_code,
                    line_items: Some(line_items),
                    cancelling_items: None,
                }
            }
            OrderRequest::PreviewRenewal => OrderRequestWire {
                order_type,
                external_reference_id: String::new(),
                reference_order_id: String::new(),
                currency_code: String::new(),
                line_items: None,
                cancelling_items: None,
            },
        };
        wire.serialize(s)
    }
}

impl<'de> Deserialize<'de> for OrderRequest {
    /// Strict: refuses a type the request cannot be, a `referenceOrderId` outside RETURN and
    /// the reverts, and `cancellingItems` outside the switches.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let w = OrderRequestWire::deserialize(d)?;
        let lines = w.line_items.unwrap_or_default();
        let reverting = matches!(w.order_type, OrderType::PreviewRevertSwitch | OrderType::RevertSwitch);
        let switching = reverting || matches!(w.order_type, OrderType::PreviewSwitch | OrderType::Switch);
        if w.order_type != OrderType::Return && !reverting && !w.reference_order_id.is_empty() {
            return Err(D::Error::custom("referenceOrderId is only for RETURN orders and reverts"));
        }
        if !switching && w.cancelling_items.is_some() {
            return Err(D::Error::custom("cancellingItems are only for switch orders"));
        }
        if switching {
            let Some(cancelling_items) = w.cancelling_items else {
                return Err(D::Error::custom("a switch order needs cancellingItems"));
            };
            let o = SwitchOrder {
                external_reference_id: w.external_reference_id,
                reference_order_id: w.reference_order_id,
                currency_code: w.currency_code,
                line_items: lines,
                cancelling_items,
            };
            return Ok(match w.order_type {
                OrderType::PreviewSwitch => OrderRequest::PreviewSwitch(o),
                OrderType::Switch => OrderRequest::Switch(o),
                OrderType::PreviewRevertSwitch => OrderRequest::PreviewRevertSwitch(o),
                _ => OrderRequest::RevertSwitch(o),
            });
        }
        match w.order_type {
            OrderType::New => Ok(OrderRequest::New {
                external_reference_id: w.external_reference_id,
                currency_code: w.currency_code,
                line_items: lines,
            }),
            OrderType::Preview => Ok(OrderRequest::Preview {
                external_reference_id: w.external_reference_id,
                currency_code: w.currency_code,
                line_items: lines,
            }),
            OrderType::Return => Ok(OrderRequest::Return {
                external_reference_id: w.external_reference_id,
                reference_order_id: w.reference_order_id,
                currency_code: w.currency_code,
                line_items: lines,
            }),
            OrderType::PreviewRenewal if lines.is_empty() => Ok(OrderRequest::PreviewRenewal),
            OrderType::PreviewRenewal => Ok(OrderRequest::RenewalPreview {
                external_reference_id: w.external_reference_id,
                currency_code: w.currency_code,
                line_items: lines,
            }),
            OrderType::Renewal => Ok(OrderRequest::Renewal {
                external_reference_id: w.external_reference_id,
                currency_code: w.currency_code,
                line_items: lines,
            }),
            other => Err(D::Error::custom(format!("orders of type {other} cannot be created"))),
        }
    }
}

/// `PATCH /v3/customers/{id}/orders/{id}`: only the external reference id changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderUpdateRequest {
    pub external_reference_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answered_line_is_sent_again_with_its_codes() {
        let line = LineItem {
            ext_line_item_number: 4,
            offer_id: "65304479CA14A12".into(),
            quantity: 5,
            subscription_id: "S1".into(),
            discount_code: "HVD_L18_PRE".into(),
            flex_discounts: vec![FlexDiscountResult { code: "SPRING".into(), ..FlexDiscountResult::default() }],
            ..LineItem::default()
        };
        let again = LineItemRequest::again(&line);
        assert_eq!(
            (again.discount_code.as_str(), again.flex_discount_codes.as_slice()),
            ("HVD_L18_PRE", &["SPRING".to_string()][..])
        );
        assert_eq!(again.subscription_id, "", "a new order's line renews nothing");
        let renewing = LineItemRequest::renewing(&line);
        assert_eq!((renewing.discount_code.as_str(), renewing.subscription_id.as_str()), ("HVD_L18_PRE", "S1"));
        let json = serde_json::to_value(LineItemRequest::again(&LineItem::default())).expect("encode");
        assert!(json.get("discountCode").is_none(), "no code, none sent: {json}");
    }
}
