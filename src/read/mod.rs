//! Front ends that turn input files into the tender model.

pub mod json;
pub mod ocds;
