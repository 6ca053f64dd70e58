//! An ACLED-shaped CSV (the public export's 31 columns, as `tests/datasets.rs` writes them), for
//! the issue 17 target: 100,000 rows with `--preset acled` open within 1.2x a tlx-native CSV of
//! the same events. Dates are written as ACLED writes them ("24 July 2015"), so the human-date
//! reader is on the measured path, with a precision, a place and one to three outlets per row.

use std::fmt::Write as _;

const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,\
actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,\
admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const KINDS: [(&str, &str, &str); 4] = [
    ("Political violence", "Battles", "Armed clash"),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    ("Demonstrations", "Protests", "Peaceful protest"),
    (
        "Strategic developments",
        "Strategic developments",
        "Looting/property destruction",
    ),
];

const PLACES: [(&str, &str, f64, f64); 5] = [
    ("Donetsk", "Marinka", 47.94, 37.50),
    ("Luhansk", "Shchastia", 48.74, 39.23),
    ("Kyiv", "Kyiv", 50.45, 30.52),
    ("Kharkiv", "Kupiansk", 49.71, 37.61),
    ("Odesa", "Odesa", 46.48, 30.73),
];

const OUTLETS: [&str; 6] = [
    "Reuters",
    "AFP",
    "Local media",
    "Ukrainska Pravda",
    "Kyiv Post",
    "Interfax",
];

/// `rows` ACLED rows with a header, the same for the same `rows`.
pub fn csv(rows: usize) -> String {
    let mut out = String::with_capacity(rows * 330);
    out += HEADER;
    out.push('\n');
    // A small linear congruential generator: the text must not depend on a crate's version.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n
    };
    for i in 0..rows {
        let (year, month, day) = (1997 + next(28), next(12), 1 + next(28));
        let (disorder, kind, sub) = KINDS[next(KINDS.len())];
        let (admin1, location, lat, lon) = PLACES[next(PLACES.len())];
        let outlets: Vec<&str> = (0..1 + next(3)).map(|k| OUTLETS[(i + k) % OUTLETS.len()]).collect();
        let _ = writeln!(
            out,
            "UKR{i},{day} {month} {year},{year},{precision},{disorder},{kind},{sub},Military Forces of Ukraine,,1,\
             Unidentified Armed Group,,3,13,,804,Europe,Ukraine,{admin1},{location},,{location},{lat:.4},{lon:.4},1,\
             {outlets},National,\"Event {i} near {location}, as reported.\",{fatalities},,1618580000",
            month = MONTHS[month],
            precision = 1 + next(3),
            lat = lat + next(1000) as f64 / 10_000.0,
            lon = lon + next(1000) as f64 / 10_000.0,
            outlets = outlets.join("; "),
            fatalities = next(5),
        );
    }
    out
}
