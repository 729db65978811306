//! Place names for exports that include locations: the nearest town of a photo's position from
//! GeoNames' cities1000 (via the offline `reverse_geocoder` crate), as "Amsterdam, NL". Nothing
//! leaves the machine; the table loads once, on the first export that asks for places.

use reverse_geocoder::ReverseGeocoder;
use std::sync::OnceLock;

/// Farther than this from any town, a photo gets no place name (at sea, in the mountains).
const MAX_KM: f64 = 50.0;

const EARTH_RADIUS_KM: f64 = 6371.0;

fn geocoder() -> &'static ReverseGeocoder {
    static GEOCODER: OnceLock<ReverseGeocoder> = OnceLock::new();
    GEOCODER.get_or_init(ReverseGeocoder::new)
}

/// "Amsterdam, NL" for a position near a town; `None` far from any, or for nonsense input.
pub fn name(lat: f64, lon: f64) -> Option<String> {
    let valid = lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon);
    if !valid {
        return None;
    }
    let found = geocoder().search((lat, lon));
    // `distance` is the squared chord between unit vectors.
    let chord = found.distance.max(0.0).sqrt();
    let km = 2.0 * (chord / 2.0).min(1.0).asin() * EARTH_RADIUS_KM;
    if km > MAX_KM {
        return None;
    }
    let record = found.record;
    Some(if record.cc.is_empty() {
        record.name.clone()
    } else {
        format!("{}, {}", record.name, record.cc)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn towns_are_named_and_the_open_sea_is_not() {
        assert_eq!(name(52.3731, 4.8922).as_deref(), Some("Amsterdam, NL"));
        assert_eq!(name(-33.8688, 151.2093).as_deref(), Some("Sydney, AU"));
        assert_eq!(name(0.0, -30.0), None, "mid-Atlantic");
        assert_eq!(name(f64::NAN, 0.0), None);
    }
}
