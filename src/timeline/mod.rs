//! Pure: photos + trip settings → numbered days in the trip's zone. No I/O.
