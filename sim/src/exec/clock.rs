//! Times as Kibana's executors print them (JavaScript's `Date.toISOString()`).

/// The current time as JavaScript's `toISOString()` prints it.
pub(crate) fn now_iso() -> String {
    iso(time::OffsetDateTime::now_utc())
}

pub(super) fn iso(t: time::OffsetDateTime) -> String {
    let f = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    t.to_offset(time::UtcOffset::UTC)
        .format(&f)
        .unwrap_or_default()
}
