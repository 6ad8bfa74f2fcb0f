//! Seeded resellers, customers and linked membership groups: every kind of account the console
//! shows (COM, EDU with each sub-segment, GOV, LGA federal and state, 3YC at each status,
//! Extended Term, pending, inactive, linked members), deterministic from the generator.

use super::self_link;
use crate::twin::gen::Gen;
use crate::twin::time;
use crate::twin::world::{Millis, World};
use partner_model::rules::account_requests::add_months;
use partner_model::types::*;

const DAY: Millis = 86_400_000;

/// (company, language, segments, country, region, city, street, postal).
type ResellerSpec = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const RESELLERS: &[ResellerSpec] = &[
    ("Northwind Software Partners", "en-US", &["COM", "EDU", "GOV"], "US", "CA", "San Jose", "200 Park Ave", "95110"),
    ("Maple Leaf Licensing Inc.", "en-US", &["COM", "EDU", "GOV"], "CA", "ON", "Toronto", "100 King St W", "M5H 2N2"),
    ("Lone Star Public Sector IT", "en-US", &["GOV", "COM"], "US", "TX", "Austin", "500 Congress Ave", "78701"),
    ("Müller & Söhne IT-Lösungen GmbH", "de-DE", &["COM", "EDU"], "DE", "", "München", "Marienplatz 8", "80331"),
    ("Sakura Digital Solutions", "ja-JP", &["COM"], "JP", "13", "Chiyoda", "1-1 Marunouchi", "100-0005"),
    ("Thames Valley Academic Supplies Ltd", "en-GB", &["EDU", "COM"], "GB", "", "Reading", "12 Broad St", "RG1 2BH"),
];

/// Addresses per country: (region, city, street, postal).
#[rustfmt::skip]
fn addresses(country: &str) -> &'static [(&'static str, &'static str, &'static str, &'static str)] {
    match country {
        "US" => &[("CA", "San Jose", "345 Park Ave", "95110"), ("WA", "Seattle", "400 Pine St", "98101"), ("MA", "Boston", "1 Beacon St", "02108"),
                  ("TX", "Austin", "301 W 2nd St", "78701"), ("DC", "Washington", "1600 K St NW", "20006"), ("CO", "Denver", "1700 Lincoln St", "80203-4501")],
        "CA" => &[("ON", "Ottawa", "90 Wellington St", "K1A 0B1"), ("BC", "Vancouver", "800 Robson St", "V6B 1A1"), ("QC", "Montréal", "1000 Rue Sherbrooke", "H3Z 2Y7")],
        "DE" => &[("", "Berlin", "Unter den Linden 5", "10117"), ("", "Hamburg", "Jungfernstieg 1", "20354")],
        "JP" => &[("13", "Shibuya", "2-21-1 Shibuya", "150-0002"), ("27", "Osaka", "3-1 Umeda", "530-0001")],
        _ => &[("", "London", "10 Downing St", "SW1A 2AA"), ("", "Oxford", "1 High St", "OX1 4AA")],
    }
}

/// What kind of customer a row seeds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Com,
    Edu(&'static str),
    Gov,
    Lga(&'static str),
    /// 3YC with the request or commitment at this status.
    Tyc(&'static str),
    Extended,
    Pending,
    Inactive,
}

use Kind::*;

/// (company, reseller index, kind, linked group index and role: 0 owner, 1 member).
type CustomerSpec = (&'static str, usize, Kind, Option<(usize, u8)>);

#[rustfmt::skip]
const CUSTOMERS: &[CustomerSpec] = &[
    ("Fairmont Hotels Group", 0, Com, None), ("Blue Harbor Logistics", 0, Com, Some((3, 0))), ("Blue Harbor Freight", 0, Com, Some((3, 1))),
    ("Cedar Creek Design Studio", 0, Com, None), ("Golden Gate Media", 0, Com, None), ("Summit Peak Architects", 0, Extended, None),
    ("Lincoln Unified School District", 0, Edu("K_12"), None), ("Bay Area State University", 0, Edu("HIGHER_ED"), None),
    ("Open Hands Foundation", 0, Edu("NON_PROFIT"), None), ("Riverside Community College", 0, Extended, None),
    ("City of Palo Alto", 0, Gov, None), ("Department of Commerce Field Office", 0, Lga("FEDERAL"), Some((0, 0))),
    ("Federal Records Administration", 0, Lga("FEDERAL"), Some((0, 1))), ("National Parks Visitor Service", 0, Lga("FEDERAL"), None),
    ("Acme Robotics", 0, Tyc("REQUESTED"), None), ("Vertex Analytics", 0, Tyc("ACCEPTED"), None), ("Quantum Ledger Corp", 0, Tyc("COMMITTED_ENDING"), None),
    ("Helios Energy Partners", 0, Tyc("RECOMMIT"), None), ("Orchid Biotech", 0, Tyc("EXPIRED"), None), ("Pioneer Print Works", 0, Tyc("NONCOMPLIANT"), None),
    ("Starlight Events", 0, Tyc("DECLINED"), None), ("Newcomer Ventures", 0, Pending, None), ("Closed Loop Recycling", 0, Inactive, None),
    ("Northern Lights Media", 1, Com, None), ("Rideau Canal Consulting", 1, Com, None), ("Prairie Grain Co-op", 1, Com, None),
    ("Toronto District School Board", 1, Edu("K_12"), Some((4, 0))), ("Ottawa Catholic School Board", 1, Edu("K_12"), Some((4, 1))),
    ("University of the North", 1, Edu("HIGHER_ED"), None), ("Ontario Ministry of Transportation", 1, Lga("STATE"), Some((2, 0))),
    ("Ontario Ministry of Health", 1, Lga("STATE"), Some((2, 1))), ("Quebec Public Works Agency", 1, Lga("STATE"), None),
    ("Borealis Mining Ltd.", 1, Tyc("COMMITTED_MIX"), None), ("Glacier Outfitters", 1, Pending, None),
    ("Texas Department of Transportation", 2, Lga("STATE"), Some((1, 0))), ("Texas Water Development Board", 2, Lga("STATE"), Some((1, 1))),
    ("Texas Parks and Wildlife", 2, Lga("STATE"), Some((1, 1))), ("City of Houston Permits Office", 2, Gov, None),
    ("Harris County Clerk", 2, Gov, None), ("Alamo Dental Group", 2, Com, None), ("Travis County Library", 2, Gov, None),
    ("Bäckerei Schröder KG", 3, Com, None), ("Rheinland Maschinenbau AG", 3, Com, None), ("Technische Hochschule Nord", 3, Edu("HIGHER_ED"), None),
    ("Grundschule am Park", 3, Edu("K_12"), None), ("Elbe Logistik GmbH", 3, Tyc("COMMITTED"), None), ("Nordlicht Verlag", 3, Extended, None),
    ("Kumo Games", 4, Com, None), ("Hinode Trading", 4, Com, None), ("Tokyo Creative Lab", 4, Tyc("ACCEPTED"), None),
    ("Kaze Architecture", 4, Com, None), ("Oxford Lane Primary School", 5, Edu("K_12"), None),
    ("Wessex College of Art", 5, Edu("HIGHER_ED"), None), ("Chiltern Charity Trust", 5, Edu("NON_PROFIT"), None),
    ("Kennet Marketing Ltd", 5, Com, None), ("Windsor Print & Post", 5, Com, None),
];

/// (name, type, segment, country, LGA, LICENSE level).
#[rustfmt::skip]
const GROUPS: &[(&str, &str, &str, &str, bool, &str)] = &[
    ("Federal Civilian Agencies Alliance", "STANDARD", "GOV", "US", true, "07"),
    ("Texas State Agencies Consortium", "CONSORTIUM", "GOV", "US", true, "08"),
    ("Ontario Public Service Group", "STANDARD", "GOV", "CA", true, "06"),
    ("Blue Harbor Affiliates", "STANDARD", "COM", "US", false, "03"),
    ("Ontario School Boards Consortium", "CONSORTIUM", "EDU", "CA", false, "04"),
];

const FIRST: &[&str] = &[
    "Ana", "Ben", "Chloé", "David", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Keiko", "Liam", "Maya", "Noah",
    "Olga", "Priya",
];
const LAST: &[&str] = &[
    "Alvarez", "Brown", "Chen", "Dubois", "Evans", "Fischer", "García", "Hughes", "Ito", "Jensen", "Kowalski",
    "Larsen", "Murphy", "Nakamura", "O'Neil", "Patel",
];

fn slug(name: &str) -> String {
    let s: String =
        name.chars().filter(|c| c.is_ascii_alphanumeric()).take(20).collect::<String>().to_ascii_lowercase();
    if s.is_empty() {
        "example".into()
    } else {
        s
    }
}

fn contact(gen: &mut Gen, company: &str) -> Contact {
    let first = gen.pick(FIRST).copied().unwrap_or("Alex");
    let last = gen.pick(LAST).copied().unwrap_or("Smith");
    let local: String = format!("{first}.{last}")
        .chars()
        .map(|c| match c {
            'é' => 'e',
            'í' => 'i',
            other => other,
        })
        .filter(|c| c.is_ascii_alphabetic() || *c == '.')
        .collect();
    Contact {
        first_name: first.into(),
        last_name: last.into(),
        email: format!("{}@{}.example.com", local.to_ascii_lowercase(), slug(company)),
        phone_number: String::new(),
    }
}

fn discount(offer_type: OfferType, level: &str) -> Discount {
    Discount::new(offer_type, level)
}

fn quantities(license: u64, consumables: u64) -> Vec<MinimumQuantity> {
    let mut q = vec![MinimumQuantity { offer_type: OfferType::License, quantity: license }];
    if consumables > 0 {
        q.push(MinimumQuantity { offer_type: OfferType::Consumables, quantity: consumables });
    }
    q
}

fn commitment(status: CommitmentStatus, start: Millis, q: Vec<MinimumQuantity>) -> Commitment {
    let start_date = time::date(start);
    let end = add_months(&start_date, 36).and_then(|d| time::parse(&d)).map_or(start, |e| e - DAY);
    Commitment { start_date, end_date: time::date(end), status: Some(status), minimum_quantities: q }
}

fn tyc(benefit: Option<Commitment>, request: Option<Commitment>, recommit: Option<Commitment>) -> Benefit {
    Benefit {
        kind: BenefitType::ThreeYearCommit,
        status: None,
        commitment: benefit,
        commitment_request: request,
        recommitment_request: recommit,
    }
}

/// The next anniversary of `created` after `now`.
fn anniversary(created: Millis, now: Millis) -> String {
    let today = time::date(now);
    let start = time::date(created);
    (1..=10).filter_map(|years| add_months(&start, 12 * years)).find(|d| *d > today).unwrap_or(today)
}

/// Adds the seeded accounts.
pub fn seed(world: &mut World, gen: &mut Gen, now: Millis, _large: bool) {
    let mut reseller_ids = Vec::new();
    for (i, (name, lang, segments, country, region, city, street, postal)) in RESELLERS.iter().enumerate() {
        let id = world.next_id();
        let created = now - (720 - 20 * i as u64) * DAY - gen.below(DAY);
        let reseller = Reseller {
            external_reference_id: format!("RS-{:04}", 100 + i),
            distributor_id: world.distributor_id.clone(),
            reseller_id: id.clone(),
            company_profile: ResellerProfile {
                company_name: (*name).into(),
                preferred_language: (*lang).into(),
                market_segments: segments.iter().map(|s| MarketSegment::from_wire(s)).collect(),
                address: Address {
                    country: (*country).into(),
                    region: (*region).into(),
                    city: (*city).into(),
                    address_line1: (*street).into(),
                    postal_code: (*postal).into(),
                    ..Address::default()
                },
                contacts: vec![contact(gen, name)],
            },
            creation_date: time::datetime(created),
            status: Status::Active,
            links: self_link(format!("/v3/resellers/{id}")),
        };
        world.resellers.insert(id.clone(), reseller);
        reseller_ids.push((id, *country, *lang));
    }
    let mut group_ids = Vec::new();
    for (name, kind, segment, country, lga, level) in GROUPS {
        let id = world.next_id();
        let created = now - (400 + gen.below(200)) * DAY;
        world.linked_groups.push(LinkedMembershipGroup {
            id: id.clone(),
            name: (*name).into(),
            kind: Some(LinkedMembershipType::from_wire(kind)),
            creation_date: time::datetime(created),
            market_segment: Some(MarketSegment::from_wire(segment)),
            country: (*country).into(),
            members_count: Some(0),
            benefit_types: if *lga { vec!["LARGE_GOVERNMENT_AGENCY".into()] } else { Vec::new() },
            discounts: vec![discount(OfferType::License, level)],
        });
        group_ids.push(id);
    }
    for (n, (name, reseller, kind, group)) in CUSTOMERS.iter().enumerate() {
        let Some((reseller_id, country, lang)) = reseller_ids.get(*reseller).cloned() else { continue };
        let places = addresses(country);
        let (region, city, street, postal) =
            places.get(n % places.len().max(1)).copied().unwrap_or(("", "London", "1 High St", "SW1A 2AA"));
        let created = match kind {
            Pending => now - gen.range(1, 30) * 60_000,
            _ => now - gen.range(20, 680) * DAY - gen.below(DAY),
        };
        let id = world.next_id();
        let mut c = Customer {
            external_reference_id: format!("CU-{:05}", 10_000 + n * 7),
            customer_id: id.clone(),
            reseller_id,
            global_sales_enabled: Some(false),
            company_profile: CustomerProfile {
                company_name: (*name).into(),
                preferred_language: lang.into(),
                market_segment: Some(MarketSegment::Commercial),
                market_sub_segments: Vec::new(),
                address: Address {
                    country: country.into(),
                    region: region.into(),
                    city: city.into(),
                    address_line1: street.into(),
                    postal_code: postal.into(),
                    ..Address::default()
                },
                contacts: vec![contact(gen, name)],
            },
            discounts: vec![
                discount(OfferType::License, gen.pick(&["01", "02", "03", "04"]).copied().unwrap_or("01")),
                discount(OfferType::Consumables, "T1"),
            ],
            coterm_date: anniversary(created, now),
            creation_date: time::datetime(created),
            status: Status::Active,
            links: self_link(format!("/v3/customers/{id}")),
            ..Customer::default()
        };
        if n % 9 == 4 {
            c.company_profile.contacts.push(contact(gen, name));
        }
        let profile = &mut c.company_profile;
        let ago = |days: u64| now - days * DAY;
        match *kind {
            Com => {}
            Edu(sub) => {
                profile.market_segment = Some(MarketSegment::Education);
                profile.market_sub_segments = vec![MarketSubSegment::from_wire(sub)];
            }
            Gov => profile.market_segment = Some(MarketSegment::Government),
            Lga(sub) => {
                profile.market_segment = Some(MarketSegment::Government);
                profile.market_sub_segments = vec![MarketSubSegment::from_wire(sub)];
                c.benefits = vec![Benefit::new(BenefitType::LargeGovernmentAgency, Some("ACTIVE"))];
                c.discounts = vec![discount(OfferType::License, "06")];
            }
            Extended => {
                let years = if profile.company_name.contains("College") { 40 } else { 26 };
                c.coterm_date = add_months(&time::date(now), years).unwrap_or_default();
                if years == 40 {
                    profile.market_segment = Some(MarketSegment::Education);
                    profile.market_sub_segments = vec![MarketSubSegment::HigherEducation];
                }
            }
            Pending => {
                c.status = Status::Pending;
                c.coterm_date.clear();
                c.discounts = vec![discount(OfferType::License, "01"), discount(OfferType::Consumables, "T1")];
            }
            Inactive => c.status = Status::Inactive,
            Tyc(state) => {
                let (benefit, level, consumables) = match state {
                    "REQUESTED" => (
                        tyc(
                            None,
                            Some(Commitment {
                                status: Some(CommitmentStatus::Requested),
                                minimum_quantities: quantities(20, 0),
                                ..Commitment::default()
                            }),
                            None,
                        ),
                        "02",
                        "T1",
                    ),
                    "ACCEPTED" => (
                        tyc(None, Some(commitment(CommitmentStatus::Accepted, ago(5), quantities(50, 1_000))), None),
                        "02",
                        "T1",
                    ),
                    "COMMITTED" => (
                        tyc(Some(commitment(CommitmentStatus::Committed, ago(300), quantities(100, 0))), None, None),
                        "14",
                        "T1",
                    ),
                    // Ends in about two weeks: inside the 30 days in which a recommitment may be requested.
                    "COMMITTED_ENDING" => (
                        tyc(Some(commitment(CommitmentStatus::Committed, ago(1_080), quantities(100, 0))), None, None),
                        "14",
                        "T1",
                    ),
                    "COMMITTED_MIX" => (
                        tyc(Some(commitment(CommitmentStatus::Committed, ago(200), quantities(10, 2_500))), None, None),
                        "12",
                        "TC",
                    ),
                    "RECOMMIT" => (
                        tyc(
                            Some(commitment(CommitmentStatus::Committed, ago(1_075), quantities(50, 0))),
                            None,
                            Some(Commitment {
                                status: Some(CommitmentStatus::Requested),
                                minimum_quantities: quantities(60, 0),
                                ..Commitment::default()
                            }),
                        ),
                        "13",
                        "T1",
                    ),
                    "EXPIRED" => (
                        tyc(Some(commitment(CommitmentStatus::Expired, ago(1_130), quantities(25, 0))), None, None),
                        "01",
                        "T1",
                    ),
                    "NONCOMPLIANT" => (
                        tyc(None, Some(commitment(CommitmentStatus::Noncompliant, ago(60), quantities(40, 0))), None),
                        "02",
                        "T1",
                    ),
                    _ => (
                        tyc(None, Some(commitment(CommitmentStatus::Declined, ago(90), quantities(30, 0))), None),
                        "01",
                        "T1",
                    ),
                };
                // The ending commitment ends the day before an anniversary, as a commitment made
                // at one does: the customer is in its final 3YC term, in the early-renewal window.
                if state == "COMMITTED_ENDING" {
                    if let Some(end) = benefit.commitment.as_ref().and_then(|c| time::parse(&c.end_date)) {
                        c.coterm_date = time::date(end + DAY);
                    }
                }
                c.benefits = vec![benefit];
                c.discounts = vec![discount(OfferType::License, level), discount(OfferType::Consumables, consumables)];
            }
        }
        if let Some((g, role)) = group {
            if let Some(gr) = group_ids.get(*g).and_then(|gid| world.linked_groups.iter_mut().find(|x| &x.id == gid)) {
                gr.members_count = Some(gr.members_count.unwrap_or(0) + 1);
                c.discounts.retain(|d| d.offer_type != OfferType::License);
                let level = gr.discounts.iter().find(|d| d.offer_type == OfferType::License).cloned();
                c.discounts.insert(0, level.unwrap_or_else(|| discount(OfferType::License, "01")));
                let role = if *role == 0 { LinkedMemberRole::Owner } else { LinkedMemberRole::Member };
                c.linked_membership = Some(LinkedMembership::of(gr, role, gr.creation_date.clone()));
            }
        }
        if *name == GLOBAL_CUSTOMER {
            c.global_sales_enabled = Some(true);
            let deployment = Deployment {
                deployment_id: GLOBAL_DEPLOYMENT.into(),
                company_profile: DeploymentProfile {
                    address: Address {
                        country: "CA".into(),
                        region: "ON".into(),
                        city: "Toronto".into(),
                        address_line1: "100 King St W".into(),
                        postal_code: "M5X 1A9".into(),
                        ..Address::default()
                    },
                },
                creation_date: time::datetime(created + (now - created) / 2),
                status: Status::Active,
                links: self_link(format!("/v3/customers/{id}/deployments/{GLOBAL_DEPLOYMENT}")),
            };
            let held = super::deployments::Held { customer_id: id.clone(), deployment };
            world.deployments.insert(GLOBAL_DEPLOYMENT.into(), held);
        }
        world.customers.insert(id.clone(), c);
        // A seeded commitment ends, and a seeded accepted request is checked, as time passes.
        super::update::schedule_3yc(world, &id);
    }
}

/// The demo's global customer, with one deployment in Canada. The deployment's id is fixed
/// rather than drawn from the world's sequence, which would move every id seeded after it.
const GLOBAL_CUSTOMER: &str = "Cedar Creek Design Studio";
const GLOBAL_DEPLOYMENT: &str = "7100000001";
