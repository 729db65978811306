//! One integration-test binary for the core and the CLI (one link, modules per area).

mod corpus;
mod import;
mod journal;
