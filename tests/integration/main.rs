//! Every integration test of handbook, in one test binary (one link step, one process): whole
//! projects built in-process from fixture folders and the produced HTML looked at, the bad-input
//! corpus with its exact messages, the command line, the preview server, the JSON Schema, and the
//! five real programmes in `content/`.

mod bad_input;
mod build;
mod cli;
mod common;
mod content;

mod serve;
mod variants;
