//! Command-line interface: argument definitions and dispatch to one module per command.

mod check;
mod discover;
mod fix;
mod import;
mod init;
pub mod rules;
pub mod schema;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diagnostic::Severity;

/// Lint public-sector tender designs for barriers to small and medium enterprises.
///
/// Reads tender specifications written in YAML (see docs/tender-format.md) and reports
/// where they depart from the Procurement Act 2023, its regulations and SME policy.
#[derive(Debug, Parser)]
#[command(
    name = "tenderlint",
    version,
    args_conflicts_with_subcommands = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// With no command, `tenderlint PATHS...` is `tenderlint check PATHS...`.
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint tender files and directories (the default command).
    Check(CheckArgs),
    /// List every rule: id, name, severity, fix and summary.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print the full documentation of one rule.
    Explain {
        /// A rule id such as PAY001.
        #[arg(value_name = "ID")]
        id: String,
        /// Show the scope and source under one regime only.
        #[arg(long, value_name = "REGIME", value_parser = clap::builder::PossibleValuesParser::new(
            crate::scope::REGIMES.map(crate::scope::regime_key)
        ))]
        regime: Option<String>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print the JSON Schema (draft 2020-12) of the tender format, for editors and validators.
    Schema,
    /// Write a commented starter tender to fill in.
    Init(init::InitArgs),
    /// Write the tender YAML a published notice (OCDS JSON) implies, with a comment on
    /// every field the notice did not give.
    Import(import::ImportArgs),
}

/// The configuration `rules` and `explain` read, so that the house rules it loads are
/// listed and explained like the built-in ones.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Read this configuration file (and its rule packs) instead of discovering
    /// `tenderlint.toml` from the current directory.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file: built-in rules only.
    #[arg(long)]
    pub isolated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to lint; directories are searched for `*.tender.yaml` and
    /// `*.tender.yml`, honouring .gitignore. `-` reads standard input. Default: `.`
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Exit with 1 when a finding at or above this severity remains.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// Count the findings per rule and per buyer instead of listing them (human or json).
    #[arg(long, conflicts_with = "fix_mode")]
    pub statistics: bool,

    /// Print findings only, without the closing summary.
    #[arg(short, long)]
    pub quiet: bool,

    /// Also show what was inferred from each published notice (regime, class, periods), and from what.
    #[arg(short, long)]
    pub verbose: bool,

    /// Never colour the output (also set by the NO_COLOR environment variable).
    #[arg(long)]
    pub no_color: bool,

    /// The file name to report for standard input.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub stdin_filename: String,

    /// The date of the run (YYYY-MM-DD), used as the start date of tenders with no
    /// `timeline.tender_notice`; set it in CI for reproducible results.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<crate::model::Date>,

    /// Rules to run, replacing the configuration's `select`: ids, family prefixes
    /// (`SPEC`) or `ALL`; comma-separated or repeated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,

    /// Rules to run in addition to those selected.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,

    /// Rules not to run, added to the configuration's `ignore`.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Use this configuration file for every tender instead of discovering
    /// `tenderlint.toml` / `.tenderlint.toml` above each one.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file: rule defaults and flags only.
    #[arg(long)]
    pub isolated: bool,

    /// Number of files checked at once (default and maximum: one per CPU).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Parse only, running no rules: for measuring the rule engine's overhead.
    #[arg(long, hide = true)]
    pub parse_only: bool,

    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::source::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,

    /// Apply the safe fixes to the files in place, then report what remains. With `-`,
    /// the fixed document goes to standard output and the report to standard error.
    #[arg(long, group = "fix_mode", help_heading = "Fixes")]
    pub fix: bool,

    /// Also apply unsafe fixes: those that need a judgement (a figure, a rebalance).
    #[arg(long, requires = "fix_mode", help_heading = "Fixes")]
    pub unsafe_fixes: bool,

    /// Print a unified diff of what --fix would change, and change nothing. Exits 1
    /// when there is a diff, 0 when there is none.
    #[arg(long, group = "fix_mode", help_heading = "Fixes")]
    pub diff: bool,

    /// List the fixes applied to each file.
    #[arg(long, requires = "fix_mode", help_heading = "Fixes")]
    pub show_fixes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// rustc-style snippets with a closing summary.
    Human,
    /// One JSON object with every finding (schema in the README).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// One line per finding: `path:line:col: severity[ID] message`.
    Concise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

fn parse_date(text: &str) -> Result<crate::model::Date, String> {
    crate::model::Date::parse(text)
}

/// Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage, I/O or parse errors.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const ERROR: u8 = 2;
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Rules { format, config }) => rules::list(format, &config),
        Some(Command::Explain { id, regime, config }) => rules::explain(
            &id,
            regime.and_then(|word| {
                crate::scope::REGIMES
                    .into_iter()
                    .find(|&regime| crate::scope::regime_key(regime) == word)
            }),
            &config,
        ),
        Some(Command::Schema) => schema::run(),
        Some(Command::Init(args)) => init::run(&args),
        Some(Command::Import(args)) => import::run(&args),
        None => check::run(&cli.check),
    };
    ExitCode::from(code)
}
