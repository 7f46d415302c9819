//! Points in time as reports show them: fetch times (RFC 3339, UTC, whole seconds) and
//! publication times as pages declare them, which come in many ISO 8601 spellings.

use time::format_description::well_known::{Iso8601, Rfc3339};
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Now, in UTC, as RFC 3339 with whole seconds: `2025-09-01T08:15:00Z`.
pub fn now_utc() -> String {
    let now = OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&Rfc3339).unwrap_or_default()
}

/// A publication time as a page declared it, read into UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// Seconds since the Unix epoch (midnight UTC for a date alone).
    unix: i64,
    /// The page gave a date without a time.
    date_only: bool,
}

impl Published {
    /// Reads RFC 3339 and the other ISO 8601 forms pages use (`2025-09-01T08:15:00.000+0200`,
    /// `2025-09-01T08:15Z`, `2025-09-01 08:15:00+02:00`, `2025-09-01`). A time without an
    /// offset is taken as UTC: pages that omit it are usually generated in UTC, and a guess
    /// within a day still orders stories days apart. `None` when it is not a date.
    pub fn parse(text: &str) -> Option<Published> {
        let text = text.trim();
        // A space instead of the `T` is common (and allowed by RFC 3339's note).
        let text = match text.as_bytes().get(10) {
            Some(b' ') if text.len() > 11 => format!("{}T{}", &text[..10], &text[11..]),
            _ => text.to_string(),
        };
        if let Ok(t) = OffsetDateTime::parse(&text, &Rfc3339) {
            return Some(Published::at(t, false));
        }
        if let Ok(t) = OffsetDateTime::parse(&text, &Iso8601::DEFAULT) {
            return Some(Published::at(t, false));
        }
        if let Ok(t) = PrimitiveDateTime::parse(&text, &Iso8601::DEFAULT) {
            return Some(Published::at(t.assume_offset(UtcOffset::UTC), false));
        }
        let day = text.get(..10).filter(|_| text.len() == 10)?;
        let date = Date::parse(day, &Iso8601::DEFAULT).ok()?;
        Some(Published::at(date.midnight().assume_utc(), true))
    }

    fn at(t: OffsetDateTime, date_only: bool) -> Published {
        Published {
            unix: t.unix_timestamp(),
            date_only,
        }
    }

    /// Orders by instant; for a date alone, by its midnight.
    pub fn sort_key(&self) -> i64 {
        self.unix
    }

    /// Seconds from `earlier` to `self`, and whether either side is a date alone (then
    /// counted in whole days, as a date says nothing finer).
    pub fn since(&self, earlier: &Published) -> (i64, bool) {
        const DAY: i64 = 86_400;
        if self.date_only || earlier.date_only {
            let days = self.unix.div_euclid(DAY) - earlier.unix.div_euclid(DAY);
            (days * DAY, true)
        } else {
            (self.unix - earlier.unix, false)
        }
    }

    /// In UTC: `2025-09-01T06:15:00Z`, or `2025-09-01` for a date alone.
    pub fn to_rfc3339(&self) -> String {
        let Ok(t) = OffsetDateTime::from_unix_timestamp(self.unix) else {
            return String::new();
        };
        if self.date_only {
            t.date().to_string()
        } else {
            t.format(&Rfc3339).unwrap_or_default()
        }
    }
}

/// A publication or fetch time for people: `2025-09-01 08:15 UTC`, `2025-09-01` for a date
/// alone; text that is not a date comes back as it is.
pub fn readable(text: &str) -> String {
    match Published::parse(text) {
        Some(p) if p.date_only => p.to_rfc3339(),
        Some(p) => {
            let utc = p.to_rfc3339();
            // `2025-09-01T08:15:00Z` -> `2025-09-01 08:15 UTC`
            match (utc.get(..10), utc.get(11..16)) {
                (Some(day), Some(hm)) => format!("{day} {hm} UTC"),
                _ => utc,
            }
        }
        None => text.to_string(),
    }
}

/// A time span for people: `45 min`, `3 h`, `3 h 20 min`, `2 d 5 h`; in days (`3 d`) when
/// `days_only`. Negative spans are shown by their size.
pub fn gap(seconds: i64, days_only: bool) -> String {
    let s = seconds.unsigned_abs();
    let (minutes, hours, days) = (s / 60, s / 3600, s / 86_400);
    if days_only {
        return format!("{} d", days.max(1));
    }
    if minutes < 1 {
        format!("{s} s")
    } else if hours < 1 {
        format!("{minutes} min")
    } else if days < 1 {
        match minutes % 60 {
            0 => format!("{hours} h"),
            m => format!("{hours} h {m} min"),
        }
    } else {
        match hours % 24 {
            0 => format!("{days} d"),
            h => format!("{days} d {h} h"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_spell_times_many_ways() {
        let utc = |t: &str| Published::parse(t).map(|p| p.to_rfc3339());
        assert_eq!(utc("2025-09-01T08:15:00Z").unwrap(), "2025-09-01T08:15:00Z");
        assert_eq!(
            utc("2025-09-01T10:15:00+02:00").unwrap(),
            "2025-09-01T08:15:00Z"
        );
        assert_eq!(
            utc("2025-09-01T10:15:00.000+0200").unwrap(),
            "2025-09-01T08:15:00Z"
        );
        assert_eq!(utc("2025-09-01 08:15:00Z").unwrap(), "2025-09-01T08:15:00Z");
        assert_eq!(utc("2025-09-01T08:15").unwrap(), "2025-09-01T08:15:00Z");
        assert_eq!(utc("2025-09-01").unwrap(), "2025-09-01");
        assert_eq!(utc("yesterday"), None);
        assert_eq!(utc(""), None);
        assert_eq!(utc("2025-13-45"), None);
    }

    #[test]
    fn spans_between_times() {
        let p = |t| Published::parse(t).unwrap();
        let a = p("2025-09-01T08:15:00Z");
        assert_eq!(
            p("2025-09-01T11:40:00Z").since(&a),
            (3 * 3600 + 25 * 60, false)
        );
        assert_eq!(p("2025-09-03").since(&a), (2 * 86_400, true));
        assert_eq!(p("2025-09-01").since(&a), (0, true));
        assert_eq!(gap(3 * 3600, false), "3 h");
        assert_eq!(gap(3 * 3600 + 25 * 60, false), "3 h 25 min");
        assert_eq!(gap(45 * 60, false), "45 min");
        assert_eq!(gap(2 * 86_400 + 5 * 3600, false), "2 d 5 h");
        assert_eq!(gap(2 * 86_400, true), "2 d");
        assert_eq!(gap(12, false), "12 s");
    }

    #[test]
    fn readable_times() {
        assert_eq!(
            readable("2025-09-01T10:15:00+02:00"),
            "2025-09-01 08:15 UTC"
        );
        assert_eq!(readable("2025-09-01"), "2025-09-01");
        assert_eq!(readable("last Tuesday"), "last Tuesday");
        assert!(
            now_utc().ends_with('Z') && now_utc().len() == 20,
            "{}",
            now_utc()
        );
    }
}
