//! End-to-end tests: the release build in a real browser, as a reader uses it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

mod article;
mod build_hooks;
mod content_errors;
mod deploy;
mod embed;
mod failure;
mod hostile_content;
mod listings;
mod network_faults;
mod offline;
mod pages;
mod published;
mod publishing;
mod related;
mod settings;
mod share;
