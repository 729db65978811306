//! One integration-test binary for the core and the CLI (one link, modules per area).

mod agenda;
mod corpus;
mod export;
mod export_render;
mod import;
mod journal;
