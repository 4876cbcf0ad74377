//! Components, one folder per family.

pub mod article;
pub mod card;
pub mod layout;
pub mod lazy;
pub mod related;
pub mod share;
pub mod status;
