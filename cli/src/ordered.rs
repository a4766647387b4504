//! Inputs processed on a few threads, results handed on in input order.
//!
//! Parsing is the work and the machine has cores: each worker takes the
//! next input, reads and parses it; the calling thread writes the results
//! in order. At most `window` inputs are in flight (taken and not yet
//! written), so memory stays bounded by a few inputs however many there
//! are and however slow one of them is.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::Mutex;

/// Runs `work` on every item on worker threads and `each` on the results in
/// item order, on this thread. `each` returning `false` stops the run (the
/// output went away): no further items are started.
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
    let window = threads * 2;
    let total = items.len();
    let (job_tx, job_rx) = mpsc::channel::<(usize, T)>();
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (job_rx, work) = (&job_rx, &work);
            scope.spawn(move || loop {
                let job = match job_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((index, item)) = job else {
                    return;
                };
                if done_tx.send((index, work(item))).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let mut items = items.into_iter().enumerate();
        let mut sent = 0;
        let mut next = 0;
        let mut waiting = BTreeMap::new();
        let mut stopped = false;
        while next < total && !stopped {
            while sent < total && sent - next < window {
                match items.next() {
                    Some(job) => {
                        if job_tx.send(job).is_err() {
                            break;
                        }
                        sent += 1;
                    }
                    None => break,
                }
            }
            let Ok((index, result)) = done_rx.recv() else {
                break;
            };
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&next) {
                next += 1;
                if !each(result) {
                    stopped = true;
                    break;
                }
            }
        }
        // Closing the job channel ends the workers.
        drop(job_tx);
    });
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
        run(
            (0..1000).collect::<Vec<u32>>(),
            |i| i,
            |_| {
                seen += 1;
                seen < 5
            },
        );
        assert_eq!(seen, 5);
    }
}
