//! The ingress queue: the one way work enters the loop from other threads.
//!
//! A lock-free multi-producer, single-consumer queue of [`Task`]s stored
//! inline in blocks of slots (a linked list of blocks, as in crossbeam's
//! unbounded channel). Ground rules:
//! - One word, `tail.index`, holds the next slot's index (shifted by
//!   [`SHIFT`]) and two flags: [`CLOSED`] (pushes are refused) and
//!   [`ARMED`] (the loop may go to sleep). A producer reserves a slot with
//!   one compare-exchange of that word, so a push either lands before the
//!   close (and is run, or dropped by an explicit close) or is refused and
//!   handed back: never lost. A producer that finds `ARMED` set wakes the
//!   loop; while the loop is busy no producer touches the wake word.
//! - Only the loop thread consumes (`take`, `close`, `is_empty`, `len`,
//!   `arm`). It reads up to the tail it saw when it started, so tasks that
//!   arrive meanwhile wait for the next batch (producers cannot starve
//!   timers), and it runs none of them while inside the queue.
//! - A slot is written after it is reserved; `written` says when. The
//!   producer that reserves a block's last slot links the next block
//!   before it writes, so the consumer that read that slot can move on and
//!   recycle the old block: no producer touches a block after writing its
//!   slot, and producers that lost a race never dereference it.

// Inline task storage and the lock-free queue need raw pointers; each
// unsafe block says why it holds.
#![allow(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

mod task;

use std::mem::MaybeUninit;
use std::ptr;

use crossbeam_utils::CachePadded;

use crate::sync::{self, AtomicBool, AtomicPtr, AtomicUsize, Ordering, UnsafeCell};
pub(crate) use task::{Runnable, Task};

/// Pushes are refused.
const CLOSED: usize = 1;
/// The loop may sleep: a producer must notify it.
const ARMED: usize = 2;
/// The index sits above the two flags.
const SHIFT: usize = 2;
/// Indices per block; the last one is never a slot (it marks "the next
/// block is being linked").
#[cfg(not(loom))]
const LAP: usize = 32;
/// Small blocks under loom, so the models cross block boundaries.
#[cfg(loom)]
const LAP: usize = 2;
const BLOCK_CAP: usize = LAP - 1;

struct Slot {
    written: AtomicBool,
    task: UnsafeCell<MaybeUninit<Task>>,
}

struct Block {
    next: AtomicPtr<Block>,
    slots: [Slot; BLOCK_CAP],
}

impl Block {
    fn new() -> Box<Self> {
        Box::new(Self {
            next: AtomicPtr::new(ptr::null_mut()),
            slots: std::array::from_fn(|_| Slot {
                written: AtomicBool::new(false),
                task: UnsafeCell::new(MaybeUninit::uninit()),
            }),
        })
    }
}

/// The consumer's position; touched by the loop thread only.
struct Head {
    index: AtomicUsize,
    block: AtomicPtr<Block>,
}

/// The producers' position.
struct Tail {
    index: AtomicUsize,
    block: AtomicPtr<Block>,
}

pub(crate) struct Ingress {
    tail: CachePadded<Tail>,
    head: CachePadded<Head>,
    /// One emptied block kept for the next producer that needs one.
    spare: AtomicPtr<Block>,
}

// SAFETY: the slots' tasks are `Send`; a slot's cell is written by the one
// producer that reserved it, before `written` is set (release), and read by
// the one consumer after it saw `written` (acquire).
unsafe impl Send for Ingress {}
// SAFETY: as above; every other field is atomic.
unsafe impl Sync for Ingress {}

impl Ingress {
    pub(crate) fn new() -> Self {
        let block = Box::into_raw(Block::new());
        Self {
            tail: CachePadded::new(Tail {
                index: AtomicUsize::new(0),
                block: AtomicPtr::new(block),
            }),
            head: CachePadded::new(Head {
                index: AtomicUsize::new(0),
                block: AtomicPtr::new(block),
            }),
            spare: AtomicPtr::new(ptr::null_mut()),
        }
    }

    /// Queues `value`, or hands it back once the loop stopped accepting.
    /// `Ok(true)`: the loop may be asleep, the caller must notify it.
    pub(crate) fn push<R: Runnable>(&self, value: R) -> Result<bool, R> {
        let mut next_block: Option<Box<Block>> = None;
        let mut spins = 0u32;
        let mut tail = self.tail.index.load(Ordering::Acquire);
        loop {
            if tail & CLOSED != 0 {
                if let Some(block) = next_block {
                    self.recycle(Box::into_raw(block));
                }
                return Err(value);
            }
            let offset = (tail >> SHIFT) % LAP;
            if offset == BLOCK_CAP {
                // Another producer is linking the next block.
                backoff(&mut spins);
                tail = self.tail.index.load(Ordering::Acquire);
                continue;
            }
            if offset + 1 == BLOCK_CAP && next_block.is_none() {
                next_block = Some(self.new_block());
            }
            let block = self.tail.block.load(Ordering::Acquire);
            match self.tail.index.compare_exchange_weak(
                tail,
                tail + (1 << SHIFT),
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => {
                    if offset + 1 == BLOCK_CAP {
                        let next = Box::into_raw(next_block.take().expect("allocated above"));
                        self.tail.block.store(next, Ordering::Release);
                        self.tail.index.fetch_add(1 << SHIFT, Ordering::AcqRel);
                        // SAFETY: the block stays allocated until the
                        // consumer read every slot of it, including the one
                        // this producer reserved and has not written yet.
                        unsafe { (*block).next.store(next, Ordering::Release) };
                    } else if let Some(unused) = next_block {
                        self.recycle(Box::into_raw(unused));
                    }
                    // SAFETY: as above; the slot at `offset` was reserved by
                    // the exchange, so no other thread touches its cell
                    // until `written` is set.
                    let slot = unsafe { &(*block).slots[offset] };
                    slot.task.with_mut(|cell| {
                        // SAFETY: the reserved slot is empty (its last task
                        // was moved out before the block was recycled).
                        unsafe { (*cell).write(Task::new(value)) };
                    });
                    slot.written.store(true, Ordering::Release);
                    return Ok(tail & ARMED != 0);
                }
                Err(current) => {
                    tail = current;
                    backoff(&mut spins);
                }
            }
        }
    }

    /// Moves the tasks queued before this call into `batch` (loop thread).
    pub(crate) fn take(&self, batch: &mut Vec<Task>) {
        let tail = self.tail.index.load(Ordering::Acquire) >> SHIFT;
        self.take_until(tail, batch);
    }

    /// Moves tasks into `batch` until the head reaches `tail` (loop thread).
    fn take_until(&self, tail: usize, batch: &mut Vec<Task>) {
        let mut head = self.head.index.load(Ordering::Relaxed);
        let mut block = self.head.block.load(Ordering::Relaxed);
        while head < tail {
            let offset = head % LAP;
            // SAFETY: `block` is the head block, freed only below by this
            // (the one) consumer once it read all of its slots.
            let slot = unsafe { &(*block).slots[offset] };
            let mut spins = 0u32;
            while !slot.written.load(Ordering::Acquire) {
                // Reserved by a producer that is about to write it.
                backoff(&mut spins);
            }
            slot.written.store(false, Ordering::Relaxed);
            // SAFETY: `written` (acquire) says the producer's write of the
            // cell is visible and done; the slot is read exactly once.
            let task = slot
                .task
                .with_mut(|cell| unsafe { (*cell).assume_init_read() });
            batch.push(task);
            head += 1;
            if offset + 1 == BLOCK_CAP {
                // SAFETY: the producer of the last slot linked the next
                // block before writing it.
                let next = unsafe { (*block).next.load(Ordering::Acquire) };
                debug_assert!(!next.is_null());
                self.recycle(block);
                block = next;
                head += 1;
            }
        }
        self.head.index.store(head, Ordering::Relaxed);
        self.head.block.store(block, Ordering::Relaxed);
    }

    /// Whether any task is queued (loop thread).
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of queued tasks, counting reserved slots (loop thread).
    pub(crate) fn len(&self) -> usize {
        let tail = self.tail.index.load(Ordering::Acquire) >> SHIFT;
        let head = self.head.index.load(Ordering::Relaxed);
        count(tail).saturating_sub(count(head))
    }

    /// Announces that the loop may sleep: from now on each push reports
    /// that the loop must be notified. Returns whether tasks are queued,
    /// in which case the loop must not sleep (loop thread).
    pub(crate) fn arm(&self) -> bool {
        let tail = self.tail.index.fetch_or(ARMED, Ordering::AcqRel) >> SHIFT;
        count(tail) > count(self.head.index.load(Ordering::Relaxed))
    }

    /// Ends what [`Ingress::arm`] began (loop thread).
    pub(crate) fn disarm(&self) {
        self.tail.index.fetch_and(!ARMED, Ordering::AcqRel);
    }

    /// Refuses every later push; queued tasks stay to be run.
    pub(crate) fn stop_accepting(&self) {
        self.tail.index.fetch_or(CLOSED, Ordering::AcqRel);
    }

    /// Refuses every later push and returns the queued tasks, to be dropped
    /// by the caller (their destructors are user code; loop thread).
    pub(crate) fn close(&self) -> Vec<Task> {
        let tail = self.tail.index.fetch_or(CLOSED, Ordering::AcqRel) >> SHIFT;
        let mut tasks = Vec::new();
        self.take_until(tail, &mut tasks);
        tasks
    }

    /// A block for the tail: the spare one if any.
    fn new_block(&self) -> Box<Block> {
        let spare = self.spare.swap(ptr::null_mut(), Ordering::Acquire);
        if spare.is_null() {
            Block::new()
        } else {
            // SAFETY: `spare` came from `Box::into_raw` in `recycle`, and
            // the swap made this thread its only owner.
            unsafe { Box::from_raw(spare) }
        }
    }

    /// Keeps an emptied block as the spare, or frees it.
    fn recycle(&self, block: *mut Block) {
        // SAFETY: the caller owns `block` (every slot read, or never
        // linked); its slots are all unwritten.
        unsafe { (*block).next.store(ptr::null_mut(), Ordering::Relaxed) };
        let old = self.spare.swap(block, Ordering::AcqRel);
        if !old.is_null() {
            // SAFETY: the swap took the old spare out of reach of others.
            drop(unsafe { Box::from_raw(old) });
        }
    }
}

impl Drop for Ingress {
    fn drop(&mut self) {
        let tasks = self.close();
        drop(tasks);
        let block = self.head.block.load(Ordering::Relaxed);
        // SAFETY: the queue is empty and no producer exists (`&mut self`):
        // the head block is the last one and nothing else refers to it.
        drop(unsafe { Box::from_raw(block) });
        let spare = self.spare.load(Ordering::Relaxed);
        if !spare.is_null() {
            // SAFETY: as above, the spare is owned by the queue alone.
            drop(unsafe { Box::from_raw(spare) });
        }
    }
}

/// Slots before index `index` (indices at a block's end are not slots).
fn count(index: usize) -> usize {
    index / LAP * BLOCK_CAP + (index % LAP).min(BLOCK_CAP)
}

/// Spins with growing pauses, then yields.
fn backoff(spins: &mut u32) {
    if *spins < 6 {
        for _ in 0..(1u32 << *spins) {
            sync::spin_hint();
        }
    } else {
        sync::yield_now();
    }
    *spins += 1;
}

#[cfg(all(test, not(loom)))]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::{Ingress, BLOCK_CAP};
    use crate::EventLoop;

    fn run_all(queue: &Ingress, lp: &EventLoop) -> usize {
        let mut batch = Vec::new();
        queue.take(&mut batch);
        let n = batch.len();
        for task in batch {
            task.run(lp);
        }
        n
    }

    #[test]
    fn runs_in_order_across_blocks() {
        let lp = EventLoop::new();
        let queue = Ingress::new();
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let n = BLOCK_CAP * 3 + 5;
        for i in 0..n {
            let seen = seen.clone();
            let pushed = queue.push(move |_: &EventLoop| seen.lock().unwrap().push(i));
            assert!(matches!(pushed, Ok(false)));
        }
        assert_eq!(queue.len(), n);
        assert_eq!(run_all(&queue, &lp), n);
        assert!(queue.is_empty());
        assert_eq!(*seen.lock().unwrap(), (0..n).collect::<Vec<_>>());
    }

    #[test]
    fn armed_pushes_ask_for_a_wake_up() {
        let queue = Ingress::new();
        assert!(!queue.arm());
        assert!(matches!(queue.push(|_: &EventLoop| ()), Ok(true)));
        queue.disarm();
        assert!(matches!(queue.push(|_: &EventLoop| ()), Ok(false)));
        assert!(queue.arm());
    }

    #[test]
    fn a_closed_queue_hands_the_value_back_and_drops_what_it_held() {
        let drops = Arc::new(AtomicUsize::new(0));
        struct Count(Arc<AtomicUsize>);
        impl Drop for Count {
            fn drop(&mut self) {
                self.0.fetch_add(1, Ordering::SeqCst);
            }
        }
        let queue = Ingress::new();
        for _ in 0..BLOCK_CAP + 2 {
            let c = Count(drops.clone());
            assert!(queue.push(move |_: &EventLoop| drop(c)).is_ok());
        }
        let tasks = queue.close();
        assert_eq!(tasks.len(), BLOCK_CAP + 2);
        drop(tasks);
        assert_eq!(drops.load(Ordering::SeqCst), BLOCK_CAP + 2);
        let c = Count(drops.clone());
        let back = queue.push(move |_: &EventLoop| drop(c));
        assert!(back.is_err());
        drop(back);
        assert_eq!(drops.load(Ordering::SeqCst), BLOCK_CAP + 3);
    }

    #[test]
    fn dropping_the_queue_drops_queued_tasks() {
        let drops = Arc::new(AtomicUsize::new(0));
        let queue = Ingress::new();
        for _ in 0..BLOCK_CAP * 2 {
            let d = drops.clone();
            let guard = scopeguard(move || {
                d.fetch_add(1, Ordering::SeqCst);
            });
            assert!(queue.push(move |_: &EventLoop| drop(guard)).is_ok());
        }
        drop(queue);
        assert_eq!(drops.load(Ordering::SeqCst), BLOCK_CAP * 2);
    }

    struct Guard<F: FnMut()>(F);
    impl<F: FnMut()> Drop for Guard<F> {
        fn drop(&mut self) {
            (self.0)()
        }
    }
    fn scopeguard<F: FnMut()>(f: F) -> Guard<F> {
        Guard(f)
    }

    #[test]
    fn many_producers_each_task_once() {
        let lp = EventLoop::new();
        let queue = Arc::new(Ingress::new());
        let ran = Arc::new(AtomicUsize::new(0));
        const PER: usize = 2000;
        let producers: Vec<_> = (0..4)
            .map(|_| {
                let (queue, ran) = (queue.clone(), ran.clone());
                std::thread::spawn(move || {
                    for _ in 0..PER {
                        let ran = ran.clone();
                        let _ = queue.push(move |_: &EventLoop| {
                            ran.fetch_add(1, Ordering::Relaxed);
                        });
                    }
                })
            })
            .collect();
        let mut total = 0;
        while total < 4 * PER {
            total += run_all(&queue, &lp);
            std::thread::yield_now();
        }
        for p in producers {
            p.join().unwrap();
        }
        assert_eq!(ran.load(Ordering::Relaxed), 4 * PER);
        assert!(queue.is_empty());
    }
}
