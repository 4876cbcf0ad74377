//! Statistics: each case runs several times, and is reported as its median with the minimum
//! and maximum of its runs.

use crate::measure::{Feed, Load, Memory};
use crate::{FEED_CARDS, FEED_PAGES};

/// Median, minimum and maximum of several runs.
#[derive(Clone, Copy, Debug)]
pub struct Stat {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

impl Stat {
    pub fn of(values: &[f64]) -> Stat {
        assert!(!values.is_empty(), "no runs to summarize");
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        };
        Stat {
            median,
            min: v[0],
            max: v[n - 1],
        }
    }

    /// `median (min–max)`, each value written by `f`; just the median when every run gave it.
    pub fn show(&self, f: impl Fn(f64) -> String) -> String {
        let (median, min, max) = (f(self.median), f(self.min), f(self.max));
        if min == max {
            return median;
        }
        format!("{median} ({min}–{max})")
    }
}

/// `f` of each load, summarized.
pub fn stat(loads: &[Load], f: impl Fn(&Load) -> f64) -> Stat {
    Stat::of(&loads.iter().map(f).collect::<Vec<_>>())
}

/// The ratio of two medians.
pub fn ratio(a: Stat, b: Stat) -> f64 {
    a.median / b.median
}

/// `f` of the memory at point `i` of [`crate::measure::FEED_POINTS`], over the feed runs.
pub fn point(feeds: &[Feed], i: usize, f: fn(&Memory) -> f64) -> Stat {
    Stat::of(&feeds.iter().map(|(p, _)| f(&p[i])).collect::<Vec<_>>())
}

/// What each card added to `f` from the feed's first page to its last, over the feed runs.
pub fn per_card(feeds: &[Feed], f: fn(&Memory) -> f64) -> Stat {
    let added = ((FEED_PAGES - 1) * FEED_CARDS) as f64;
    Stat::of(
        &feeds
            .iter()
            .map(|(p, _)| (f(&p[3]) - f(&p[0])) / added)
            .collect::<Vec<_>>(),
    )
}
