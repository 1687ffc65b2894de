//! tenderlint: a linter for public-sector tender designs.
//!
//! Data flows one way: bytes ([`source`]) → typed tender with spans ([`parse`],
//! [`model`]) → derived figures and scope ([`facts`]) → findings ([`rules`],
//! [`lint`]) → printed ([`report`]).

mod byte_words;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod edits;
pub mod facts;
pub mod fix;
pub mod lint;
pub mod model;
pub mod parse;
pub mod read;
pub mod registry;
pub mod report;
pub mod rules;
pub mod scope;
pub mod settings;
pub mod source;
pub mod span;
pub mod suggest;
pub mod suppress;
pub mod thresholds;
