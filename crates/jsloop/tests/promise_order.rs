//! The order of promise reactions matches node's on a recorded trace:
//! `promise_order/trace.js` run in node printed `promise_order/trace.out`
//! (regenerate with `promise_order/regen.sh`); this builds the same
//! structure with the Rust API and compares line by line.

use std::cell::RefCell;
use std::rc::Rc;

use jsloop::promise::{self, AggregateError, Promise, Reason};
use jsloop::EventLoop;

type Log = Rc<RefCell<Vec<String>>>;

fn logger(log: &Log) -> impl Fn(String) + Clone + 'static {
    let log = log.clone();
    move |s| log.borrow_mut().push(s)
}

fn err(msg: &str) -> Reason {
    Reason::new(msg.to_string())
}

#[test]
fn reactions_run_in_the_order_node_prints() {
    let lp = EventLoop::new();
    let log = Log::default();
    let l = logger(&log);

    let a = Promise::resolved(&lp, 1);
    let (l1, l2, l3, l4, l5) = (l.clone(), l.clone(), l.clone(), l.clone(), l.clone());
    a.then(move |v| {
        l1(format!("a1 {v}"));
        Ok(v + 1)
    })
    .then(move |v| -> Result<String, Reason> {
        l2(format!("a2 {v}"));
        Err(err("boom"))
    })
    .catch(move |e| {
        l3(format!("a3 catch {e}"));
        Ok("recovered".to_string())
    })
    .finally(move || {
        l4("a4 finally".into());
        Ok(())
    })
    .then(move |v| {
        l5(format!("a5 {v}"));
        Ok(())
    });

    let b = Promise::<()>::rejected(&lp, err("b"));
    let (l1, l2, l3) = (l.clone(), l.clone(), l.clone());
    b.catch(move |e| {
        l1(format!("b1 {e}"));
        Ok(())
    });
    b.finally(move || {
        l2("b2 finally".into());
        Ok(())
    })
    .catch(move |e| {
        l3(format!("b3 {e}"));
        Ok(())
    });

    let l1 = l.clone();
    promise::all(
        &lp,
        vec![
            Promise::resolved(&lp, "x".to_string()),
            Promise::resolved(&lp, "y".to_string()),
        ],
    )
    .then(move |v| {
        l1(format!("all {}", v.join(",")));
        Ok(())
    });
    let (l1, l2) = (l.clone(), l.clone());
    promise::race(
        &lp,
        vec![
            Promise::rejected(&lp, err("r")),
            Promise::resolved(&lp, "late".to_string()),
        ],
    )
    .then_or(
        move |v| {
            l1(format!("race ok {v}"));
            Ok(())
        },
        move |e| {
            l2(format!("race err {e}"));
            Ok(())
        },
    );
    let l1 = l.clone();
    promise::any(
        &lp,
        vec![
            Promise::rejected(&lp, err("n1")),
            Promise::resolved(&lp, "any ok".to_string()),
        ],
    )
    .then(move |v| {
        l1(format!("any {v}"));
        Ok(())
    });
    let l1 = l.clone();
    promise::any::<()>(
        &lp,
        vec![
            Promise::rejected(&lp, err("e1")),
            Promise::rejected(&lp, err("e2")),
        ],
    )
    .catch(move |e| {
        let agg = e.downcast_ref::<AggregateError>().unwrap();
        let msgs: Vec<String> = agg.errors.iter().map(|r| r.to_string()).collect();
        l1(format!("any agg {}", msgs.join(",")));
        Ok(())
    });
    let l1 = l.clone();
    promise::all_settled(
        &lp,
        vec![Promise::resolved(&lp, 1), Promise::rejected(&lp, err("s"))],
    )
    .then(move |r| {
        let s: Vec<&str> = r
            .iter()
            .map(|x| if x.is_ok() { "fulfilled" } else { "rejected" })
            .collect();
        l1(format!("settled {}", s.join(",")));
        Ok(())
    });

    let c = Promise::resolved(&lp, "c".to_string());
    let (l1, l2, l3) = (l.clone(), l.clone(), l.clone());
    let lp_handle = lp.local_handle();
    c.then_promise(move |v| {
        l1("c1".into());
        Promise::resolved(&lp_handle.upgrade().unwrap(), format!("{v}!"))
    })
    .then(move |v| {
        l2(format!("c2 {v}"));
        Ok(())
    });
    c.then(move |_| {
        l3("c3".into());
        Ok(())
    });

    let l1 = l.clone();
    promise::all::<u8>(&lp, vec![]).then(move |v| {
        l1(format!("all empty {}", v.len()));
        Ok(())
    });
    let l1 = l.clone();
    promise::any::<u8>(&lp, vec![]).catch(move |e| {
        let n = e.downcast_ref::<AggregateError>().unwrap().errors.len();
        l1(format!("any empty {n}"));
        Ok(0)
    });

    let d = Promise::resolved(&lp, "d".to_string());
    let (l1, l2) = (l.clone(), l.clone());
    d.finally(|| Err(err("fin"))).catch(move |e| {
        l1(format!("d1 {e}"));
        Ok(String::new())
    });
    d.then(move |v| {
        l2(format!("d2 {v}"));
        Ok(())
    });

    l("sync end".into());
    lp.run().unwrap();

    let expected: Vec<String> = include_str!("promise_order/trace.out")
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(*log.borrow(), expected);
    assert_eq!(lp.stats(), jsloop::Stats::default());
}
