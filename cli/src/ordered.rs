//! Inputs processed on a few threads, results handed on in input order.
//!
//! Parsing is the work and the machine has cores. Every thread, the calling
//! one included, takes the next input, reads and parses it; the calling
//! thread also hands the results on, in input order, whenever the oldest is
//! ready. At most `window` inputs are in flight (taken and not yet handed
//! on), so memory stays bounded by a few inputs however many there are and
//! however slow one of them is.
//!
//! Why the calling thread works too, and why there is no channel: with a
//! job channel and a result channel, a thread went to sleep and was woken
//! for nearly every input (2,500 context switches for 1,000 files), which on
//! a two-core machine cost 40% more CPU time than parsing on one thread. Here
//! a thread sleeps only when the window is full, or when nothing is left to
//! take and the oldest result is still being made.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Runs `work` on every item on up to four threads (this one included) and
/// `each` on the results in item order, on this thread. `each` returning
/// `false` stops the run (the output went away): no further items are
/// started.
pub fn run<T: Send, R: Send>(
    items: Vec<T>,
    work: impl Fn(T) -> R + Sync,
    mut each: impl FnMut(R) -> bool,
) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(items.len().max(1));
    if threads <= 1 {
        for item in items {
            if !each(work(item)) {
                return;
            }
        }
        return;
    }
    let total = items.len();
    let pool = Pool {
        state: Mutex::new(State {
            items: items.into_iter().enumerate(),
            taken: 0,
            next: 0,
            done: BTreeMap::new(),
            stopped: false,
            caller_waiting: false,
            workers_waiting: 0,
        }),
        ready: Condvar::new(),
        room: Condvar::new(),
        window: threads * 2,
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let (pool, work) = (&pool, &work);
            scope.spawn(move || {
                let _stop_on_panic = StopOnPanic(pool);
                while let Some((index, item)) = pool.take_waiting() {
                    let result = work(item);
                    pool.finish(index, result);
                }
            });
        }
        // A panic here stops the workers too, so the scope can end.
        let _stop_on_panic = StopOnPanic(&pool);
        let mut state = pool.lock();
        loop {
            let next = state.next;
            if let Some(result) = state.done.remove(&next) {
                state.next += 1;
                if state.workers_waiting > 0 {
                    pool.room.notify_all();
                }
                drop(state);
                let go_on = each(result);
                state = pool.lock();
                if !go_on {
                    state.stop(&pool);
                    break;
                }
                continue;
            }
            if next == total || state.stopped {
                break;
            }
            if let Some((index, item)) = state.take(pool.window) {
                drop(state);
                let result = work(item);
                state = pool.lock();
                state.done.insert(index, result);
                continue;
            }
            // A worker is making result `next`; it wakes this thread.
            state.caller_waiting = true;
            state = pool
                .ready
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
            state.caller_waiting = false;
        }
    });
}

struct Pool<T, R> {
    state: Mutex<State<T, R>>,
    /// The calling thread waits here for the oldest result.
    ready: Condvar,
    /// Workers wait here for the window to move.
    room: Condvar,
    window: usize,
}

struct State<T, R> {
    items: std::iter::Enumerate<std::vec::IntoIter<T>>,
    /// Items taken so far.
    taken: usize,
    /// The index of the next result to hand on.
    next: usize,
    /// Results made and not yet handed on.
    done: BTreeMap<usize, R>,
    stopped: bool,
    caller_waiting: bool,
    workers_waiting: usize,
}

impl<T, R> State<T, R> {
    /// The next item, when the window has room for it.
    fn take(&mut self, window: usize) -> Option<(usize, T)> {
        if self.stopped || self.taken - self.next >= window {
            return None;
        }
        let item = self.items.next()?;
        self.taken += 1;
        Some(item)
    }

    /// No further items are started; everyone waiting wakes.
    fn stop(&mut self, pool: &Pool<T, R>) {
        self.stopped = true;
        pool.room.notify_all();
        pool.ready.notify_all();
    }
}

impl<T, R> Pool<T, R> {
    fn lock(&self) -> MutexGuard<'_, State<T, R>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next item for a worker, waiting while the window is full; `None`
    /// when there are no more or the run stopped.
    fn take_waiting(&self) -> Option<(usize, T)> {
        let mut state = self.lock();
        loop {
            if state.stopped {
                return None;
            }
            if state.taken - state.next < self.window {
                return state.take(self.window);
            }
            state.workers_waiting += 1;
            state = self
                .room
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
            state.workers_waiting -= 1;
        }
    }

    /// A worker's result; wakes the calling thread when it waits for this one.
    fn finish(&self, index: usize, result: R) {
        let mut state = self.lock();
        state.done.insert(index, result);
        if index == state.next && state.caller_waiting {
            self.ready.notify_one();
        }
    }
}

/// A thread that panics stops the run, so that no other waits for ever for
/// its result or for room in the window; the scope then passes the panic on.
struct StopOnPanic<'a, T, R>(&'a Pool<T, R>);

impl<T, R> Drop for StopOnPanic<'_, T, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().stop(self.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        run(
            items,
            |i| {
                // Later items finish first now and then.
                if i % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                i * 2
            },
            |r| {
                seen.push(r);
                true
            },
        );
        assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn stopping_stops() {
        let mut seen = 0;
        let started = std::sync::atomic::AtomicUsize::new(0);
        run(
            (0..1000).collect::<Vec<u32>>(),
            |i| {
                started.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                i
            },
            |_| {
                seen += 1;
                seen < 5
            },
        );
        assert_eq!(seen, 5);
        // The window bounds what was started beyond the fifth.
        assert!(
            started.into_inner() <= 5 + 8,
            "no further items are started"
        );
    }

    #[test]
    fn never_more_in_flight_than_the_window() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let mut seen = 0;
        run(
            (0..300).collect::<Vec<u32>>(),
            |i| {
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                if i % 5 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(300));
                }
                i
            },
            |i| {
                // Handed on: no longer in flight.
                in_flight.fetch_sub(1, Ordering::SeqCst);
                assert_eq!(i, seen);
                seen += 1;
                true
            },
        );
        assert_eq!(seen, 300);
        assert!(
            most.into_inner() <= 8,
            "at most four threads' window of two each"
        );
    }

    #[test]
    fn a_worker_panic_reaches_the_caller() {
        let outcome = std::panic::catch_unwind(|| {
            run(
                (0..100).collect::<Vec<u32>>(),
                |i| {
                    if i == 37 {
                        panic!("planted");
                    }
                    i
                },
                |_| true,
            )
        });
        assert!(outcome.is_err(), "the panic is passed on, not waited out");
    }

    #[test]
    fn a_panic_on_any_thread_ends_the_run() {
        // Items from 10 on panic on whichever thread takes them, the
        // calling one included: the run ends instead of waiting for ever.
        for _ in 0..20 {
            let outcome = std::panic::catch_unwind(|| {
                run(
                    (0..100).collect::<Vec<u32>>(),
                    |i| {
                        assert!(i < 10, "planted");
                        i
                    },
                    |_| true,
                )
            });
            assert!(outcome.is_err());
        }
    }
}
