//! The `lanyard` command line: parses arguments, makes one core call per command, prints the
//! result for a person or as JSON. No behaviour lives here that the app could not reach.

mod args;
mod print;
mod progress;

use anyhow::{Context, Result};
use args::{AgendaCommand, Args, Command, PersonCommand};
use clap::Parser;
use lanyard::export::{ExportFormat, ExportOptions};
use lanyard::import::ImportOptions;
use lanyard::journal::{Journal, SettingsChange};
use lanyard::library::{Library, LIBRARY_ENV};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

/// mimalloc keeps freed pages for reuse: each photo's decode and resize buffers (tens of MB)
/// would otherwise go back to the kernel and fault in again for the next photo.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("lanyard: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Writes to stdout; a reader that went away (`| head`) is not an error.
fn emit(text: &str) -> Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn open(args: &Args) -> Result<Journal> {
    let library = Library::resolve(
        args.library.clone(),
        std::env::var_os(LIBRARY_ENV).map(Into::into),
    )?;
    Journal::open(library.clone())
        .with_context(|| format!("cannot open the library in {}", library.dir().display()))
}

fn run(args: Args) -> Result<ExitCode> {
    match &args.command {
        Command::Inspect { files, json } => {
            let found = lanyard::metadata::inspect_all(files);
            if *json {
                emit(&print::json(&found)?)?;
            } else {
                let text: Vec<String> = found.iter().map(lanyard::metadata::describe).collect();
                emit(&(text.join("\n") + "\n"))?;
            }
            let all_failed = found.iter().all(|f| f.error.is_some());
            return Ok(if all_failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            });
        }
        Command::Sample { dir, trip } => {
            let (photos, name) = match trip {
                args::SampleTrip::Amsterdam => (lanyard::sample::conference_trip(), "Sample trip"),
                args::SampleTrip::Chicago => (lanyard::sample::chicago_trip(), "Chicago sample"),
            };
            lanyard::sample::write_trip(dir, &photos)
                .with_context(|| format!("cannot write the sample trip into {}", dir.display()))?;
            let mut said = format!(
                "Wrote {} sample photos to {}. Import them with: lanyard import --trip \"{name}\" {}\n",
                photos.len(),
                dir.display(),
                dir.display()
            );
            if *trip == args::SampleTrip::Chicago {
                // The conference's agenda, in a subfolder: a photo import skips it.
                let files = lanyard::sample::write_chicago_agenda(dir).with_context(|| {
                    format!("cannot write the sample agenda into {}", dir.display())
                })?;
                let folder = dir.join(lanyard::sample::CHICAGO_AGENDA_DIR);
                said += &format!(
                    "Wrote its agenda to {}. Import it with:\n",
                    folder.display()
                );
                for file in &files {
                    let mine = if file.ends_with("my-sched.ics") {
                        "--mine "
                    } else {
                        ""
                    };
                    said += &format!(
                        "  lanyard agenda import --trip \"{name}\" {mine}{}\n",
                        file.display()
                    );
                }
            }
            emit(&said)?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }

    let mut journal = open(&args)?;
    match args.command {
        Command::Import {
            trip,
            paths,
            no_thumbnails,
            json,
        } => {
            let options = ImportOptions {
                trip: trip.unwrap_or_else(|| lanyard::import::default_trip_name(&paths)),
                paths,
                thumbnails: !no_thumbnails,
            };
            let progress = progress::Progress::new();
            let cancel = AtomicBool::new(false);
            let report = journal.import(&options, &cancel, &|event| progress.on_event(&event))?;
            if json {
                emit(&print::json(&report)?)?;
            } else {
                emit(&print::import_report(&report))?;
            }
        }
        Command::Previews { trip, json } => {
            let progress = progress::Progress::new();
            let cancel = AtomicBool::new(false);
            let report = journal.make_previews(&trip, &cancel, &|done, total| {
                progress.on_count("previews", done, total)
            })?;
            progress.finish();
            if json {
                emit(&print::json(&report)?)?;
            } else {
                emit(&print::preview_report(&report))?;
            }
        }
        Command::Trips { json } => {
            let trips = journal.trips()?;
            if json {
                emit(&print::json(&print::trips_json(&trips))?)?;
            } else {
                emit(&print::trips(&trips))?;
            }
        }
        Command::Trip {
            name,
            timezone,
            day_start,
            rename,
            json,
        } => {
            let change = SettingsChange {
                name: rename,
                timezone,
                day_start,
                shifts: None,
            };
            let trip = journal.configure_trip(&name, &change)?;
            let timeline = journal.timeline(&trip.name)?;
            if json {
                emit(&print::json(&timeline.trip)?)?;
            } else {
                emit(&print::trip_header(&timeline))?;
            }
        }
        Command::Shift {
            trip,
            camera,
            by,
            clock,
        } => {
            let trip = match (by, clock) {
                (Some(by), _) => journal.set_shift(&trip, &camera, &by)?,
                (None, Some(clock)) => journal.set_clock(&trip, &camera, &clock)?,
                (None, None) => unreachable!("clap requires --by or --clock"),
            };
            emit(&print::clocks(&journal.trip_settings(&trip.name)?))?;
        }
        Command::Agenda(AgendaCommand::Import {
            trip,
            file,
            mine,
            json,
        }) => {
            let done = journal.import_agenda(&trip, &file, mine)?;
            if json {
                emit(&print::json(&done)?)?;
            } else {
                emit(&format!(
                    "{}: {} sessions ({} new, {} updated). {}\n",
                    done.file.display(),
                    done.sessions,
                    done.added,
                    done.updated,
                    done.summary
                ))?;
            }
        }
        Command::Agenda(AgendaCommand::List { trip, day, json }) => {
            let list = journal.agenda(&trip, day)?;
            if json {
                emit(&print::json(&list)?)?;
            } else {
                emit(&print::agenda(&list))?;
            }
        }
        Command::Agenda(AgendaCommand::Attend { trip, uid, no }) => {
            journal.set_attended(&trip, &uid, !no)?
        }
        Command::SessionNote { trip, uid, text } => {
            journal.set_session_notes(&trip, &uid, &text)?
        }
        Command::PhotoSession { photo_id, session } => {
            journal.set_photo_session(photo_id, &session)?
        }
        Command::Person(PersonCommand::Add {
            trip,
            person,
            link,
            org,
            private,
        }) => {
            journal.add_person(
                &trip,
                &person,
                link.as_deref(),
                org.as_deref(),
                Some(private),
            )?;
        }
        Command::Person(PersonCommand::List { trip, json }) => {
            let people = journal.people(&trip)?;
            if json {
                emit(&print::json(&people)?)?;
            } else {
                emit(&print::people(&people))?;
            }
        }
        Command::Tag {
            photo_id,
            person,
            remove,
        } => journal.tag_photo(photo_id, &person, remove)?,
        Command::Met {
            trip,
            day,
            person,
            remove,
        } => journal.set_met(&trip, day, &person, !remove)?,
        Command::Calibrate { trip, apply, json } => {
            let found = if apply {
                journal.apply_calibration(&trip)?
            } else {
                journal.calibrate(&trip)?
            };
            if json {
                emit(&print::json(&found)?)?;
            } else {
                emit(&print::calibration(&found, apply))?;
            }
        }
        Command::Timeline { trip, json } => {
            let timeline = journal.timeline(&trip)?;
            if json {
                emit(&print::json(&timeline)?)?;
            } else {
                emit(&print::timeline(&timeline))?;
            }
        }
        Command::Caption { photo_id, text } => journal.set_caption(photo_id, &text)?,
        Command::Hide { photo_id, unhide } => journal.set_hidden(photo_id, !unhide)?,
        Command::Export {
            trip,
            out,
            format,
            with_location,
            embed_gps,
            include_damaged,
            sizes,
            dry_run,
            json,
        } => {
            let options = ExportOptions {
                trip,
                out,
                format: match format {
                    args::Format::Html => ExportFormat::Html,
                    args::Format::Markdown => ExportFormat::Markdown,
                },
                with_location,
                embed_gps,
                include_damaged,
                sizes,
            };
            if dry_run {
                let plan = journal.export_plan(&options)?;
                if json {
                    emit(&print::json(&plan)?)?;
                } else {
                    emit(&(plan.summary.join("\n") + "\n"))?;
                }
                return Ok(ExitCode::SUCCESS);
            }
            let progress = progress::ExportProgress::new(!json);
            let cancel = AtomicBool::new(false);
            let report = journal.export(&options, &cancel, &|event| progress.on_event(&event))?;
            if json {
                emit(&print::json(&report)?)?;
            } else {
                emit(&print::export_report(&report))?;
            }
            if !report.failed.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::DayTitle {
            trip,
            day_number,
            text,
        } => journal.set_day_title(&trip, day_number, &text)?,
        Command::DayNotes {
            trip,
            day_number,
            text,
        } => journal.set_day_notes(&trip, day_number, &text)?,
        Command::Inspect { .. } | Command::Sample { .. } => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}
