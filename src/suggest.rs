//! "Did you mean …?" suggestions for misspelt keys, words and rule ids.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            (
                edit_distance(&word_lower, &candidate.to_ascii_lowercase()),
                candidate,
            )
        })
        .filter(|&(distance, candidate)| distance <= (candidate.len().max(word.len()) / 3).max(1))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// For serde's "unknown field `x`, expected one of …" and "unknown variant …" messages:
/// the offending word and a did-you-mean (or the list of accepted words).
pub fn explain_unknown(raw: &str) -> Option<(UnknownKind, String, String)> {
    for (prefix, kind) in [
        ("unknown field `", UnknownKind::Key),
        ("unknown variant `", UnknownKind::Value),
    ] {
        let Some(start) = raw.find(prefix).map(|index| index + prefix.len()) else {
            continue;
        };
        let rest = &raw[start..];
        let end = rest.find('`')?;
        let found = rest[..end].to_owned();
        let expected: Vec<String> = rest[end..]
            .split_once("expected")
            .map(|(_, list)| {
                list.trim_start_matches(" one of")
                    .split(',')
                    .map(|word| word.trim().trim_matches('`').to_owned())
                    .filter(|word| !word.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let help = match did_you_mean(&found, expected.iter().map(String::as_str)) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None if expected.is_empty() => "this mapping takes no keys".to_owned(),
            None => format!("expected one of: {}", expected.join(", ")),
        };
        return Some((kind, found, help));
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownKind {
    Key,
    Value,
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous_previous: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            current[j] = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(previous_previous[j - 2] + 1);
            }
        }
        previous_previous = std::mem::replace(&mut previous, current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(
            did_you_mean("terms_day", ["terms_days", "schedule"]),
            Some("terms_days")
        );
        assert_eq!(did_you_mean("opne", ["open", "framework"]), Some("open"));
        assert_eq!(did_you_mean("banana", ["open", "framework"]), None);
    }
}
