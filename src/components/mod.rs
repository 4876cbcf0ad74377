//! Components, one folder per family. Primitives (`primitives`, `status`, `lazy`) use no other
//! family; compounds (`card`, `article`, `share`, `layout`) use primitives; the loading widgets
//! (`related`, `feed`) use both. `tests/structure.rs` holds the code to this.

pub mod article;
pub mod card;
pub mod feed;
pub mod layout;
pub mod lazy;
pub mod primitives;
pub mod related;
pub mod share;
pub mod status;
