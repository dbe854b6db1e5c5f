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

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::Mutex;

type Key = u128;

/// Texts are spread over this many tables by their hash, so that threads seldom wait
/// for each other.
const SHARDS: usize = 16;

pub(super) struct Memo<T> {
    seed: u64,
    shards: [Mutex<Tables<T>>; SHARDS],
}

struct Tables<T> {
    current: HashMap<Key, T>,
    previous: HashMap<Key, T>,
}

impl<T: Clone> Memo<T> {
    pub(super) fn new() -> Memo<T> {
        Memo {
            seed: RandomState::new().hash_one(0u8),
            shards: std::array::from_fn(|_| {
                Mutex::new(Tables {
                    current: HashMap::new(),
                    previous: HashMap::new(),
                })
            }),
        }
    }

    /// What `make` gives for `text`, made at most once while `text` is in use.
    pub(super) fn get(&self, text: &str, make: impl FnOnce(&str) -> T) -> T {
        let key = xxhash_rust::xxh3::xxh3_128_with_seed(text.as_bytes(), self.seed);
        let shard = &self.shards[(key % SHARDS as u128) as usize];
        {
            let mut tables = shard.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(value) = tables.current.get(&key) {
                return value.clone();
            }
            if let Some(value) = tables.previous.remove(&key) {
                tables.current.insert(key, value.clone());
                return value;
            }
        }
        let value = make(text);
        let mut tables = shard.lock().unwrap_or_else(|e| e.into_inner());
        tables.current.insert(key, value.clone());
        value
    }

    /// A new build starts: what the build before the last one used and this one has
    /// not asked for is let go.
    pub(super) fn next_build(&self) {
        for shard in &self.shards {
            let mut tables = shard.lock().unwrap_or_else(|e| e.into_inner());
            let held = tables.current.len();
            // The next build asks for about as many texts: room for them from the start.
            tables.previous = std::mem::replace(&mut tables.current, HashMap::with_capacity(held));
        }
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|shard| {
                let tables = shard.lock().unwrap_or_else(|e| e.into_inner());
                tables.current.len() + tables.previous.len()
            })
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
