//! What [`super::references`] and [`super::tags`] found in a text, remembered by the
//! text's 128-bit hash. A build asks for the links of each note two or three times (the
//! load's checks, the backlinks, the tags), and `serve` rebuilds the same thousands of
//! notes on every save; each text is parsed once for as long as it does not change.
//!
//! Only what the last two builds used is kept ([`Memo::next_build`]), so memory does not
//! grow over hundreds of saves. The key is the text's XXH3 128-bit hash, seeded at
//! random for each process: an accidental collision is out of reach (about 1 in 2^128
//! for a pair of texts), and one cannot be written on purpose without the seed. XXH3
//! reads some 20 GB/s, so that hashing a note costs a small part of parsing it.
//!
//! ARCHITECTURE.md's "Incremental state" lists it beside `serve`'s other caches.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

type Key = u128;

/// Texts are spread over this many tables by their hash, so that threads seldom wait
/// for each other.
const SHARDS: usize = 16;

pub(super) struct Memo<T> {
    seed: u64,
    /// The number of the build under way ([`Memo::next_build`]).
    build: AtomicU64,
    shards: [Mutex<Table<T>>; SHARDS],
}

/// A text's hash is already random: its upper half serves as the table's hash (the
/// lower picks the shard).
type Table<T> = HashMap<Key, Entry<T>, BuildHasherDefault<KeyHasher>>;

struct Entry<T> {
    value: T,
    /// The last build that asked for it.
    used: u64,
}

#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write_u128(&mut self, key: u128) {
        self.0 = (key >> 64) as u64;
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
}

impl<T: Clone> Memo<T> {
    pub(super) fn new() -> Memo<T> {
        Memo {
            seed: RandomState::new().hash_one(0u8),
            build: AtomicU64::new(0),
            shards: std::array::from_fn(|_| Mutex::new(Table::default())),
        }
    }

    /// What `make` gives for `text`, made at most once while `text` is in use.
    pub(super) fn get(&self, text: &str, make: impl FnOnce(&str) -> T) -> T {
        let key = xxhash_rust::xxh3::xxh3_128_with_seed(text.as_bytes(), self.seed);
        let shard = &self.shards[(key % SHARDS as u128) as usize];
        let build = self.build.load(Ordering::Relaxed);
        if let Some(entry) = shard
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get_mut(&key)
        {
            // A thread that read the build's number before a new build began must not
            // date the entry back.
            entry.used = entry.used.max(build);
            return entry.value.clone();
        }
        let value = make(text);
        let entry = Entry {
            value: value.clone(),
            used: build,
        };
        shard
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, entry);
        value
    }

    /// A new build starts: what neither the last build nor this one asked for is let
    /// go.
    pub(super) fn next_build(&self) {
        let build = self.build.fetch_add(1, Ordering::Relaxed) + 1;
        for shard in &self.shards {
            let mut table = shard.lock().unwrap_or_else(|e| e.into_inner());
            table.retain(|_, entry| entry.used + 1 >= build);
        }
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|shard| shard.lock().unwrap_or_else(|e| e.into_inner()).len())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_made_once_and_let_go_two_builds_after_its_last_use() {
        let memo: Memo<usize> = Memo::new();
        let made = std::cell::Cell::new(0);
        let len = |t: &str| {
            made.set(made.get() + 1);
            t.len()
        };
        assert_eq!(memo.get("abc", len), 3);
        assert_eq!(memo.get("abc", len), 3);
        assert_eq!(memo.get("abcd", len), 4);
        assert_eq!(made.get(), 2);
        memo.next_build();
        assert_eq!(memo.get("abc", len), 3, "still known in the next build");
        assert_eq!(made.get(), 2);
        memo.next_build();
        assert_eq!(memo.len(), 1, "abcd, unused for a build, is gone");
        memo.next_build();
        assert_eq!(memo.len(), 0);
    }
}
