//! [`Histogram`]: recorded durations in nanoseconds, with exact min, max,
//! mean and standard deviation, and percentiles to within 0.2%.
//!
//! Implementation notes: the buckets are log-linear, as HdrHistogram's:
//! values below 2^`SUB_BITS` have a bucket each; above, every power of two
//! is split into 2^(`SUB_BITS` - 1) equal buckets, so a bucket spans at most
//! 1/512 of its values. The bucket vector grows to the largest value seen.

use std::fmt;

/// Precision bits: 2^(SUB_BITS - 1) buckets per power of two.
const SUB_BITS: u32 = 10;
/// Half the linear range: the number of buckets per power of two.
const HALF: u64 = 1 << (SUB_BITS - 1);

/// Durations in nanoseconds, as Node's `Histogram` (`perf_hooks`).
///
/// # Examples
///
/// ```
/// use jsloop::Histogram;
///
/// let mut h = Histogram::new();
/// for v in [10, 20, 30, 40] {
///     h.record(v * 1_000_000);
/// }
/// assert_eq!(h.count(), 4);
/// assert_eq!(h.min(), Some(10_000_000));
/// assert_eq!(h.mean(), Some(25_000_000.0));
/// let p50 = h.percentile(50.0).unwrap();
/// assert!(p50.abs_diff(20_000_000) <= 20_000_000 / 512);
/// ```
#[derive(Clone, Default, PartialEq)]
pub struct Histogram {
    counts: Vec<u64>,
    count: u64,
    min: u64,
    max: u64,
    sum: u128,
    sum_squares: u128,
    exceeds: u64,
}

impl fmt::Debug for Histogram {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Histogram")
            .field("count", &self.count)
            .field("min", &self.min())
            .field("max", &self.max())
            .field("mean", &self.mean())
            .field("stddev", &self.stddev())
            .field("exceeds", &self.exceeds)
            .finish()
    }
}

/// The bucket of `value`.
fn index(value: u64) -> usize {
    if value < 2 * HALF {
        return value as usize;
    }
    let shift = 63 - value.leading_zeros() - (SUB_BITS - 1);
    (u64::from(shift) * HALF + (value >> shift)) as usize
}

/// The largest value that falls in bucket `index`.
fn highest(index: usize) -> u64 {
    let index = index as u64;
    if index < 2 * HALF {
        return index;
    }
    let shift = index / HALF - 1;
    let sub = index - shift * HALF;
    ((sub + 1) << shift) - 1
}

impl Histogram {
    /// The largest value recorded: one hour, in nanoseconds (Node's bound);
    /// larger ones are counted by [`Histogram::exceeds`] only.
    pub const MAX_VALUE: u64 = 3_600_000_000_000;

    /// An empty histogram.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one value; values above [`Histogram::MAX_VALUE`] only count in
    /// [`Histogram::exceeds`].
    pub fn record(&mut self, value: u64) {
        if value > Self::MAX_VALUE {
            self.exceeds += 1;
            return;
        }
        let i = index(value);
        if i >= self.counts.len() {
            self.counts.resize(i + 1, 0);
        }
        self.counts[i] += 1;
        if self.count == 0 || value < self.min {
            self.min = value;
        }
        self.max = self.max.max(value);
        self.count += 1;
        self.sum += u128::from(value);
        self.sum_squares += u128::from(value) * u128::from(value);
    }

    /// Number of values recorded (those above [`Histogram::MAX_VALUE`] excluded).
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Number of values above [`Histogram::MAX_VALUE`], not recorded.
    pub fn exceeds(&self) -> u64 {
        self.exceeds
    }

    /// The smallest value recorded, exactly.
    pub fn min(&self) -> Option<u64> {
        (self.count > 0).then_some(self.min)
    }

    /// The largest value recorded, exactly.
    pub fn max(&self) -> Option<u64> {
        (self.count > 0).then_some(self.max)
    }

    /// The mean of the values recorded, exactly (up to `f64` rounding).
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum as f64 / self.count as f64)
    }

    /// The population standard deviation of the values recorded. While
    /// every value has a bucket of its own (below 1024) it is summed over
    /// the buckets as HdrHistogram does, so to the same last digit as Node.
    pub fn stddev(&self) -> Option<f64> {
        let mean = self.mean()?;
        let n = self.count as f64;
        if self.max >= 2 * HALF {
            let variance = self.sum_squares as f64 / n - mean * mean;
            return Some(variance.max(0.0).sqrt());
        }
        let mut total = 0.0;
        for (value, &c) in self.counts.iter().enumerate() {
            if c != 0 {
                let dev = value as f64 - mean;
                total += dev * dev * c as f64;
            }
        }
        Some((total / n).sqrt())
    }

    /// The value below or at which `p` percent of the values fall (`p` in
    /// `0..=100`, clamped), to within 1/512 of it; 0 gives the minimum and
    /// 100 the maximum.
    pub fn percentile(&self, p: f64) -> Option<u64> {
        if self.count == 0 {
            return None;
        }
        let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 100.0) };
        let rank = ((p / 100.0 * self.count as f64).ceil() as u64).clamp(1, self.count);
        let mut seen = 0;
        for (i, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                return Some(highest(i).clamp(self.min, self.max));
            }
        }
        Some(self.max)
    }

    /// Percentiles as Node lists them: 0, 50, 75, 87.5, … (halving the
    /// distance to 100 until the maximum is reached), then 100.
    pub fn percentiles(&self) -> Vec<(f64, u64)> {
        let (Some(min), Some(max)) = (self.min(), self.max()) else {
            return Vec::new();
        };
        let mut out = vec![(0.0, min)];
        let mut p = 50.0;
        while p < 100.0 {
            let value = self.percentile(p).unwrap_or(max);
            out.push((p, value));
            if value >= max {
                break;
            }
            p += (100.0 - p) / 2.0;
        }
        out.push((100.0, max));
        out
    }

    /// Adds every value of `other` (Node's `RecordableHistogram.add`).
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop::Histogram;
    ///
    /// let (mut a, mut b) = (Histogram::new(), Histogram::new());
    /// a.record(3);
    /// b.record(10);
    /// b.record(2);
    /// a.add(&b);
    /// assert_eq!((a.count(), a.min(), a.max(), a.mean()), (3, Some(2), Some(10), Some(5.0)));
    /// ```
    pub fn add(&mut self, other: &Histogram) {
        if other.count > 0 {
            if other.counts.len() > self.counts.len() {
                self.counts.resize(other.counts.len(), 0);
            }
            for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
                *mine += theirs;
            }
            self.min = if self.count == 0 {
                other.min
            } else {
                self.min.min(other.min)
            };
            self.max = self.max.max(other.max);
            self.count += other.count;
            self.sum += other.sum;
            self.sum_squares += other.sum_squares;
        }
        self.exceeds += other.exceeds;
    }

    /// Forgets every value.
    pub fn reset(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_contiguous_and_tight() {
        let mut last = 0;
        for value in (0..1 << 20).chain((30..42).map(|e| (1u64 << e) + 12345)) {
            let i = index(value);
            assert!(i >= last, "{value}");
            last = i;
            assert!(highest(i) >= value, "{value}");
            assert!(highest(i) - value <= value / 512, "{value}");
            if i > 0 {
                assert!(highest(i - 1) < value, "{value}");
            }
        }
    }

    #[test]
    fn small_values_give_the_stddev_node_prints() {
        let mut h = Histogram::new();
        for v in [1, 2, 3, 4, 5, 100] {
            h.record(v);
        }
        assert_eq!(h.stddev(), Some(36.17281053805775));
        let mut h = Histogram::new();
        for v in [3, 10, 2] {
            h.record(v);
        }
        // The one-pass formula gives 3.5590260840104366.
        assert_eq!(h.stddev(), Some(3.559026084010437));
    }

    #[test]
    fn statistics_are_exact_and_percentiles_close() {
        let mut h = Histogram::new();
        assert_eq!((h.min(), h.mean(), h.percentile(50.0)), (None, None, None));
        for v in 1..=1000u64 {
            h.record(v * 1_000);
        }
        assert_eq!(h.count(), 1000);
        assert_eq!(h.min(), Some(1_000));
        assert_eq!(h.max(), Some(1_000_000));
        assert_eq!(h.mean(), Some(500_500.0));
        let sd = h.stddev().unwrap();
        assert!((sd - 288_674.990).abs() < 0.01, "{sd}");
        for (p, exact) in [(50.0, 500_000u64), (90.0, 900_000), (99.0, 990_000)] {
            let got = h.percentile(p).unwrap();
            assert!(got >= exact && got - exact <= exact / 512, "{p}: {got}");
        }
        assert_eq!(h.percentile(0.0), Some(1_000));
        assert_eq!(h.percentile(100.0), Some(1_000_000));
        let ladder: Vec<f64> = h.percentiles().iter().map(|(p, _)| *p).collect();
        assert_eq!(&ladder[..4], [0.0, 50.0, 75.0, 87.5]);
        assert_eq!(h.percentiles().last(), Some(&(100.0, 1_000_000)));
        h.record(Histogram::MAX_VALUE + 1);
        assert_eq!((h.count(), h.exceeds()), (1000, 1));
        h.reset();
        assert_eq!((h.count(), h.exceeds(), h.max()), (0, 0, None));
    }
}
