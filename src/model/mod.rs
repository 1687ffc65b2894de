//! The typed tender model and its forgiving value types.

mod count;
mod date;
mod money;
mod node;
mod percent;
mod quantity;
mod tender;
mod text;

pub use count::Count;
pub use date::{Date, Weekday};
pub use money::{Money, group_thousands};
pub use node::Node;
pub use percent::Percent;
pub use quantity::Quantity;
pub use tender::*;
pub use text::{is_missing_reason, is_placeholder};
