//! The typed tender model and its forgiving value types.

mod count;
mod date;
mod money;
mod node;
mod percent;
mod tender;
pub mod text;

pub use count::Count;
pub use date::{Date, Weekday};
pub use money::{Money, group_thousands};
pub use node::Node;
pub use percent::Percent;
pub use tender::*;
