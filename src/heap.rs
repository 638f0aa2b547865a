//! How glibc's allocator treats the heaps of a build (Linux with glibc only; elsewhere these do
//! nothing).

/// glibc's allocator grows each thread's heap by the few pages a request needs, one `mprotect`
/// each (19,000 in a build of 4,000 pages, every one stopping the other threads' page faults),
/// and gives memory back as soon as the top of a heap is free, to fault it in again a moment
/// later. 64 MB spare at the top of a heap makes that a handful of calls: a fifth less system
/// time for a large build, the same peak of memory in use (the pad is address space, and only
/// pages written to take memory). Called first thing, before any other thread exists.
pub fn keep_heaps_padded() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of the allocator, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}

/// Markdown from which a site counts as large: its build's heap grows past 50 MB or so.
const LARGE_SITE: usize = 8 << 20;

/// For a large site, each worker thread's heap is given to the kernel's transparent huge pages
/// (where they are enabled on request, `madvise`): such a build touches about 100 MB of fresh
/// heap, 27,000 page faults in 4 KB pages and about 6,500 when the heaps are given huge pages
/// once the content folder is read (a tenth less time).
/// A smaller site is left alone: its heap's last huge page, mostly unused, would be a larger
/// share of its memory. Once per process; called from outside the thread pool (every worker
/// must be free to take its part).
pub(crate) fn huge_pages_for_large_site(markdown_bytes: usize) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ADVISED: std::sync::Once = std::sync::Once::new();
        // From inside the pool the advice could wait for a worker that waits for it.
        if markdown_bytes >= LARGE_SITE && rayon::current_thread_index().is_none() {
            ADVISED.call_once(|| {
                rayon::broadcast(|_| advise_own_heap());
            });
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = markdown_bytes;
}

/// Advises the kernel to back the calling thread's glibc heap with huge pages. A thread's heap
/// other than the main one is a mapping of 64 MB aligned to its size (glibc's `HEAP_MAX_SIZE`),
/// found from a block it gave out; the main heap, below the program break, is left alone.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn advise_own_heap() {
    const HEAP: usize = 64 << 20;
    // SAFETY: malloc and free of a block of our own; sbrk(0) only reads the program break;
    // madvise only advises the kernel about the range of a heap that glibc mapped whole.
    unsafe {
        // Larger than glibc's per-thread cache serves, which may hold blocks another thread's
        // heap gave out: a block this size comes from the thread's own heap.
        let block = libc::malloc(4096);
        let brk = libc::sbrk(0);
        if !block.is_null() && block as usize > brk as usize {
            let heap = (block as usize) & !(HEAP - 1);
            libc::madvise(heap as *mut libc::c_void, HEAP, libc::MADV_HUGEPAGE);
        }
        libc::free(block);
    }
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    /// The flags of the mapping holding `address`, from `/proc/self/smaps`, and its start.
    fn mapping_of(address: usize) -> Option<(usize, String)> {
        let smaps = std::fs::read_to_string("/proc/self/smaps").ok()?;
        let mut found = None;
        for line in smaps.lines() {
            if let Some(flags) = line.strip_prefix("VmFlags:") {
                if let Some(start) = found.take() {
                    return Some((start, flags.trim().to_owned()));
                }
            } else if let Some((range, _)) = line.split_once(' ')
                && let Some((start, end)) = range.split_once('-')
                && let (Ok(start), Ok(end)) =
                    (usize::from_str_radix(start, 16), usize::from_str_radix(end, 16))
                && (start..end).contains(&address)
            {
                found = Some(start);
            }
        }
        None
    }

    #[test]
    fn two_workers_asking_at_once_do_not_wait_for_each_other() {
        // Protects: asked from inside the pool, the advice (which needs every worker) would wait
        // for a worker that waits for it.
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            rayon::join(
                || super::huge_pages_for_large_site(usize::MAX),
                || super::huge_pages_for_large_site(usize::MAX),
            );
            done.send(()).ok();
        });
        assert!(
            finished.recv_timeout(std::time::Duration::from_secs(20)).is_ok(),
            "the workers wait for each other"
        );
    }

    #[test]
    fn a_worker_threads_heap_is_advised_for_huge_pages_and_nothing_beside_it() {
        // A thread of its own, so its heap is not the main one.
        let (block, heap, flags) = std::thread::spawn(|| {
            let block = vec![1u8; 4096];
            let address = block.as_ptr() as usize;
            super::advise_own_heap();
            let (start, flags) = mapping_of(address).expect("the block is in a mapping");
            (address, start, flags)
        })
        .join()
        .unwrap();
        assert!(flags.split(' ').any(|f| f == "hg"), "no huge-page advice on the heap: {flags}");
        assert_eq!(heap % (64 << 20), 0, "the advised mapping starts where the heap does");
        assert!(block - heap < 64 << 20);
    }
}
