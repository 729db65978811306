//! How the container walkers get a photo's bytes: all of them already in memory, or read from
//! the file a window at a time, so that only the parts a walker asks for are ever read.
//!
//! The walkers ask for a piece by offset and length and get fewer bytes where the file ends
//! first, the same answer either way; a read error is the only difference between the two.

use std::io::{self, Read, Seek, SeekFrom};

/// A photo's bytes, asked for by offset.
pub(crate) trait Bytes {
    /// The file's length.
    fn size(&self) -> u64;

    /// The bytes at `at..at + len`, fewer where the file ends first (none at or past its end).
    fn piece(&mut self, at: u64, len: usize) -> io::Result<&[u8]>;

    /// The byte at `at`, `None` at or past the end.
    fn byte(&mut self, at: u64) -> io::Result<Option<u8>> {
        Ok(self.piece(at, 1)?.first().copied())
    }

    /// Exactly `N` bytes at `at`, `None` where the file ends first.
    fn array<const N: usize>(&mut self, at: u64) -> io::Result<Option<[u8; N]>> {
        Ok(self.piece(at, N)?.try_into().ok())
    }
}

impl Bytes for &[u8] {
    fn size(&self) -> u64 {
        <[u8]>::len(self) as u64
    }

    fn piece(&mut self, at: u64, len: usize) -> io::Result<&[u8]> {
        let all: &[u8] = self;
        let start = usize::try_from(at).map_or(all.len(), |at| at.min(all.len()));
        let end = start.saturating_add(len).min(all.len());
        Ok(&all[start..end])
    }
}

/// How much of a file's start is read once and kept: a JPEG's first segments and most of its
/// EXIF block, a HEIF's `ftyp` and `meta` boxes, a PNG's or WebP's first chunks, a TIFF's
/// header (which its walk comes back to after IFD0).
const HEAD: usize = 32 * 1024;

/// What any other read asks for at least: a segment or chunk header after a part skipped, a
/// TIFF's IFD with the values next to it. Small, so that a walk over many large segments reads
/// little more than their headers.
const WINDOW: usize = 4 * 1024;

/// A file read through its head and one window: a piece inside the first [`HEAD`] bytes is
/// served from them (read on the first ask and kept), any other from the window, which is read
/// anew (at least [`WINDOW`] bytes from the piece's start) for a piece outside it. A walk
/// forward through a file reads each part of it once and skips what is not asked for.
pub(crate) struct Windowed<R> {
    reader: R,
    len: u64,
    /// The file's first bytes, once asked for.
    head: Option<Vec<u8>>,
    /// Where the window starts in the file, and what it holds.
    at: u64,
    window: Vec<u8>,
    /// Where the reader is, to skip a seek when a read follows the last one.
    position: Option<u64>,
}

impl<R: Read + Seek> Windowed<R> {
    /// `len`: the file's length (from its metadata).
    pub fn new(reader: R, len: u64) -> Windowed<R> {
        Windowed {
            reader,
            len,
            head: None,
            at: 0,
            window: Vec::new(),
            position: None,
        }
    }
}

/// Reads up to `want` bytes from `at` into `buf`, fewer where the file ends (or turns out
/// shorter than its length said); `position` is where the reader is, when known.
fn read_at<R: Read + Seek>(
    reader: &mut R,
    position: &mut Option<u64>,
    at: u64,
    want: usize,
    buf: &mut Vec<u8>,
) -> io::Result<()> {
    if *position != Some(at) {
        reader.seek(SeekFrom::Start(at))?;
    }
    buf.clear();
    buf.resize(want, 0);
    let mut filled = 0;
    while filled < want {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                *position = None;
                buf.clear();
                return Err(e);
            }
        }
    }
    buf.truncate(filled);
    *position = Some(at + filled as u64);
    Ok(())
}

impl<R: Read + Seek> Bytes for Windowed<R> {
    fn size(&self) -> u64 {
        self.len
    }

    fn piece(&mut self, at: u64, len: usize) -> io::Result<&[u8]> {
        if at >= self.len {
            return Ok(&[]);
        }
        let available = usize::try_from(self.len - at).unwrap_or(usize::MAX);
        let len = len.min(available);
        let end = at + len as u64;
        let head_len = (HEAD as u64).min(self.len);
        if end <= head_len {
            if self.head.is_none() {
                let mut head = Vec::new();
                read_at(
                    &mut self.reader,
                    &mut self.position,
                    0,
                    head_len as usize,
                    &mut head,
                )?;
                self.head = Some(head);
            }
            let head = self.head.as_deref().unwrap_or_default();
            return Ok(&head[(at as usize).min(head.len())..(end as usize).min(head.len())]);
        }
        let held = at >= self.at && end <= self.at + self.window.len() as u64;
        if !held {
            let want = len.max(WINDOW).min(available);
            let read = read_at(
                &mut self.reader,
                &mut self.position,
                at,
                want,
                &mut self.window,
            );
            self.at = at;
            read?;
        }
        let start = (at - self.at) as usize;
        let end = (start + len).min(self.window.len());
        Ok(&self.window[start.min(end)..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// Counts the reader's reads and the bytes they brought.
    struct Counted {
        inner: Cursor<Vec<u8>>,
        reads: usize,
        read: usize,
    }

    impl Read for Counted {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.reads += 1;
            self.read += n;
            Ok(n)
        }
    }

    impl Seek for Counted {
        fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
            self.inner.seek(to)
        }
    }

    fn file(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i % 251) as u8).collect()
    }

    #[test]
    fn a_window_gives_what_the_whole_file_gives() {
        let data = file(100_000);
        let mut whole: &[u8] = &data;
        let mut windowed = Windowed::new(Cursor::new(data.clone()), data.len() as u64);
        let asks = [
            (0, 4),
            (10, 100),
            (40_000, 70_000), // longer than a window
            (99_990, 20),     // cut by the end
            (100_000, 4),     // at the end
            (250_000, 4),     // past it
            (5, 0),
            (u64::MAX - 2, 8),
        ];
        for (at, len) in asks {
            let want = whole.piece(at, len).unwrap().to_vec();
            assert_eq!(windowed.piece(at, len).unwrap(), &want[..], "{at}+{len}");
        }
        assert_eq!(windowed.byte(99_999).unwrap(), Some(data[99_999]));
        assert_eq!(windowed.byte(100_000).unwrap(), None);
        assert_eq!(windowed.array::<4>(99_998).unwrap(), None);
        assert_eq!(
            windowed.array::<2>(99_998).unwrap(),
            Some([data[99_998], data[99_999]])
        );
    }

    #[test]
    fn reads_only_the_windows_asked_for() {
        let data = file(1_000_000);
        let reader = Counted {
            inner: Cursor::new(data.clone()),
            reads: 0,
            read: 0,
        };
        let mut windowed = Windowed::new(reader, data.len() as u64);
        // A walk forward through headers close together from the start: one read.
        for at in (0..HEAD as u64 - 4).step_by(1_000) {
            assert_eq!(
                windowed.piece(at, 4).unwrap(),
                &data[at as usize..at as usize + 4]
            );
        }
        assert_eq!(windowed.reader.reads, 1);
        // A jump past a large part: one more window, nothing in between.
        assert_eq!(windowed.piece(900_000, 8).unwrap(), &data[900_000..900_008]);
        assert_eq!(windowed.reader.reads, 2);
        assert_eq!(windowed.reader.read, HEAD + WINDOW);
        // Back to the start (a TIFF's header after its IFD0): the head is kept.
        assert_eq!(windowed.piece(4, 4).unwrap(), &data[4..8]);
        assert_eq!(windowed.reader.reads, 2);
    }

    #[test]
    fn a_file_shorter_than_its_length_ends_where_it_ends() {
        let data = file(1_000);
        let mut windowed = Windowed::new(Cursor::new(data.clone()), 5_000);
        assert_eq!(windowed.piece(990, 100).unwrap(), &data[990..]);
        assert_eq!(windowed.piece(2_000, 100).unwrap(), &[] as &[u8]);
    }
}
