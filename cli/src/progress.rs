//! Import and export progress on a terminal (indicatif); silent when stderr is not a terminal.

use indicatif::{ProgressBar, ProgressStyle};
use lanyard::export::{ExportEvent, ExportPhase};
use lanyard::import::{ImportEvent, Phase};
use std::io::IsTerminal;

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template(
                    "{prefix:>10} [{bar:30}] {pos}/{len} {per_sec} {wide_msg}",
                )
                .expect("valid template")
                .progress_chars("=> "),
            );
            bar
        });
        Progress { bar }
    }

    pub fn on_event(&self, event: &ImportEvent) {
        let Some(bar) = &self.bar else { return };
        match event {
            ImportEvent::Started { total, .. } => {
                bar.set_prefix("metadata");
                bar.set_length(*total as u64);
            }
            ImportEvent::Progress {
                phase,
                done,
                total,
                current,
            } => {
                bar.set_prefix(match phase {
                    Phase::Metadata => "metadata",
                    Phase::Thumbnails => "thumbnails",
                });
                bar.set_length(*total as u64);
                bar.set_position(*done as u64);
                bar.set_message(
                    current
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                );
            }
            ImportEvent::FileFailed { path, reason } => {
                bar.println(format!("skipped {}: {reason}", path.display()));
            }
            ImportEvent::PhaseFinished {
                phase: Phase::Metadata,
            } => {
                bar.reset();
            }
            ImportEvent::PhaseFinished { .. } => {}
            ImportEvent::Finished { .. } => bar.finish_and_clear(),
        }
    }
}

impl Progress {
    /// A plain count (`done` of `total`) under `prefix`: made from any thread.
    pub fn on_count(&self, prefix: &'static str, done: usize, total: usize) {
        if let Some(bar) = &self.bar {
            bar.set_prefix(prefix);
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Export progress: the plan (what will be published) first, then a bar per phase.
pub struct ExportProgress {
    bar: Option<ProgressBar>,
    /// Print the plan on stderr before writing (not with --json).
    tell_plan: bool,
}

impl ExportProgress {
    pub fn new(tell_plan: bool) -> ExportProgress {
        ExportProgress {
            bar: Progress::new().bar,
            tell_plan,
        }
    }

    pub fn on_event(&self, event: &ExportEvent) {
        match event {
            ExportEvent::Planned { plan } => {
                if self.tell_plan {
                    for line in &plan.summary {
                        eprintln!("{line}");
                    }
                }
            }
            ExportEvent::Progress { phase, done, total } => {
                if let Some(bar) = &self.bar {
                    bar.set_prefix(match phase {
                        ExportPhase::Images => "images",
                        ExportPhase::Pages => "pages",
                    });
                    bar.set_length(*total as u64);
                    bar.set_position(*done as u64);
                }
            }
            ExportEvent::Finished { .. } => {
                if let Some(bar) = &self.bar {
                    bar.finish_and_clear();
                }
            }
        }
    }
}
