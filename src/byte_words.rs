//! Eight bytes tested at once in a `u64` (SWAR), for the scanners that look for a few
//! byte values in long runs of text: the YAML block reader and the JSON string writer.

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGH_BITS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The high bit of each byte of `word` below `bound` (at most 0x80) set, the rest clear,
/// except that a byte more significant than one truly below `bound` may be flagged wrongly
/// (the subtraction's borrow runs upward). So the result is zero exactly when no byte is
/// below `bound`, and its lowest set bit is exact (the first byte, for a little-endian read).
pub(crate) fn bytes_below(word: u64, bound: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(bound)) & !word & HIGH_BITS
}

/// The bytes of `word` equal to `byte`, flagged as [`bytes_below`] flags them.
pub(crate) fn bytes_equal(word: u64, byte: u8) -> u64 {
    bytes_below(word ^ (ONES * u64::from(byte)), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// For every byte at every place among fillers on either side of each bound: zero
    /// exactly when no byte is below the bound, and the lowest flag on the first that is.
    #[test]
    fn the_lowest_flag_is_exact() {
        for bound in [1u8, 0x20, 0x21, 0x7f, 0x80] {
            for filler in [0u8, bound - 1, bound, 0x7f, 0x80, 0xff] {
                for byte in 0..=u8::MAX {
                    for at in 0..8 {
                        let mut bytes = [filler; 8];
                        bytes[at] = byte;
                        let found = bytes_below(u64::from_le_bytes(bytes), bound);
                        let first = bytes.iter().position(|&b| b < bound);
                        assert_eq!(
                            (found != 0).then(|| found.trailing_zeros() as usize / 8),
                            first,
                            "{bytes:?} below {bound}"
                        );
                    }
                }
            }
        }
    }
}
