//! Reading an event's coordinates as every format writes them, and what is wrong with a pair
//! that cannot be placed on a map. Every reader keeps only a pair that passes
//! [`coordinates`], so a map view can place every [`Place::point`] it finds.

use super::Place;

/// One of a place's two coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// North-south, -90 to 90.
    Lat,
    /// East-west, -180 to 180.
    Lon,
}

impl Axis {
    /// The word for it in messages.
    pub fn word(self) -> &'static str {
        match self {
            Axis::Lat => "latitude",
            Axis::Lon => "longitude",
        }
    }

    /// Its key in `[events.place]`.
    pub fn key(self) -> &'static str {
        match self {
            Axis::Lat => "lat",
            Axis::Lon => "lon",
        }
    }

    fn limit(self) -> f64 {
        match self {
            Axis::Lat => 90.0,
            Axis::Lon => 180.0,
        }
    }

    fn other(self) -> Axis {
        match self {
            Axis::Lat => Axis::Lon,
            Axis::Lon => Axis::Lat,
        }
    }
}

/// Why a pair of coordinates cannot be placed; readers report it as a warning at [`Problem::axis`].
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The coordinate at fault.
    pub axis: Axis,
    /// What is wrong, naming the value.
    pub message: String,
    /// What to do.
    pub hint: String,
}

/// What every reader says happens to a pair it cannot place.
const KEPT: &str = "the place is kept without coordinates";

/// A coordinate as written: decimal degrees, with `.` or (as European spreadsheets write it) `,`
/// before the decimals.
fn number(text: &str) -> Option<f64> {
    let text = text.trim();
    let value = match text.parse::<f64>() {
        Ok(v) => v,
        Err(_) if text.matches(',').count() == 1 && !text.contains('.') => text.replace(',', ".").parse().ok()?,
        Err(_) => return None,
    };
    value.is_finite().then_some(value)
}

/// The pair `lat`, `lon` as written (`None` or blank when not given): `Ok(None)` when neither is
/// given, the pair when both are numbers in range, else what is wrong with it.
pub fn coordinates(lat: Option<&str>, lon: Option<&str>) -> Result<Option<(f64, f64)>, Problem> {
    fn given(t: Option<&str>) -> Option<&str> {
        t.map(str::trim).filter(|t| !t.is_empty())
    }
    let read = |axis: Axis, text: &str| -> Result<f64, Problem> {
        let Some(value) = number(text) else {
            return Err(Problem {
                axis,
                message: format!("{} \"{text}\" is not a number", axis.word()),
                hint: format!("write decimal degrees such as 48.7233 (south and west are negative); {KEPT}"),
            });
        };
        if value.abs() > axis.limit() {
            let swapped = value.abs() <= axis.other().limit() && axis == Axis::Lat;
            return Err(Problem {
                axis,
                message: format!(
                    "{} {text} is out of range (-{limit} to {limit})",
                    axis.word(),
                    limit = axis.limit()
                ),
                hint: if swapped {
                    format!("it fits as a longitude: are latitude and longitude swapped? {KEPT}")
                } else {
                    format!("write decimal degrees, not minutes or metres; {KEPT}")
                },
            });
        }
        Ok(value)
    };
    match (given(lat), given(lon)) {
        (None, None) => Ok(None),
        (Some(lat), Some(lon)) => Ok(Some((read(Axis::Lat, lat)?, read(Axis::Lon, lon)?))),
        (Some(_), None) | (None, Some(_)) => {
            let axis = if given(lat).is_some() { Axis::Lat } else { Axis::Lon };
            Err(Problem {
                axis,
                message: format!("this place has a {} but no {}", axis.word(), axis.other().word()),
                hint: format!("give both coordinates, or neither; {KEPT}"),
            })
        }
    }
}

impl Place {
    /// A place of a name and a pair already checked by [`coordinates`]; `None` when it has neither.
    pub fn new(name: Option<String>, point: Option<(f64, f64)>) -> Option<Place> {
        let name = name.filter(|n| !n.trim().is_empty());
        (name.is_some() || point.is_some()).then(|| Place {
            name,
            lat: point.map(|p| p.0),
            lon: point.map(|p| p.1),
        })
    }

    /// Where a map puts it: latitude and longitude, when it has both.
    pub fn point(&self) -> Option<(f64, f64)> {
        self.lat.zip(self.lon)
    }

    /// This place as checked: its pair if [`coordinates`] accepts it, with the problem if not.
    pub fn checked(self) -> (Option<Place>, Option<Problem>) {
        let text = |v: Option<f64>| v.map(|v| v.to_string());
        let (lat, lon) = (text(self.lat), text(self.lon));
        match coordinates(lat.as_deref(), lon.as_deref()) {
            Ok(point) => (Place::new(self.name, point), None),
            Err(problem) => (Place::new(self.name, None), Some(problem)),
        }
    }

    /// One line for the detail pane and reports: the name, then the coordinates to 4 decimals
    /// (about 10 m, finer than any event dataset claims).
    pub fn label(&self) -> String {
        let point = self.point().map(|(lat, lon)| {
            let hemisphere =
                |v: f64, pos: char, neg: char| format!("{:.4}°{}", v.abs(), if v < 0.0 { neg } else { pos });
            format!("{} {}", hemisphere(lat, 'N', 'S'), hemisphere(lon, 'E', 'W'))
        });
        match (&self.name, point) {
            (Some(name), Some(point)) => format!("{name} ({point})"),
            (Some(name), None) => name.clone(),
            (None, Some(point)) => point,
            (None, None) => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_in_range_are_read_and_others_are_named() {
        assert_eq!(
            coordinates(Some("48.7233"), Some("37.5563")),
            Ok(Some((48.7233, 37.5563)))
        );
        assert_eq!(
            coordinates(Some("-33,8688"), Some("151,2093")),
            Ok(Some((-33.8688, 151.2093)))
        );
        assert_eq!(coordinates(Some(" "), None), Ok(None));
        assert_eq!(coordinates(Some("90"), Some("-180")), Ok(Some((90.0, -180.0))));
        let problem = |lat, lon| coordinates(lat, lon).unwrap_err();
        let p = problem(Some("north"), Some("37"));
        assert_eq!(
            (p.axis, p.message.as_str()),
            (Axis::Lat, "latitude \"north\" is not a number")
        );
        let p = problem(Some("137.5"), Some("48.7"));
        assert_eq!(p.message, "latitude 137.5 is out of range (-90 to 90)");
        assert!(p.hint.contains("swapped"), "{}", p.hint);
        let p = problem(Some("48"), Some("300"));
        assert_eq!(
            (p.axis, p.message.as_str()),
            (Axis::Lon, "longitude 300 is out of range (-180 to 180)")
        );
        let p = problem(None, Some("37"));
        assert_eq!(
            (p.axis, p.message.as_str()),
            (Axis::Lon, "this place has a longitude but no latitude")
        );
        assert_eq!(problem(Some("nan"), Some("1")).axis, Axis::Lat);
        assert_eq!(problem(Some("1"), Some("inf")).axis, Axis::Lon);
    }

    #[test]
    fn a_checked_place_keeps_its_name_and_drops_only_a_bad_pair() {
        let place = |name: Option<&str>, lat, lon| Place {
            name: name.map(String::from),
            lat,
            lon,
        };
        let (kept, problem) = place(Some("Kramatorsk"), Some(95.0), Some(37.0)).checked();
        assert_eq!(kept, Some(place(Some("Kramatorsk"), None, None)));
        assert!(problem.is_some());
        assert_eq!(place(None, Some(1.0), None).checked().0, None);
        let good = place(None, Some(-1.5), Some(2.0));
        assert_eq!(good.clone().checked(), (Some(good), None));
    }

    #[test]
    fn the_label_names_the_place_and_its_hemispheres() {
        let p = Place {
            name: Some("Kramatorsk".into()),
            lat: Some(48.72334),
            lon: Some(37.55631),
        };
        assert_eq!(p.label(), "Kramatorsk (48.7233°N 37.5563°E)");
        let p = Place {
            name: None,
            lat: Some(-33.8688),
            lon: Some(-70.5),
        };
        assert_eq!(p.label(), "33.8688°S 70.5000°W");
    }
}
