//! The table of documented error codes behind [`super::errors::ERROR_CODES`].
//!
//! Sources: the error table of the current docs' "Status codes and error handling" page, the
//! Fetch Price List, LGA and early-renewal error pages, and the 2024-02-29 specification. Where
//! they disagree the current docs win, and a `//` comment on the row says what the other said.
//!
//! Call names follow one vocabulary (the constants below), so one call is always spelled the same
//! way: the docs' "Create Customer" and "Create Customer Account" are both "Create Customer
//! Account"; "Update Subscription Auto-Renewal" (the seed's name) and "Update Subscriptions" are
//! both "Update Subscription" (the current page's name for `PATCH .../subscriptions/{id}`);
//! "Create PREVIEW_RENEWAL Order" and "Preview Renewal Order" are "Preview Renewal"; "Revert
//! Switch Order" is "Create Revert Switch Order"; "Return Order" and "Create Return Order (V3)"
//! are "Create Return Order". The LGA page names endpoints, mapped to these names.

use super::errors::ErrorCode;

const ALL: &str = "All";
const ALL_ADOBE_IO: &str = "All [Adobe I/O]";
const ALL_BUT_GETS: &str = "All (except for GETs)";
const CREATE_RESELLER: &str = "Create Reseller Account";
const GET_RESELLER: &str = "Get Reseller Account";
const UPDATE_RESELLER: &str = "Update Reseller Account";
const CREATE_CUSTOMER: &str = "Create Customer Account";
const GET_CUSTOMER: &str = "Get Customer Account";
const UPDATE_CUSTOMER: &str = "Update Customer Account";
const RC_PREVIEW: &str = "Reseller Change Preview";
const RC_COMMIT: &str = "Reseller Change Commit";
/// `PATCH /v3/customers/{customer-id}/reseller-changes`, named only on the LGA page.
const RESELLER_CHANGE: &str = "Reseller Change";
const CREATE_ORDER: &str = "Create Order";
const PREVIEW_ORDER: &str = "Preview Order";
const GET_ORDER: &str = "Get Order Details";
const ORDER_HISTORY: &str = "Get Order History";
const CANCEL_ORDER: &str = "Cancel Order";
const RETURN_ORDER: &str = "Create Return Order";
const PREVIEW_RENEWAL: &str = "Preview Renewal";
const CREATE_RENEWAL: &str = "Create Renewal Order";
const PREVIEW_SWITCH: &str = "Preview Switch Order";
const CREATE_SWITCH: &str = "Create Switch Order";
const PREVIEW_REVERT: &str = "Preview Revert Switch Order";
const CREATE_REVERT: &str = "Create Revert Switch Order";
const GET_SUBSCRIPTION: &str = "Get Subscription Details";
const ALL_SUBSCRIPTIONS: &str = "Get All Subscriptions";
const UPDATE_SUBSCRIPTION: &str = "Update Subscription";
const CREATE_SUBSCRIPTION: &str = "Create Subscription";
const PREVIEW_OFFERS: &str = "Preview Offers";
const TRANSFER: &str = "Transfer Subscriptions";
const GET_TRANSFER: &str = "Get Transfer Details";
const CREATE_DEPLOYMENT: &str = "Create Deployment";
const PRICE_LISTS: &str = "Fetch Price Lists";
const FLEX_DISCOUNTS: &str = "Get Flexible Discounts";
const RECOMMENDATIONS: &str = "Fetch Recommendations";
const LM_SEARCH: &str = "Search Linked Membership Groups";
const LM_ENROLL: &str = "Enroll in Linked Membership";
/// `POST /v1/account_groups`, named only on the LGA page.
const LM_CREATE: &str = "Create Linked Membership Group";

const ACCOUNTS: &[&str] = &[CREATE_RESELLER, UPDATE_RESELLER, CREATE_CUSTOMER, UPDATE_CUSTOMER];
const ORDERING: &[&str] = &[PREVIEW_ORDER, CREATE_ORDER];
const RETURNING: &[&str] = &[RETURN_ORDER];
const FLEX: &[&str] = &[CREATE_ORDER, PREVIEW_ORDER, UPDATE_SUBSCRIPTION, CREATE_SUBSCRIPTION];
const SWITCHING: &[&str] = &[PREVIEW_SWITCH, CREATE_SWITCH];
const RENEWING: &[&str] = &[PREVIEW_RENEWAL, CREATE_RENEWAL];
const MIGRATING: &[&str] = &[PREVIEW_OFFERS, TRANSFER];
const GLOBAL: &[&str] = &[UPDATE_CUSTOMER, RC_COMMIT, CREATE_DEPLOYMENT, CREATE_ORDER];
const RESELLER_CHANGES: &[&str] = &[RC_PREVIEW, RC_COMMIT];
const SUBSCRIPTION: &[&str] = &[UPDATE_SUBSCRIPTION];

const fn e(
    code: u16,
    http_status: u16,
    message: &'static str,
    applies_to: &'static [&'static str],
    what_to_do: &'static str,
) -> ErrorCode {
    ErrorCode { code, http_status, message, applies_to, what_to_do }
}

/// Every documented error code, sorted by code.
#[rustfmt::skip]
pub static ERROR_CODES: &[ErrorCode] = &[
    e(1114, 400, "Invalid Distributor", &[CREATE_RESELLER],
        "The distributor ID the console sends is not one Adobe knows: ask whoever runs the console to check the distributor ID in its configuration."),
    // The seed names only Create Customer Account, Get and Update Reseller Account.
    e(1115, 404, "Invalid Reseller", &[CREATE_CUSTOMER, GET_RESELLER, UPDATE_RESELLER, RC_PREVIEW, RC_COMMIT],
        "Check the reseller ID: it may be mistyped or belong to another distributor. Open the reseller from the list rather than typing its ID."),
    e(1116, 404, "Invalid Customer", &[GET_CUSTOMER, UPDATE_CUSTOMER, ORDER_HISTORY, ALL_SUBSCRIPTIONS],
        "Check the customer ID: it may be mistyped or belong to another reseller. Open the customer from the list rather than typing its ID."),
    // The table says the field names come in an `invalidFields` array; its own example (and the
    // LGA page) put them in `additionalDetails`. LGA: a coterm date over 23 months away is refused.
    e(1117, 400, "Some fields are invalid", &[CREATE_RESELLER, UPDATE_RESELLER, CREATE_CUSTOMER, UPDATE_CUSTOMER, CREATE_ORDER, UPDATE_SUBSCRIPTION],
        "Correct the fields marked on the form and send again. For a Large Government Agency customer, the coterm date must be at most 23 months away."),
    // The LGA page adds the linked membership calls (country mismatch, missing or invalid country).
    e(1118, 400, "Invalid Address", &[CREATE_RESELLER, UPDATE_RESELLER, CREATE_CUSTOMER, UPDATE_CUSTOMER, LM_SEARCH, LM_ENROLL],
        "Check the address: postal code, city and region must match the country. To join a linked membership, the customer's country must be the group's country."),
    e(1119, 400, "Some fields are not editable", &[UPDATE_CUSTOMER, UPDATE_RESELLER, CANCEL_ORDER, UPDATE_SUBSCRIPTION],
        "Send the fixed fields (company name, country, region) unchanged and edit only the others. A contact's name can only be changed through Adobe support."),
    e(1121, 400, "Request contains additional unexpected fields.", &[ALL],
        "The console sent a field the API does not accept: report it to whoever maintains the console, with the time of the error."),
    e(1122, 400, "Request is missing required fields", &[ALL_BUT_GETS],
        "Fill in every required field and send again; if none was empty, report it to whoever maintains the console."),
    // Marked "Deprecated" in place of call names: external reference IDs need not be unique.
    e(1123, 400, "Duplicate externalReferenceId", &[],
        "External references no longer need to be unique, so this should not appear; if it does, send again with a different external reference."),
    e(1124, 500, "Internal Server Error. Please try again later", &[ALL],
        "Adobe's side failed: wait a few minutes and try again. If it keeps failing, contact Adobe partner support with the time of the error."),
    e(1125, 400, "Account cannot be updated while status is pending or blocked", &[UPDATE_RESELLER, UPDATE_CUSTOMER],
        "Wait until Adobe has finished validating the new account (status Active), then edit it again; a blocked account needs Adobe support."),
    e(1126, 400, "Customer cannot be created because reseller account is inactive", &[CREATE_CUSTOMER],
        "Create the customer under an active reseller, or get this reseller reactivated first (check its status and address)."),
    e(1127, 400, "Account already exists", &[CREATE_CUSTOMER],
        "A customer with this company name and admin already exists: find it in the customer list and use it instead of creating another."),
    e(1128, 404, "Invalid Reseller Change Code", RESELLER_CHANGES,
        "Check the approval code with the customer: it is the code their admin generated in the Adobe Admin Console."),
    e(1129, 404, "Reseller Change Code is expired", RESELLER_CHANGES,
        "Approval codes last 72 hours: ask the customer's admin to generate a new one in the Adobe Admin Console."),
    e(1131, 400, "Reseller Change is already complete", RESELLER_CHANGES,
        "The customer has already moved to the new reseller; open the customer to see it. Nothing more to do."),
    e(1132, 400, "Invalid value for search parameter", &[ORDER_HISTORY],
        "Check the order-history filters (order type, status, dates) and search again."),
    e(1133, 400, "Offset out of range", &[ORDER_HISTORY],
        "That page is past the end of the results: go back to the first page."),
    // Scenarios: INVALID_RESELLER_ID (invalid, or the current reseller) and
    // INVALID_CUSTOMER_MARKET_SEGMENT (removing one of the reseller's market segments; on a
    // reseller change, a reseller that does not sell into the customer's segment).
    e(1134, 400, "Invalid operation on path", &[RC_PREVIEW, RC_COMMIT, UPDATE_RESELLER],
        "Pick an active reseller other than the current one that sells into the customer's market segment; when updating a reseller, keep every market segment it already has."),
    e(1139, 400, "Partner is not enabled for global sales", GLOBAL,
        "Your partner account is not set up for global sales: ask your distributor or Adobe partner support to enable it."),
    e(1140, 400, "Customer is not enabled for global sales", GLOBAL,
        "Turn on global sales for the customer first (edit the customer), then create the deployment or order again."),
    e(1141, 400, "Deployment and customer country cannot be the same", &[CREATE_DEPLOYMENT],
        "A deployment is for another country: choose a country different from the customer's own."),
    e(1142, 400, "Market segment not allowed for global sales", &[UPDATE_CUSTOMER, CREATE_ORDER],
        "Global sales are not open to this customer's market segment: order in the customer's own country instead."),
    e(1143, 404, "Linked Account Group Not Found", &[LM_SEARCH],
        "No LGA linked membership group matches: check the country (US or CA) and the name, or create a new group for the customer."),
    e(1147, 400, "3YC Customer not allowed", &[CREATE_CUSTOMER],
        "A Large Government Agency customer cannot also have Three-Year Commit: remove the 3YC request or the LGA benefit."),
    e(1153, 400, "Invalid group id", &[LM_ENROLL],
        "The customer and the linked membership group must be under the same distributor: pick a group under yours."),
    e(1159, 400, "Inactive Partner Contract", &[PRICE_LISTS],
        "Your partner contract is inactive, so no price list is available: contact your distributor or Adobe partner support."),
    e(1160, 400, "Invalid Market Segment for Partner", &[PRICE_LISTS],
        "Ask for the price list of a market segment your partner account sells in."),
    e(1161, 400, "Invalid Currency/Region for Partner", &[PRICE_LISTS],
        "Choose a region and currency your partner account is set up for."),
    e(1162, 404, "Price List not found", &[PRICE_LISTS],
        "No price list is published for that month, segment, region and currency: try another month or combination."),
    e(1163, 400, "Market segment not allowed for Large Government Agency", &[UPDATE_CUSTOMER, LM_CREATE, CREATE_CUSTOMER],
        "Large Government Agency customers and groups must be in the Government (GOV) market segment: change the segment and send again."),
    e(1164, 400, "Large Government Agency is not enabled for partner", &[TRANSFER, UPDATE_CUSTOMER, CREATE_CUSTOMER, RESELLER_CHANGE],
        "Your distributor is not enabled to sell to Large Government Agencies: ask Adobe partner support, or use an LGA-enabled distributor."),
    e(1165, 400, "Large Government Agency is not enabled for customer", &[LM_ENROLL],
        "Only LGA customers can join an LGA group: make the customer an LGA customer first, or choose another group."),
    e(1166, 400, "Large Government Agency is not enabled for linked account group", &[LM_ENROLL],
        "That group is not an LGA group: search the LGA groups and pick one of them."),
    e(1167, 400, "Invalid country for Large Government Agency", &[UPDATE_CUSTOMER, CREATE_CUSTOMER],
        "Large Government Agency customers are only possible in the United States and Canada: check the customer's and the distributor's country."),
    e(1168, 400, "Market subsegment not allowed for Large Government Agency", &[CREATE_CUSTOMER],
        "Set the customer's sub-segment to Federal or State."),
    e(1169, 400, "This offer is not allowed for Large Government Agency", &[UPDATE_CUSTOMER, CREATE_ORDER],
        "Choose an offer sold to Large Government Agencies (see the GOV price list) and send again."),
    e(1170, 400, "Invalid quantity for Large Government Agency", &[UPDATE_CUSTOMER, CREATE_ORDER],
        "Check the quantity against the Large Government Agency rules for this offer and send again."),
    e(1178, 400, "Invalid Country for Partner", &[FLEX_DISCOUNTS],
        "Ask for the flexible discounts of a country your partner account sells in."),
    e(2115, 404, "Invalid Customer or Order ID", &[GET_ORDER, CANCEL_ORDER],
        "Check the order ID and that the order belongs to this customer; open it from the customer's order history."),
    e(2116, 400, "Invalid status", &[CANCEL_ORDER],
        "The order's current status does not allow cancelling it: open the order to check its status."),
    e(2117, 400, "Cancellation window has closed", &[CANCEL_ORDER],
        "Orders can only be cancelled within 14 days of being placed; this one can no longer be cancelled."),
    e(2118, 400, "Order has already been cancelled", &[CANCEL_ORDER],
        "Nothing more to do: the order is already cancelled. Refresh to see its current status."),
    e(2119, 400, "Too many line items", ORDERING,
        "An order holds at most 499 lines: split it into several orders."),
    e(2120, 400, "Line item quantity out of range", ORDERING,
        "Each line needs a quantity of at least 1 and at most 10,000 for Team products: change the quantity."),
    e(2121, 400, "Duplicate line item numbers", ORDERING,
        "Give every line a different line number and send again."),
    e(2122, 400, "Line item Offer ID is invalid", ORDERING,
        "Check the offer ID against the current price list for the customer's market segment and region."),
    e(2123, 400, "extLineItemNumber out of range", ORDERING,
        "Line numbers must be between 0 and 999999: renumber the lines."),
    e(2124, 400, "Distributor not allowed to sell the program", ORDERING,
        "Your distributor is not set up to sell this offer's program: choose another offer or ask your distributor."),
    // The current table lists this row twice, identically.
    e(2125, 400, "Distributor not allowed to sell in the currency for the region", ORDERING,
        "Use the currency your distributor is set up for in the customer's region."),
    e(2126, 400, "externalReferenceId exceeds maximum character limit", &[CREATE_ORDER, CREATE_RESELLER, CREATE_CUSTOMER],
        "Shorten the external reference to 35 characters or fewer."),
    e(2128, 400, "Currency is not valid for Offer ID", ORDERING,
        "Each offer is sold in given currencies: use the offer ID for the order's currency, as listed in the price list."),
    // The seed's market-segment section adds Preview Order. The LGA page words the message
    // "... the Offer ID" and gives the detail "Reason: Not an LGA Customer" (levels 06 to 09),
    // which the order page explains at its line; the advice is for every reason.
    e(2129, 400, "Customer is not eligible to purchase Offer ID", &[CREATE_ORDER],
        "Look at the reason given with the error and change the order to suit it."),
    e(2130, 400, "Line item Offer ID does not match original order", RETURNING,
        "A return must use the offer ID of the original order's line: copy the line from the original order."),
    e(2131, 400, "extLineItemNumber does not match original order", RETURNING,
        "Use the line number of the original order's line you are returning."),
    e(2132, 400, "Line item quantity does not match original order", RETURNING,
        "Lines cannot be partly returned: return the full quantity of the original line."),
    e(2133, 400, "Line item has already been returned", RETURNING,
        "That line is already returned: remove it from this return."),
    e(2134, 400, "Line item cannot be returned as the order already expired", RETURNING,
        "The return window of that order has passed, so it can no longer be returned."),
    // The seed names only Create Customer and Update Customer.
    e(2135, 400, "Invalid market segment used for customer", ACCOUNTS,
        "Choose a market segment the reseller is enabled for; a customer's segment can only change while it has no active subscriptions."),
    e(2136, 400, "Please review the renewal settings. Auto-renewal needs to be turned on for at least 1 quantity", &[PREVIEW_RENEWAL],
        "Turn auto-renewal on for at least one subscription, then preview the renewal again."),
    e(2137, 400, "Currency code not aligned", &[CREATE_ORDER],
        "Use one currency that matches the offers and your distributor's set-up on every line."),
    e(2138, 404, "Invalid Deployment", &[CREATE_ORDER],
        "Check the deployment ID: it must be one of this customer's deployments."),
    e(2139, 400, "Deployment not allowed for this contract", &[CREATE_ORDER],
        "This customer's contract does not take deployment orders: order without a deployment."),
    e(2140, 400, "Order contains order level currency and line-item level currency", &[CREATE_ORDER],
        "Give the currency either on the order or on each line, not both; if the console did this, report it to whoever maintains it."),
    // additionalDetails: "Line Item: 1, Reason: Invalid Flexible Discount".
    e(2141, 400, "Customer is not qualified for the flexible discount.", FLEX,
        "Remove the flexible discount code from the line named in the error, or check the discount's eligibility rules."),
    e(2142, 400, "This Flexible Discount is for one time use and is no longer available.", &[FLEX_DISCOUNTS],
        "The customer has already used this one-time discount: order without it or pick another."),
    e(2144, 400, "Flexible Discount cannot be applied in combination with other discounts.", FLEX,
        "Use either this flexible discount or the line's other discount, not both."),
    e(2145, 400, "Flexible discount codes cannot be applied to non-base products.", FLEX,
        "Put the code on base products only, not on add-ons."),
    e(2146, 400, "Invalid Flexible Discount Code", FLEX,
        "Check the code for typos, and that it is active for the customer's country."),
    e(2147, 400, "Only one Flexible Discount code is allowed per line item.", FLEX,
        "Keep one flexible discount code per line."),
    e(2148, 400, "Invalid pricing request for multiple currencies.", &[PREVIEW_ORDER, PREVIEW_RENEWAL],
        "Prices cannot be previewed for an order in several currencies: preview without prices, or one currency at a time."),
    e(2149, 400, "Switch plan error: Requested quantity and cancel quantity must be equal.", SWITCHING,
        "Make the new product's quantity equal to the quantity cancelled from the old one."),
    e(2150, 400, "Switch path validity check failed.", SWITCHING,
        "This product cannot be upgraded to the chosen one: pick a target from the subscription's upgrade paths."),
    e(2151, 400, "Requested quantity must be less than or equal to the active subscription quantity.", SWITCHING,
        "Lower the quantity to at most the subscription's active quantity, less any licenses an upgrade or a return still being processed is taking."),
    e(2152, 400, "Only one item supported for switch", SWITCHING,
        "Switch one product per order: send the lines one at a time."),
    e(2153, 400, "Line item and cancelling line item mismatch.", SWITCHING,
        "Make the new line and its cancelling line refer to the same subscription and quantity."),
    e(2154, 400, "Upgrade not supported", SWITCHING,
        "If you chose to move the users, go on without moving them (Adobe does not move users to, from or between enterprise products, nor from a single app to All Apps) and assign them afterwards; otherwise make the change at renewal."),
    e(2164, 400, "All subscriptions are already renewed.", RENEWING,
        "Nothing is left to renew this term, so no renewal order is needed."),
    e(2166, 400, "This promo code is applicable for only 3YC customers.", &[PREVIEW_RENEWAL, CREATE_ORDER, PREVIEW_ORDER],
        "Remove the code, or enrol the customer in Three-Year Commit first."),
    // The early-renewal page gives HTTP 400; the main table, the seed and the endpoint pages 404.
    e(3115, 404, "Invalid Customer or Subscription ID", &[GET_SUBSCRIPTION, UPDATE_SUBSCRIPTION, PREVIEW_SWITCH, CREATE_SWITCH, PREVIEW_REVERT, CREATE_REVERT],
        "Check the subscription ID and that it belongs to this customer; open it from the customer's subscriptions."),
    e(3116, 400, "renewalQuantity out of range", SUBSCRIPTION,
        "Set a renewal quantity of at least 1, and at most 10,000 for Team products."),
    // No call is named for 3117 and 3118, in the seed or the current docs.
    e(3117, 400, "currentQuantity out of range", &[],
        "A quantity is outside the product's limits: check it and send again."),
    e(3118, 400, "orderQuantity out of range", &[],
        "The ordered quantity is outside the product's limits: check it and send again."),
    e(3119, 400, "Inactive Subscription is not Editable", SUBSCRIPTION,
        "Only active subscriptions can be changed. To bring back an expired one, place a renewal order if it is offered for manual renewal."),
    e(3120, 400, "Update could not be performed because it would create an invalid renewal order", SUBSCRIPTION,
        "Change the renewal setting or quantity so the next renewal would still be valid; preview the renewal to see what it would contain."),
    // The main table gives two messages, "Subscription is Active" and this one; the
    // early-renewal page gives only this one.
    e(3121, 400, "Subscription Not allowed for Renewal.", RENEWING,
        "Renew each existing subscription's full current quantity before combining it with other lines in one renewal order."),
    // No HTTP status documented (400 like every other renewal error); the call-name cell says
    // "Renewal Order attempted 30 days after Anniversary Date".
    e(3122, 400, "Not within Renewal Window", &[CREATE_RENEWAL],
        "The renewal window has closed: place a new order for the products instead."),
    e(3131, 400, "Early renewal in progress. Invalid order type.", &[CREATE_ORDER, CREATE_SWITCH, CREATE_REVERT, PREVIEW_SWITCH, PREVIEW_REVERT],
        "Wait until the customer's early renewal order has finished processing, then send this order again."),
    e(3132, 400, "Ineligible product for orderType.", &[PREVIEW_RENEWAL, CREATE_RENEWAL, PREVIEW_SWITCH, CREATE_SWITCH, PREVIEW_REVERT, CREATE_REVERT],
        "This product cannot be used with this kind of order (for example an end-of-sale product cannot be renewed early): remove it."),
    e(3133, 400, "Early renewal is not allowed for customers in final 3YC term.", RENEWING,
        "In the last year of a Three-Year Commit the customer must recommit before renewing early, or wait for the normal renewal."),
    e(4115, 403, "API key is invalid or missing", &[ALL_ADOBE_IO],
        "The proxy's API key was refused: ask whoever runs the console's proxy to check its Adobe I/O API key."),
    e(4116, 401, "Authorization token is invalid", &[ALL_ADOBE_IO],
        "The proxy's access token was refused: try again in a minute, and if it persists ask whoever runs the proxy to check its Adobe credentials."),
    e(4117, 403, "Authorization token is missing", &[ALL_ADOBE_IO],
        "The proxy sent no access token: ask whoever runs the console's proxy to check its Adobe credentials."),
    e(4118, 429, "Too many requests", &[ALL_ADOBE_IO],
        "Adobe is limiting requests: wait a minute and try again."),
    e(4119, 400, "Correlation ID is Invalid or Missing", &[ALL],
        "The console sets this header itself, so this is a console or proxy fault: reload, try again, and report it if it repeats."),
    e(4120, 400, "Duplicate request id, same requestId has already been processed", &[ALL],
        "Send again (each attempt gets a new request ID); if it repeats, report it to whoever maintains the console."),
    e(4121, 403, "You are not allowed to perform that action on this resource", &[ALL],
        "Check that you opened the right record; if you should be able to do this, ask your distributor for access."),
    // "Create Order (Only For Manual Renewal)" in the docs.
    e(4122, 400, "This request is already being processed. Please wait a moment and try again.", &[TRANSFER, CREATE_RENEWAL, CANCEL_ORDER],
        "The same request is still running: wait a moment, refresh the record to see whether it went through, and only then send again."),
    // The endpoint pages of the migration calls answer an invalid membership ID with 404; the
    // error tables (current and seed) say 400 for 5115 and 5116.
    e(5115, 400, "Invalid Membership ID", MIGRATING,
        "Check the VIP membership ID with the customer: it is shown in their Adobe Admin Console."),
    e(5116, 400, "Invalid Membership or Transfer ID", &[GET_TRANSFER],
        "Check both the membership ID and the transfer ID of the transfer you are opening."),
    // Documented as "... for transfer (see table below for REASON_CODE list)": doc text, not message.
    e(5117, 400, "Customer is not eligible for transfer", MIGRATING,
        "Read the reason given with the error: each has its own fix, and returnable purchases or open purchase authorizations can be bypassed with the transfer options."),
    e(5118, 400, "Customer has already been transferred", MIGRATING,
        "The customer is already in VIP Marketplace: find them in the customer list instead of transferring again."),
    e(5119, 400, "Customer cannot be transferred because reseller account is inactive", &[TRANSFER],
        "Transfer the customer to an active reseller, or get this reseller reactivated first."),
    e(5120, 400, "Customer cannot be transferred because there are no admin contacts", MIGRATING,
        "The customer must add an administrator to their VIP account in the Adobe Admin Console, then try again."),
    e(5121, 400, "Transfer currently in progress for this customer", MIGRATING,
        "A transfer is already running: wait for it to finish and open it to check its status."),
    // Three messages: Create Order "Order placement is currently unavailable. Please try again
    // later."; Fetch Price List "Invalid Request"; Update Reseller "Invalid Request" with
    // "Reseller is not permitted to remove existing market segments".
    e(5122, 400, "Order placement is currently unavailable. Please try again later.", &[CREATE_ORDER, PRICE_LISTS, UPDATE_RESELLER],
        "For an order, wait and try again later. For a reseller update, keep every market segment the reseller already has."),
    e(5123, 400, "Invalid Discount Code", SUBSCRIPTION,
        "Check the renewal code against the High Growth Offers the customer is eligible for (shown in a renewal preview)."),
    e(5124, 400, "Invalid Renewal Quantity for Discount Code", SUBSCRIPTION,
        "Set a renewal quantity that meets the offer's minimum (for example at least 100 for MOQ_100)."),
    e(5125, 400, "Invalid Request for Discount Code", SUBSCRIPTION,
        "This subscription and code do not go together: preview the renewal to see which offers the customer can use."),
    e(5126, 400, "Invalid Current Quantity for Discount Code", SUBSCRIPTION,
        "The subscription's current quantity is below the offer's minimum: raise it before applying the code."),
    e(5127, 400, "Discount Code is not valid for the current time period", SUBSCRIPTION,
        "This code cannot be used at this point of the term: apply it when the offer is valid."),
    e(5128, 400, "Discount code not applicable for regular customer", SUBSCRIPTION,
        "This offer needs a Three-Year Commit: enrol the customer in 3YC first."),
    e(5129, 400, "Discount Code not applicable for 3yc committed quantity", SUBSCRIPTION,
        "The customer's 3YC committed quantity does not qualify for this code: choose another offer or review the commitment."),
    e(5131, 400, "Invalid Order Quantity for Discount Code", SUBSCRIPTION,
        "Order at least the offer's minimum quantity for this code."),
    // Described: when the customer opts for the same MOQ offer in the new 3YC term.
    e(5132, 400, "Discount Code not applicable for the current term", SUBSCRIPTION,
        "The customer already has this minimum-quantity offer for the new 3YC term: choose a different offer."),
    // Described: cancelling would push the remaining quantity below the MOQ offer quantity.
    e(5133, 400, "Order cancellation not allowed below MOQ quantity", RETURNING,
        "Returning this much would leave less than the offer's minimum quantity: return a smaller quantity."),
    // Described: when the customer tries to turn off auto-renewal for an MOQ offer.
    e(5134, 400, "Could not turn off Auto Renewal for MOQ offer", SUBSCRIPTION,
        "Auto-renewal stays on for minimum-quantity offers: leave it enabled."),
    e(5135, 400, "Invalid Discount Code", &[CREATE_ORDER],
        "Check the discount code on the lines: HVD codes are only for High Volume Discount customers who moved from VIP."),
    // 5136 and 5137 are documented as the code word, a blank line, then the sentence.
    e(5136, 400, "INVALID_COUNTRY: Not allowed to fetch Recommendations for Country <code>", &[RECOMMENDATIONS, GET_ORDER, PREVIEW_ORDER],
        "Recommendations are not offered for this country; the order itself is not affected, so carry on without them."),
    e(5137, 400, "INVALID_LANGUAGE: Not allowed to fetch Recommendations for language <code>", &[RECOMMENDATIONS, GET_ORDER, PREVIEW_ORDER],
        "Recommendations are not offered in this language; the order itself is not affected, so carry on without them."),
];
