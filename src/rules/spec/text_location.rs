//! Mapping a match inside a scalar's parsed value back to the bytes that wrote it.
//!
//! A scalar's span covers its source text, but the value the rules search is
//! the parsed one: a block scalar (`|`, `>`) is de-indented, a folded or plain
//! multi-line scalar has its line breaks folded, a quoted one loses its quotes
//! and escapes. A match is located by finding the same (nth) occurrence of the
//! matched text inside the scalar's source. When the text occurs a different
//! number of times there (it was split across lines, or written with an
//! escape), it cannot be located exactly and `None` says so.

use std::ops::Range;

use crate::source::SourceFile;
use crate::span::Span;

/// The source span of `value[range]`, where `value` is the parsed scalar written at `scalar`.
pub fn locate(source: &SourceFile, scalar: Span, value: &str, range: Range<usize>) -> Option<Span> {
    let needle = value.get(range.clone())?;
    if needle.is_empty() {
        return None;
    }
    let in_value: Vec<usize> = value.match_indices(needle).map(|(at, _)| at).collect();
    let nth = in_value.iter().position(|&at| at == range.start)?;
    let written = source.text.get(scalar.range())?;
    let in_source: Vec<usize> = written.match_indices(needle).map(|(at, _)| at).collect();
    if in_source.len() != in_value.len() {
        return None;
    }
    let start = scalar.start + in_source[nth];
    Some(Span::new(start, start + needle.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_tender;

    /// Parses `tender: {specification: …}` and locates the `nth` occurrence of `needle` in its value.
    fn locate_in(text: &str, needle: &str, nth: usize) -> (SourceFile, Option<Span>) {
        let source = SourceFile::new("t", None, text.to_owned());
        let tender = parse_tender(&source).expect("parses");
        let specification = tender.specification.as_ref().expect("has a specification");
        let start = specification
            .match_indices(needle)
            .nth(nth)
            .map(|(at, _)| at)
            .expect("the value holds the needle");
        let span = locate(
            &source,
            specification.span,
            specification,
            start..start + needle.len(),
        );
        (source, span)
    }

    fn located(text: &str, needle: &str, nth: usize) -> (usize, usize) {
        let (source, span) = locate_in(text, needle, nth);
        let span = span.expect("located");
        assert_eq!(source.slice(span), needle);
        source.line_col(span.start)
    }

    #[test]
    fn locates_in_a_literal_block() {
        let text = "tender:\n  specification: |\n    Teams use Dell laptops.\n    Replace the Dell docks.\n";
        assert_eq!(located(text, "Dell", 0), (3, 15));
        assert_eq!(located(text, "Dell", 1), (4, 17));
    }

    #[test]
    fn locates_in_a_folded_block() {
        let text = "tender:\n  specification: >\n    Supply Dell\n    laptops and HP printers.\n";
        assert_eq!(located(text, "HP printers", 0), (4, 17));
    }

    #[test]
    fn locates_in_plain_and_quoted_scalars() {
        let plain = "tender:\n  specification: Supply Apple iPads\n    for ward rounds.\n";
        assert_eq!(located(plain, "iPad", 0), (2, 31));
        let double = "tender:\n  specification: \"Supply \\\"rugged\\\" Panasonic tablets\"\n";
        assert_eq!(located(double, "Panasonic", 0), (2, 37));
        let single = "tender:\n  specification: 'The trust''s Oracle estate'\n";
        assert_eq!(located(single, "Oracle", 0), (2, 32));
    }

    #[test]
    fn cannot_locate_text_split_or_escaped_in_the_source() {
        // Folded across a line break: the value has "Microsoft 365", the source does not.
        let folded = "tender:\n  specification: >\n    Use Microsoft\n    365 throughout.\n";
        assert_eq!(locate_in(folded, "Microsoft 365", 0).1, None);
        // Written with an escape.
        let escaped = "tender:\n  specification: \"Dell\\u00AE laptops\"\n";
        assert_eq!(locate_in(escaped, "Dell®", 0).1, None);
    }

    #[test]
    fn refuses_a_range_that_is_not_an_occurrence() {
        let source = SourceFile::new("t", None, "x: aaa\n".to_owned());
        assert_eq!(locate(&source, Span::new(3, 6), "aaa", 1..3), None);
        assert_eq!(locate(&source, Span::new(3, 6), "aaa", 1..1), None);
    }
}
