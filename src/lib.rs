//! coachsite turns a coaching engagement folder into a private static progress site.
//!
//! The pipeline, one module per step, data flowing one way:
//!
//! ```text
//! load (files → model, with diagnostics)
//!   → audience (what one audience may see: filtered once, before anything is rendered)
//!   → insight (pure figures: progress, …)
//!   → render (pages from templates, in parallel)
//!   → site (write to a temporary folder, swap it into place)
//! ```

pub mod diagnostic;
pub mod load;
pub mod model;
