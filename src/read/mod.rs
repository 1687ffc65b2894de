//! Readers: source text to the tender model. `yaml` builds spanned YAML trees for tender files;
//! `json` and `ocds` read published OCDS notices.

pub mod json;
pub mod ocds;
pub mod yaml;
