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

/// An enumeration word the field does not accept: the message and a did-you-mean (or the list).
/// `nhs` gets its own answer: the two NHS kinds have different thresholds.
pub fn explain_unknown_word(word: &str, expected: &[&str]) -> (String, String) {
    if word.eq_ignore_ascii_case("nhs") && expected.contains(&"nhs_trust") {
        return (
            "`nhs` is ambiguous: write `nhs_trust` or `icb`".to_owned(),
            "NHS trusts, foundation trusts and NHS England are central government authorities \
             (`nhs_trust`); integrated care boards are sub-central (`icb`). The two have different \
             thresholds, so tenderlint will not guess"
                .to_owned(),
        );
    }
    let help = match did_you_mean(word, expected.iter().copied()) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => format!("expected one of: {}", expected.join(", ")),
    };
    (format!("`{word}` is not an accepted value here"), help)
}

/// A key the mapping at `path` (`payment`, `lots[0]`; empty for the tender itself; `None`
/// when not known) does not take. A key that belongs in another section says where;
/// otherwise a near miss among `fields`, or the list of them.
pub fn explain_unknown_key(key: &str, fields: &[&str], path: Option<&str>) -> (String, String) {
    let message = match path {
        Some("") => format!("unknown key `{key}` in `tender`"),
        Some(path) => format!("unknown key `{key}` in `{path}`"),
        None => format!("unknown key `{key}`"),
    };
    let homes: Vec<&str> = match path.map(without_indices) {
        Some(section) => key_homes()
            .iter()
            .filter(|(name, home)| name == key && *home != section)
            .map(|(_, home)| home.as_str())
            .collect(),
        None => Vec::new(),
    };
    let help = if let Some(suggestion) = did_you_mean(key, fields.iter().copied())
        .filter(|suggestion| homes.is_empty() || suggestion.eq_ignore_ascii_case(key))
    {
        format!("did you mean `{suggestion}`?")
    } else if !homes.is_empty() {
        let places: Vec<String> = homes
            .iter()
            .map(|home| match *home {
                "" => format!("directly under `tender` (`tender.{key}`)"),
                home => format!("under `{home}` (`{home}.{key}`)"),
            })
            .collect();
        format!("`{key}` belongs {}", places.join(" or "))
    } else if fields.is_empty() {
        "this mapping takes no keys".to_owned()
    } else {
        format!("expected one of: {}", fields.join(", "))
    };
    (message, help)
}

/// `lots[2].value` → `lots.value`: a section's name whatever the item.
fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for character in path.chars() {
        match character {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if !in_index => out.push(character),
            _ => {}
        }
    }
    out
}

/// Every key of the tender format with the section it belongs in (`""` for the tender
/// itself), read from the JSON Schema derived from the same models the parser fills.
fn key_homes() -> &'static [(String, String)] {
    static HOMES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    HOMES.get_or_init(|| {
        let schema = crate::cli::schema::tender_schema();
        let mut homes = Vec::new();
        if let Some(tender) = schema.pointer("/properties/tender") {
            collect_homes(&schema, tender, "", &mut homes);
        }
        homes
    })
}

fn collect_homes(
    root: &serde_json::Value,
    schema: &serde_json::Value,
    section: &str,
    homes: &mut Vec<(String, String)>,
) {
    if let Some(target) = schema
        .get("$ref")
        .and_then(serde_json::Value::as_str)
        .and_then(|reference| reference.strip_prefix('#'))
        .and_then(|pointer| root.pointer(pointer))
    {
        collect_homes(root, target, section, homes);
    }
    for alternative in schema
        .get("anyOf")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
    {
        collect_homes(root, alternative, section, homes);
    }
    if let Some(items) = schema.get("items") {
        collect_homes(root, items, section, homes);
    }
    for (key, value) in schema
        .get("properties")
        .and_then(serde_json::Value::as_object)
        .into_iter()
        .flatten()
    {
        homes.push((key.clone(), section.to_owned()));
        let inner = if section.is_empty() {
            key.clone()
        } else {
            format!("{section}.{key}")
        };
        collect_homes(root, value, &inner, homes);
    }
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

    #[test]
    fn a_key_in_the_wrong_section_says_where_it_belongs() {
        let tender_fields = ["payment", "justifications", "conditions_of_participation"];
        let (message, help) = explain_unknown_key("terms_days", &tender_fields, Some(""));
        assert_eq!(message, "unknown key `terms_days` in `tender`");
        assert_eq!(
            help,
            "`terms_days` belongs under `payment` (`payment.terms_days`)"
        );
        let (_, help) = explain_unknown_key("certifications", &tender_fields, Some(""));
        assert_eq!(
            help,
            "`certifications` belongs under `conditions_of_participation` \
             (`conditions_of_participation.certifications`)"
        );
        let (_, help) =
            explain_unknown_key("terms_day", &["terms_days", "schedule"], Some("payment"));
        assert_eq!(help, "did you mean `terms_days`?");
    }

    #[test]
    fn lot_keys_are_at_home_in_every_lot() {
        let (_, help) =
            explain_unknown_key("suitabilty", &["suitability", "value"], Some("lots[3]"));
        assert_eq!(help, "did you mean `suitability`?");
        assert_eq!(without_indices("lots[3].value"), "lots.value");
    }
}
