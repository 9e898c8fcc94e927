//! The JavaScript heap limit, as node 20 sets it: from the machine's
//! memory, or `--max-old-space-size=MB`.
//!
//! Node hands V8 the machine's memory (`uv_get_total_memory`, lowered to
//! the cgroup's limit by `uv_get_constrained_memory`), and V8
//! (`Heap::HeapSizeFromPhysicalMemory`, 64-bit) sizes the old generation
//! as a quarter of it times the pointer multiplier 2, within 256 MiB and
//! 2 GiB (4 GiB from 15 GiB of memory), rounded up to 256 KiB pages. That
//! is what `--max-old-space-size` replaces. V8 adds a young generation
//! (48 MiB at most) to get `heap_size_limit`; QuickJS has one heap, so the
//! limit here is the old generation's alone: on this 24 GiB machine node's
//! `heap_size_limit` is 4144 MiB, the limit here 4096 MiB.

const KIB: u64 = 1 << 10;
const MIB: u64 = 1 << 20;
const GIB: u64 = 1 << 30;

/// The heap limit in bytes: `max_old_space_size` MiB if given, else node's
/// default for this machine.
pub(crate) fn heap_limit(max_old_space_size: Option<u64>) -> u64 {
    match max_old_space_size {
        Some(mb) => mb.saturating_mul(MIB),
        None => physical_memory().map_or(2 * GIB, default_limit),
    }
}

/// V8's old-generation size for `physical` bytes of memory (64-bit).
pub(crate) fn default_limit(physical: u64) -> u64 {
    let max = if physical / GIB >= 15 {
        4 * GIB
    } else {
        2 * GIB
    };
    let old = (physical / 4 * 2).clamp(256 * MIB, max);
    old.div_ceil(256 * KIB) * (256 * KIB)
}

/// The memory the process may use: the machine's, or its cgroup's limit
/// when lower (unknown: the limit is 2 GiB, V8's own cap).
fn physical_memory() -> Option<u64> {
    let total = meminfo_total()?;
    Some(match cgroup_limit() {
        Some(limit) if limit > 0 => total.min(limit),
        _ => total,
    })
}

/// `MemTotal` from `/proc/meminfo`.
fn meminfo_total() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kb.checked_mul(KIB)
}

/// The cgroup's memory limit (v2 `memory.max`, else v1), if any.
fn cgroup_limit() -> Option<u64> {
    [
        "/sys/fs/cgroup/memory.max",
        "/sys/fs/cgroup/memory/memory.limit_in_bytes",
    ]
    .iter()
    .find_map(|path| std::fs::read_to_string(path).ok()?.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_20_defaults() {
        // node 20 here: 23.5 GiB of memory, 4096 MiB old generation.
        assert_eq!(default_limit(25_276_063_744), 4 * GIB);
        assert_eq!(default_limit(8 * GIB), 2 * GIB);
        assert_eq!(default_limit(2 * GIB), GIB);
        assert_eq!(default_limit(256 * MIB), 256 * MIB);
        assert_eq!(default_limit(3 * GIB + 400 * KIB), 1536 * MIB + 256 * KIB);
    }

    #[test]
    fn the_flag_is_in_mebibytes() {
        assert_eq!(heap_limit(Some(64)), 64 * MIB);
    }
}
