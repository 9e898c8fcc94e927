//! Property test: random set/clear/advance sequences against a reference
//! model of JavaScript timer semantics, under the virtual clock.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use jsloop::{EventLoop, TimerId, VirtualClock};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    /// A timeout (or interval) with this delay in ms.
    Set { delay: u64, repeat: bool },
    /// Clear the k-th timer ever set (modulo the count), if it exists.
    Clear { k: usize },
    /// Refresh the k-th timer.
    Refresh { k: usize },
    /// Move the clock forward and run one turn.
    Advance { ms: u64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u64..20, any::<bool>()).prop_map(|(delay, repeat)| Op::Set { delay, repeat }),
        2 => (0usize..64).prop_map(|k| Op::Clear { k }),
        1 => (0usize..64).prop_map(|k| Op::Refresh { k }),
        4 => (0u64..15).prop_map(|ms| Op::Advance { ms }),
    ]
}

/// The reference: a list of live timers, fired in (deadline, sequence)
/// order; an interval is rescheduled at `now + period` after it runs.
#[derive(Default)]
struct Model {
    now: u64,
    seq: u64,
    /// (label, deadline, seq, period, repeat)
    live: Vec<(usize, u64, u64, u64, bool)>,
    fired: Vec<(usize, u64)>,
}

impl Model {
    fn set(&mut self, label: usize, delay: u64, repeat: bool) {
        let period = delay.max(1);
        self.seq += 1;
        self.live
            .push((label, self.now + period, self.seq, period, repeat));
    }

    fn clear(&mut self, label: usize) -> bool {
        let before = self.live.len();
        self.live.retain(|t| t.0 != label);
        before != self.live.len()
    }

    fn refresh(&mut self, label: usize) -> bool {
        let (now, seq) = (self.now, self.seq + 1);
        match self.live.iter_mut().find(|t| t.0 == label) {
            Some(t) => {
                t.1 = now + t.3;
                t.2 = seq;
                self.seq = seq;
                true
            }
            None => false,
        }
    }

    fn advance(&mut self, ms: u64) {
        self.now += ms;
        loop {
            let due = self
                .live
                .iter()
                .enumerate()
                .filter(|(_, t)| t.1 <= self.now)
                .min_by_key(|(_, t)| (t.1, t.2))
                .map(|(i, _)| i);
            let Some(i) = due else { break };
            let t = self.live[i];
            self.fired.push((t.0, self.now));
            if t.4 {
                self.seq += 1;
                self.live[i].1 = self.now + t.3;
                self.live[i].2 = self.seq;
            } else {
                self.live.remove(i);
            }
        }
    }
}

/// (timer label, loop time) of each callback run.
type Fired = Vec<(usize, u64)>;

fn run_ops(ops: &[Op]) -> (Fired, Fired) {
    let clock = VirtualClock::new();
    let lp = EventLoop::builder()
        .clock(clock.clone())
        .spin(Duration::ZERO)
        .build();
    let fired: Rc<RefCell<Vec<(usize, u64)>>> = Rc::default();
    let mut ids: Vec<TimerId> = Vec::new();
    let mut model = Model::default();
    for op in ops {
        match *op {
            Op::Set { delay, repeat } => {
                let label = ids.len();
                let f = fired.clone();
                let cb = move |lp: &EventLoop| f.borrow_mut().push((label, lp.now()));
                let d = Duration::from_millis(delay);
                let id = if repeat {
                    lp.set_interval(d, cb).unwrap()
                } else {
                    lp.set_timeout(d, cb).unwrap()
                };
                ids.push(id);
                model.set(label, delay, repeat);
            }
            Op::Clear { k } if !ids.is_empty() => {
                let label = k % ids.len();
                assert_eq!(lp.clear_timer(ids[label]), model.clear(label));
            }
            Op::Refresh { k } if !ids.is_empty() => {
                let label = k % ids.len();
                assert_eq!(lp.refresh_timer(ids[label]), model.refresh(label));
            }
            Op::Advance { ms } => {
                clock.advance(Duration::from_millis(ms));
                lp.run_nowait().unwrap();
                model.advance(ms);
            }
            _ => {}
        }
        assert_eq!(lp.stats().timers, model.live.len());
    }
    let got = fired.borrow().clone();
    (got, model.fired)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn timers_fire_as_the_model_says(ops in proptest::collection::vec(op(), 1..80)) {
        let (got, want) = run_ops(&ops);
        prop_assert_eq!(got, want);
    }
}

#[test]
fn model_agrees_on_a_hand_written_case() {
    let ops = [
        Op::Set {
            delay: 5,
            repeat: true,
        },
        Op::Set {
            delay: 5,
            repeat: false,
        },
        Op::Advance { ms: 5 },
        Op::Advance { ms: 12 },
        Op::Clear { k: 0 },
        Op::Advance { ms: 10 },
    ];
    let (got, want) = run_ops(&ops);
    assert_eq!(got, [(0, 5), (1, 5), (0, 17)]);
    assert_eq!(got, want);
}
