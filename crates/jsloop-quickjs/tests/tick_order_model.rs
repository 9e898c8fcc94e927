//! Property test of the nextTick queue against its model, one FIFO: random
//! trees of JavaScript ticks and Rust ticks (each queuing its children when
//! it runs, some JavaScript ones then throwing to an `uncaughtException`
//! listener) run in exactly the FIFO's order. JavaScript ticks run in
//! batches behind one loop tick, so this checks that a batch never takes in
//! a tick queued after another loop tick.

use std::collections::VecDeque;
use std::rc::Rc;

use jsloop_quickjs::{JsValue, Output, Runtime, Stream};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Node {
    rust: bool,
    throws: bool,
    /// Queued by the main script (`None`) or by this earlier node.
    parent: Option<usize>,
}

fn nodes() -> impl Strategy<Value = Vec<Node>> {
    prop::collection::vec((any::<bool>(), 0..6u8, any::<prop::sample::Index>()), 1..40).prop_map(
        |raw| {
            raw.into_iter()
                .enumerate()
                .map(|(i, (rust, throw_roll, parent))| Node {
                    rust,
                    throws: !rust && throw_roll == 0,
                    // Index i + 1 picks the root; earlier nodes otherwise.
                    parent: Some(parent.index(i + 1)).filter(|&p| p < i),
                })
                .collect()
        },
    )
}

fn children(nodes: &[Node], parent: Option<usize>) -> Vec<usize> {
    (0..nodes.len())
        .filter(|&i| nodes[i].parent == parent)
        .collect()
}

/// The order one FIFO runs the tree in.
fn model(nodes: &[Node]) -> Vec<usize> {
    let mut queue: VecDeque<usize> = children(nodes, None).into();
    let mut order = Vec::new();
    while let Some(id) = queue.pop_front() {
        order.push(id);
        queue.extend(children(nodes, Some(id)));
    }
    order
}

fn list(ids: &[usize]) -> String {
    let items: Vec<String> = ids.iter().map(usize::to_string).collect();
    format!("[{}]", items.join(","))
}

fn run(nodes: &[Node]) -> Vec<usize> {
    let out = Output::capture();
    let rt = Rc::new(Runtime::builder().output(out.clone()).build().unwrap());
    let weak = Rc::downgrade(&rt);
    rt.register_fn("rustTick", move |args| {
        let id = match args.first() {
            Some(JsValue::Number(n)) => *n,
            _ => return Err("rustTick wants a node id".into()),
        };
        if let Some(rt) = weak.upgrade() {
            let inner = Rc::downgrade(&rt);
            rt.event_loop().next_tick(move |_| {
                if let Some(rt) = inner.upgrade() {
                    rt.call_global("runNode", vec![JsValue::Number(id)])
                        .unwrap();
                }
            });
        }
        Ok(JsValue::Undefined)
    })
    .unwrap();
    let kids: Vec<String> = (0..nodes.len())
        .map(|i| list(&children(nodes, Some(i))))
        .collect();
    let rust: Vec<String> = nodes.iter().map(|n| n.rust.to_string()).collect();
    let throws: Vec<String> = nodes.iter().map(|n| n.throws.to_string()).collect();
    let source = format!(
        "const kids = [{}];
         const rust = [{}];
         const throws = [{}];
         process.on('uncaughtException', () => {{}});
         const queue = (c) => rust[c] ? rustTick(c) : process.nextTick(runNode, c);
         globalThis.runNode = (id) => {{
           console.log(id);
           kids[id].forEach(queue);
           if (throws[id]) throw new Error('node ' + id);
         }};
         {}.forEach(queue);",
        kids.join(","),
        rust.join(","),
        throws.join(","),
        list(&children(nodes, None)),
    );
    rt.run_script("model.js", &source).unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    out.captured(Stream::Stdout)
        .lines()
        .map(|l| l.parse().unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn javascript_and_rust_ticks_run_in_one_fifo_order(nodes in nodes()) {
        prop_assert_eq!(run(&nodes), model(&nodes));
    }
}
