//! `tenderlint.toml` / `.tenderlint.toml`: a team's own policy without touching code.
//!
//! The nearest configuration file above a linted file applies to it (`--config`
//! overrides discovery, `--isolated` ignores every file). Precedence: rule
//! defaults from `rules/`, then the file, then command-line flags. Every key and
//! value is validated: a typo is an error with a did-you-mean, never a silently
//! disabled rule.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::model::Date;
use crate::parse::ParseError;
use crate::registry::{Registry, RuleFile, pack_rules, register_pack_rule};
use crate::settings::{EnabledRules, PackRule, Settings, ThresholdValue};
use crate::source::SourceFile;
use crate::span::Span;
use crate::suggest::{did_you_mean, explain_unknown};

pub const CONFIG_FILE_NAMES: [&str; 2] = ["tenderlint.toml", ".tenderlint.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    select: Option<Vec<Spanned<String>>>,
    extend_select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    #[serde(default)]
    per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Files of house rules, in the format of `rules/*.toml`, relative to this file.
    rule_packs: Option<Vec<Spanned<String>>>,
}

/// What the command line says, which wins over any file.
#[derive(Debug, Clone, Default)]
pub struct CliOverrides {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_on: Option<Severity>,
    pub run_date: Option<Date>,
}

/// A configuration file that could not be used: reported like a tender parse error.
#[derive(Debug, Clone)]
pub struct ConfigError {
    /// Boxed: configuration errors are rare and `SourceFile` is large.
    pub source: Box<SourceFile>,
    pub error: ParseError,
}

/// A validated configuration file, ready to give each tender its settings.
#[derive(Debug)]
struct Loaded {
    /// Settings before per-file ignores, shared by every file they govern.
    base: Arc<Settings>,
    directory: PathBuf,
    per_file_ignores: Vec<(globset::GlobMatcher, Vec<String>)>,
}

/// Finds, loads and caches configuration files for the files of one run.
pub struct Resolver {
    overrides: CliOverrides,
    explicit: Option<PathBuf>,
    isolated: bool,
    by_directory: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Result<Arc<Loaded>, ConfigError>>,
    /// The settings of files no configuration file governs, resolved once.
    unconfigured: Option<Result<Arc<Settings>, ConfigError>>,
}

impl Resolver {
    pub fn new(overrides: CliOverrides, explicit: Option<PathBuf>, isolated: bool) -> Self {
        Self {
            overrides,
            explicit,
            isolated,
            by_directory: HashMap::new(),
            loaded: HashMap::new(),
            unconfigured: None,
        }
    }

    /// The settings for the tender at `path` (`None` for standard input: the working directory's).
    /// Files with the same settings share one copy: building them per file would cost more
    /// than linting a small tender, and hold thousands of copies in memory.
    pub fn settings_for(&mut self, path: Option<&Path>) -> Result<Arc<Settings>, ConfigError> {
        let config_path = if self.isolated {
            None
        } else if let Some(explicit) = &self.explicit {
            Some(explicit.clone())
        } else {
            let directory = path
                .and_then(Path::parent)
                .filter(|parent| !parent.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            self.discover(&directory)
        };
        let Some(config_path) = config_path else {
            let overrides = &self.overrides;
            return self
                .unconfigured
                .get_or_insert_with(|| {
                    resolve(&ConfigFile::default(), overrides, Vec::new())
                        .map(Arc::new)
                        .map_err(|error| ConfigError {
                            source: Box::new(SourceFile::new(
                                "<command line>",
                                None,
                                String::new(),
                            )),
                            error: ParseError {
                                span: None,
                                ..error
                            },
                        })
                })
                .clone();
        };
        let overrides = &self.overrides;
        let loaded = self
            .loaded
            .entry(config_path.clone())
            .or_insert_with(|| load(&config_path, overrides).map(Arc::new));
        let loaded = loaded.clone()?;
        let mut settings = Arc::clone(&loaded.base);
        if let Some(path) = path {
            let relative = std::path::absolute(path)
                .ok()
                .and_then(|absolute| {
                    absolute
                        .strip_prefix(&loaded.directory)
                        .ok()
                        .map(Path::to_path_buf)
                })
                .unwrap_or_else(|| path.to_path_buf());
            for (matcher, rules) in &loaded.per_file_ignores {
                if matcher.is_match(&relative) {
                    let enabled = &mut Arc::make_mut(&mut settings).enabled;
                    for id in rules {
                        enabled.remove(id);
                    }
                }
            }
        }
        Ok(settings)
    }

    /// The nearest configuration file in `directory` or above it.
    fn discover(&mut self, directory: &Path) -> Option<PathBuf> {
        let directory = std::path::absolute(directory).unwrap_or_else(|_| directory.to_path_buf());
        if let Some(found) = self.by_directory.get(&directory) {
            return found.clone();
        }
        let found = CONFIG_FILE_NAMES
            .iter()
            .map(|name| directory.join(name))
            .find(|candidate| candidate.is_file())
            .or_else(|| directory.parent().and_then(|parent| self.discover(parent)));
        self.by_directory.insert(directory, found.clone());
        found
    }
}

fn load(path: &Path, overrides: &CliOverrides) -> Result<Loaded, ConfigError> {
    let source = SourceFile::read(path, crate::source::DEFAULT_MAX_FILE_SIZE).map_err(|error| {
        ConfigError {
            source: Box::new(SourceFile::new(
                path.display().to_string(),
                Some(path.to_path_buf()),
                String::new(),
            )),
            error: ParseError::new(error.message, None, None),
        }
    })?;
    let fail = |error: ParseError| ConfigError {
        source: Box::new(source.clone()),
        error,
    };
    let file: ConfigFile =
        toml::from_str(&source.text).map_err(|error| fail(toml_error(&error)))?;
    let directory = std::path::absolute(path)
        .ok()
        .and_then(|absolute| absolute.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    let packs = load_packs(&file, &directory, &source)?;
    let base = resolve(&file, overrides, packs).map_err(fail)?;
    let mut per_file_ignores = Vec::new();
    for (pattern, rules) in &file.per_file_ignores {
        let glob = globset::Glob::new(pattern.get_ref()).map_err(|error| {
            fail(ParseError::new(
                format!("invalid glob pattern: {}", error.kind()),
                Some(span_of(pattern)),
                None,
            ))
        })?;
        let ids = rules
            .iter()
            .map(expand_selector)
            .collect::<Result<Vec<_>, _>>()
            .map_err(fail)?;
        per_file_ignores.push((glob.compile_matcher(), ids.into_iter().flatten().collect()));
    }
    Ok(Loaded {
        base: Arc::new(base),
        directory,
        per_file_ignores,
    })
}

/// A TOML error (configuration or rule pack) as a located message, with a
/// did-you-mean for unknown keys.
fn toml_error(error: &toml::de::Error) -> ParseError {
    let span = error.span().map(|range| Span::new(range.start, range.end));
    let raw = error.message().trim();
    match explain_unknown(raw) {
        Some((_, found, help)) => {
            ParseError::new(format!("unknown key `{found}`"), span, Some(help))
        }
        None => ParseError::new(raw.to_owned(), span, None),
    }
}

fn span_of<T>(spanned: &Spanned<T>) -> Span {
    let range = spanned.span();
    Span::new(range.start, range.end)
}

/// Checks rule selectors given on the command line, before any file is read.
pub fn validate_selectors(selectors: &[String]) -> Result<(), String> {
    for selector in selectors {
        expand_selector(&Spanned::new(0..0, selector.clone())).map_err(|error| {
            let help = error
                .help
                .map(|help| format!("; {help}"))
                .unwrap_or_default();
            format!("{}{help}", error.message)
        })?;
    }
    Ok(())
}

/// Loads and registers the house rules of the file's `rule-packs`.
fn load_packs(
    file: &ConfigFile,
    directory: &Path,
    config: &SourceFile,
) -> Result<Vec<PackRule>, ConfigError> {
    let mut packs = Vec::new();
    for name in file.rule_packs.iter().flatten() {
        let path = directory.join(name.get_ref());
        let source =
            SourceFile::read(&path, crate::source::DEFAULT_MAX_FILE_SIZE).map_err(|error| {
                ConfigError {
                    source: Box::new(config.clone()),
                    error: ParseError::new(
                        format!("rule pack {}: {}", path.display(), error.message),
                        Some(span_of(name)),
                        None,
                    ),
                }
            })?;
        let fail = |error: ParseError| ConfigError {
            source: Box::new(source.clone()),
            error,
        };
        let pack: RuleFile =
            toml::from_str(&source.text).map_err(|error| fail(toml_error(&error)))?;
        for meta in pack.rules {
            let at = rule_span(&source.text, &meta.id);
            let Some(pattern) = meta.pattern.as_ref() else {
                let help =
                    "a house rule says what makes it fire: add `[rule.pattern]` with a `regex`"
                        .to_owned();
                return Err(fail(ParseError::new(
                    format!("{} has no [rule.pattern]", meta.id),
                    at,
                    Some(help),
                )));
            };
            if !meta.thresholds.is_empty() {
                return Err(fail(ParseError::new(
                    format!("{}: house rules take no thresholds", meta.id),
                    at,
                    None,
                )));
            }
            let regex = regex::Regex::new(&pattern.regex).map_err(|error| {
                fail(ParseError::new(
                    format!("{}: invalid regex: {error}", meta.id),
                    at,
                    None,
                ))
            })?;
            let meta = register_pack_rule(meta, &path)
                .map_err(|message| fail(ParseError::new(message, at, None)))?;
            packs.push(PackRule { meta, regex });
        }
    }
    Ok(packs)
}

/// Where a rule pack defines `id`, for locating errors about it.
fn rule_span(text: &str, id: &str) -> Option<Span> {
    let quoted = format!("\"{id}\"");
    text.find(&quoted)
        .map(|start| Span::new(start, start + quoted.len()))
}

/// Builds settings from a parsed file, its house rules and the command line (already validated).
fn resolve(
    file: &ConfigFile,
    overrides: &CliOverrides,
    packs: Vec<PackRule>,
) -> Result<Settings, ParseError> {
    let registry = Registry::builtin();
    let mut settings = Settings::defaults(overrides.run_date.unwrap_or_else(Date::today));
    settings
        .enabled
        .extend(packs.iter().map(|rule| rule.meta.id.clone()));
    settings.packs = packs;

    let cli = |ids: &[String]| {
        ids.iter()
            .map(|id| Spanned::new(0..0, id.clone()))
            .collect::<Vec<_>>()
    };
    // `--select` on the command line replaces the file's whole selection, its ignores included.
    let from_file = overrides.select.is_none();
    let mut enabled: EnabledRules = match (&overrides.select, &file.select) {
        (Some(select), _) => expand_all(&cli(select))?.into_iter().collect(),
        (None, Some(select)) => expand_all(select)?.into_iter().collect(),
        (None, None) => settings.enabled.clone(),
    };
    let file_extend = file
        .extend_select
        .iter()
        .flatten()
        .filter(|_| from_file)
        .cloned();
    let extend: Vec<Spanned<String>> = file_extend.chain(cli(&overrides.extend_select)).collect();
    enabled.extend(expand_all(&extend)?);
    let file_ignore = file.ignore.iter().flatten().filter(|_| from_file).cloned();
    let ignored = expand_all(
        &file_ignore
            .chain(cli(&overrides.ignore))
            .collect::<Vec<_>>(),
    )?;
    for id in &ignored {
        enabled.remove(id);
    }
    settings.enabled = enabled;

    if let Some(fail_on) = &file.fail_on {
        settings.fail_on = parse_severity(fail_on)?;
    }
    if let Some(fail_on) = overrides.fail_on {
        settings.fail_on = fail_on;
    }
    for (rule, severity) in &file.severity {
        let id = known_rule(rule)?;
        settings
            .severity_overrides
            .insert(id, parse_severity(severity)?);
    }
    for (rule, values) in &file.rules {
        let id = known_rule(rule)?;
        let meta = registry.get(&id).expect("known rule");
        for (name, value) in values {
            let Some(threshold) = meta.thresholds.get(name.get_ref()) else {
                let help = match did_you_mean(
                    name.get_ref(),
                    meta.thresholds.keys().map(String::as_str),
                ) {
                    Some(suggestion) => format!("did you mean `{suggestion}`?"),
                    None if meta.thresholds.is_empty() => {
                        format!("{id} has no configurable thresholds")
                    }
                    None => format!(
                        "{id} takes: {}",
                        meta.thresholds
                            .keys()
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                return Err(ParseError::new(
                    format!("{id} has no threshold `{}`", name.get_ref()),
                    Some(span_of(name)),
                    Some(help),
                ));
            };
            let parsed =
                ThresholdValue::from_toml(threshold, value.get_ref()).map_err(|message| {
                    ParseError::new(
                        format!("{id}.{}: {message}", name.get_ref()),
                        Some(span_of(value)),
                        None,
                    )
                })?;
            // House rules take no thresholds, so a rule with one is built in.
            let position = registry.position(&id).expect("a built-in rule");
            settings.thresholds[position].insert(name.get_ref().clone(), parsed);
            settings
                .configured
                .insert((id.clone(), name.get_ref().clone()));
        }
    }
    Ok(settings)
}

fn expand_all(selectors: &[Spanned<String>]) -> Result<Vec<String>, ParseError> {
    let mut ids = Vec::new();
    for selector in selectors {
        for id in expand_selector(selector)? {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

/// `ALL`, a family prefix (`SPEC`), or a rule id, case-insensitively.
fn expand_selector(selector: &Spanned<String>) -> Result<Vec<String>, ParseError> {
    let registry = Registry::builtin();
    let wanted = selector.get_ref().trim().to_ascii_uppercase();
    let ids: Vec<String> = registry
        .rules()
        .chain(pack_rules())
        .map(|meta| meta.id.clone())
        .filter(|id| wanted == "ALL" || id.starts_with(&wanted))
        .collect();
    if ids.is_empty() {
        let candidates: Vec<&str> = registry
            .rules()
            .map(|meta| meta.id.as_str())
            .chain(
                registry
                    .families
                    .iter()
                    .map(|family| family.family.as_str()),
            )
            .collect();
        return Err(unknown_rule_error(selector, candidates));
    }
    Ok(ids)
}

fn known_rule(rule: &Spanned<String>) -> Result<String, ParseError> {
    let registry = Registry::builtin();
    registry
        .get(rule.get_ref())
        .map(|meta| meta.id.clone())
        .ok_or_else(|| {
            unknown_rule_error(
                rule,
                registry.rules().map(|meta| meta.id.as_str()).collect(),
            )
        })
}

fn unknown_rule_error(selector: &Spanned<String>, candidates: Vec<&str>) -> ParseError {
    let help = match did_you_mean(selector.get_ref(), candidates) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => "see `tenderlint rules` for every rule id and family".to_owned(),
    };
    ParseError::new(
        format!("`{}` is not a rule id or family", selector.get_ref()),
        Some(span_of(selector)),
        Some(help),
    )
}

fn parse_severity(word: &Spanned<String>) -> Result<Severity, ParseError> {
    match word.get_ref().as_str() {
        "error" => Ok(Severity::Error),
        "warning" => Ok(Severity::Warning),
        "info" => Ok(Severity::Info),
        other => {
            let help = match did_you_mean(other, ["error", "warning", "info"]) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => "expected one of: error, warning, info".to_owned(),
            };
            Err(ParseError::new(
                format!("`{other}` is not a severity"),
                Some(span_of(word)),
                Some(help),
            ))
        }
    }
}
