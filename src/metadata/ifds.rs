//! A TIFF file's EXIF without reading the file whole: the IFDs the EXIF reader follows (IFD0 and
//! the IFDs chained after it, their Exif and GPS IFDs, the Exif IFD's Interop IFD) and the values
//! their entries point to, copied into a TIFF block of their own with every offset changed to
//! match. The reader finds in it exactly what it finds in the whole file; a TIFF keeps its IFDs
//! anywhere, often after megabytes of pixels.
//!
//! Where anything the reader would look at lies outside the file, or a pointer is written in a
//! way no writer writes it, there is no copy: the caller gives the reader the whole file, and
//! the reader says what is broken in it. No filesystem access.

use std::io;

use super::bytes::Bytes;

/// A TIFF's byte order, named by its first two bytes ("MM": big-endian, "II": little-endian).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ByteOrder {
    pub big_endian: bool,
}

impl ByteOrder {
    /// The order of a TIFF block that starts with `start` (little-endian but for "MM").
    pub fn of(start: &[u8]) -> ByteOrder {
        ByteOrder {
            big_endian: start.starts_with(b"MM"),
        }
    }

    pub fn u16(self, b: [u8; 2]) -> u16 {
        if self.big_endian {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        }
    }

    pub fn u32(self, b: [u8; 4]) -> u32 {
        if self.big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        }
    }

    /// The 16-bit number at `at` in `b`, `None` past its end.
    pub fn u16_at(self, b: &[u8], at: usize) -> Option<u16> {
        Some(self.u16(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
    }

    /// The 32-bit number at `at` in `b`, `None` past its end.
    pub fn u32_at(self, b: &[u8], at: usize) -> Option<u32> {
        Some(self.u32(b.get(at..at.checked_add(4)?)?.try_into().ok()?))
    }

    pub fn u16_bytes(self, v: u16) -> [u8; 2] {
        if self.big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    }

    pub fn u32_bytes(self, v: u32) -> [u8; 4] {
        if self.big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    }
}

/// kamadak-exif follows at most this many IFDs in the chain from the header.
const MAX_CHAIN: usize = 8;

/// Which IFD an entry is in, as the EXIF reader tells pointer tags apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Tiff,
    Exif,
    Gps,
    Interop,
}

/// The pointer tags the reader follows in an IFD of `context`, and where they lead.
fn pointers(context: Context) -> &'static [(u16, Context)] {
    match context {
        Context::Tiff => &[(0x8769, Context::Exif), (0x8825, Context::Gps)],
        Context::Exif => &[(0xA005, Context::Interop)],
        Context::Gps | Context::Interop => &[],
    }
}

/// Bytes per value of a TIFF type as the reader knows it; 0 for a type it does not know, whose
/// value it never reads.
fn unit(kind: u16) -> u64 {
    match kind {
        1 | 2 | 6 | 7 => 1,
        3 | 8 => 2,
        4 | 9 | 11 => 4,
        5 | 10 | 12 => 8,
        _ => 0,
    }
}

/// The copy being made.
struct Copy<'a, B> {
    from: &'a mut B,
    order: ByteOrder,
    out: Vec<u8>,
    /// Each IFD copied so far: its offset in the file and in `out`.
    placed: Vec<(u32, u32)>,
}

impl<B: Bytes> Copy<'_, B> {
    // Numbers in `out` where it already holds them (an IFD just appended).
    fn u16_at(&self, at: usize) -> u16 {
        self.order
            .u16_at(&self.out, at)
            .expect("an IFD copied whole")
    }

    fn u32_at(&self, at: usize) -> u32 {
        self.order
            .u32_at(&self.out, at)
            .expect("an IFD copied whole")
    }

    fn set_u32(&mut self, at: usize, value: u32) {
        let b = self.order.u32_bytes(value);
        self.out[at..at + 4].copy_from_slice(&b);
    }

    /// Appends `len` bytes of the file from `at`; `None` where they are not all in the file, or
    /// the copy would outgrow the file (entries can share one value: a copy of each could
    /// otherwise grow without bound).
    fn append(&mut self, at: u64, len: u64) -> io::Result<Option<u32>> {
        let fits = at
            .checked_add(len)
            .is_some_and(|end| end <= self.from.size())
            && self.out.len() as u64 + len <= self.from.size();
        let (Ok(len), true) = (usize::try_from(len), fits) else {
            return Ok(None);
        };
        let Ok(new) = u32::try_from(self.out.len()) else {
            return Ok(None);
        };
        let bytes = self.from.piece(at, len)?;
        if bytes.len() < len {
            return Ok(None);
        }
        self.out.extend_from_slice(bytes);
        Ok(Some(new))
    }

    /// Copies the IFD at `at` in the file (its entries, their values and the IFDs they point
    /// to): its offset in the copy, and whether it was copied now rather than before (the reader
    /// then meets it a second time, as in the file).
    fn place(&mut self, at: u32, context: Context) -> io::Result<Option<(u32, bool)>> {
        if let Some(&(_, new)) = self.placed.iter().find(|(old, _)| *old == at) {
            return Ok(Some((new, false)));
        }
        let Some(count) = self.from.array::<2>(at.into())?.map(|b| self.order.u16(b)) else {
            return Ok(None);
        };
        // The count, the entries and the offset of the next IFD.
        let size = 2 + 12 * u64::from(count) + 4;
        let Some(new) = self.append(at.into(), size)? else {
            return Ok(None);
        };
        self.placed.push((at, new));
        for n in 0..usize::from(count) {
            let entry = new as usize + 2 + 12 * n;
            let (tag, kind) = (self.u16_at(entry), self.u16_at(entry + 2));
            let values = u64::from(self.u32_at(entry + 4));
            if let Some(&(_, child)) = pointers(context).iter().find(|(t, _)| *t == tag) {
                match (kind, values) {
                    // LONG, or IFD (which `exif::retype_ifd_pointers` makes LONG): the offset
                    // is in the entry.
                    (4 | 13, 1) => {
                        let Some((to, _)) = self.place(self.u32_at(entry + 8), child)? else {
                            return Ok(None);
                        };
                        self.set_u32(entry + 8, to);
                        continue;
                    }
                    // An unsigned integer the reader would follow, written as no writer does.
                    (1 | 3 | 4 | 13, 2..) => return Ok(None),
                    (1 | 3, 1) => return Ok(None),
                    // Nothing it follows: copied as any entry.
                    _ => {}
                }
            }
            let Some(len) = unit(kind).checked_mul(values) else {
                return Ok(None);
            };
            if len > 4 {
                let Some(value) = self.append(self.u32_at(entry + 8).into(), len)? else {
                    return Ok(None);
                };
                self.set_u32(entry + 8, value);
            }
        }
        Ok(Some((new, true)))
    }
}

/// The EXIF block of a TIFF file, copied as the module says, or `None` where the reader needs
/// the whole file.
pub(crate) fn copy<B: Bytes>(from: &mut B) -> io::Result<Option<Vec<u8>>> {
    let Some(header) = from.array::<8>(0)? else {
        return Ok(None);
    };
    if !matches!(&header[..4], b"MM\0*" | b"II*\0") {
        return Ok(None);
    }
    let mut copy = Copy {
        from,
        order: ByteOrder::of(&header),
        out: header.to_vec(),
        placed: Vec::new(),
    };
    // The chain from the header: each IFD's last four bytes point to the next one.
    let mut link = 4;
    for _ in 0..MAX_CHAIN {
        let next = copy.u32_at(link);
        if next == 0 {
            break;
        }
        let Some((new, fresh)) = copy.place(next, Context::Tiff)? else {
            return Ok(None);
        };
        copy.set_u32(link, new);
        if !fresh {
            break; // the reader stops at an IFD it has read before
        }
        link = new as usize + 2 + 12 * usize::from(copy.u16_at(new as usize));
    }
    // A ninth IFD is left pointed to, where the reader stops with an error.
    Ok(Some(copy.out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::exif::read_fields;

    /// A TIFF written field by field, filler everywhere else.
    struct Tiff {
        order: ByteOrder,
        bytes: Vec<u8>,
    }

    impl Tiff {
        fn new(big_endian: bool, len: usize) -> Tiff {
            let mut bytes = vec![0x55; len];
            bytes[..4].copy_from_slice(if big_endian { b"MM\0*" } else { b"II*\0" });
            Tiff {
                order: ByteOrder { big_endian },
                bytes,
            }
        }

        fn u16(&mut self, at: usize, v: u16) {
            self.bytes[at..at + 2].copy_from_slice(&self.order.u16_bytes(v));
        }

        fn u32(&mut self, at: usize, v: u32) {
            self.bytes[at..at + 4].copy_from_slice(&self.order.u32_bytes(v));
        }

        /// An IFD at `at` with `(tag, kind, count, value or offset)` entries and `next`.
        fn ifd(&mut self, at: usize, entries: &[(u16, u16, u32, u32)], next: u32) {
            self.u16(at, entries.len() as u16);
            for (i, &(tag, kind, count, value)) in entries.iter().enumerate() {
                let e = at + 2 + 12 * i;
                self.u16(e, tag);
                self.u16(e + 2, kind);
                self.u32(e + 4, count);
                if kind == 3 && count == 1 {
                    self.u16(e + 8, value as u16);
                    self.u16(e + 10, 0);
                } else {
                    self.u32(e + 8, value);
                }
            }
            self.u32(at + 2 + 12 * entries.len(), next);
        }

        fn text(&mut self, at: usize, s: &str) {
            self.bytes[at..at + s.len()].copy_from_slice(s.as_bytes());
            self.bytes[at + s.len()] = 0;
        }
    }

    /// Where `camera_tiff` puts IFD0: after `pixels` bytes of pixels.
    fn ifd0(pixels: usize) -> usize {
        pixels
    }

    /// A camera's TIFF: pixels first, the IFDs and their values after them (as the corpus's
    /// TIFFs have them).
    fn camera_tiff(big_endian: bool, pixels: usize) -> Vec<u8> {
        let mut t = Tiff::new(big_endian, pixels + 4_000);
        let at = |n: usize| (pixels + n) as u32;
        let (ifd0, make, model, exif, gps, date, lat) = (
            at(0),
            at(400),
            at(420),
            at(1_000),
            at(2_000),
            at(3_000),
            at(3_100),
        );
        t.u32(4, ifd0);
        t.text(make as usize, "Canon");
        t.text(model as usize, "Canon EOS 5D");
        t.ifd(
            ifd0 as usize,
            &[
                (0x100, 3, 1, 4000),
                (0x101, 3, 1, 3000),
                (0x10F, 2, 6, make),
                (0x110, 2, 13, model),
                (0x112, 3, 1, 6),
                (0x8769, 4, 1, exif),
                (0x8825, 13, 1, gps),
            ],
            0,
        );
        t.text(date as usize, "2022:05:17 09:12:03");
        t.ifd(exif as usize, &[(0x9003, 2, 20, date)], 0);
        // 52° 30' 0" N, 13° 24' 0" E as three RATIONALs each.
        let lon = lat + 24;
        for (at, dms) in [(lat, [52u32, 30, 0]), (lon, [13, 24, 0])] {
            for (i, n) in dms.into_iter().enumerate() {
                t.u32(at as usize + 8 * i, n);
                t.u32(at as usize + 8 * i + 4, 1);
            }
        }
        t.ifd(
            gps as usize,
            &[
                (0x1, 2, 2, 0),
                (0x2, 5, 3, lat),
                (0x3, 2, 2, 0),
                (0x4, 5, 3, lon),
            ],
            0,
        );
        // An inline ASCII value is its bytes in order, whatever the byte order.
        let ref_at = |n: usize| gps as usize + 2 + 12 * n + 8;
        t.bytes[ref_at(0)..ref_at(0) + 4].copy_from_slice(b"N\0\0\0");
        t.bytes[ref_at(2)..ref_at(2) + 4].copy_from_slice(b"E\0\0\0");
        t.bytes
    }

    #[test]
    fn the_copy_reads_as_the_whole_file_reads() {
        for big_endian in [false, true] {
            let file = camera_tiff(big_endian, 300_000);
            let copy = copy(&mut &file[..]).unwrap().expect("a copy");
            assert!(copy.len() < 300, "{} bytes of a 304 kB file", copy.len());
            let (whole, whole_problem) = read_fields(file.clone());
            let (fields, problem) = read_fields(copy);
            assert_eq!(fields, whole, "big endian: {big_endian}");
            assert_eq!(problem, whole_problem);
            assert_eq!(whole_problem, None);
            assert_eq!(fields.make.as_deref(), Some("Canon"));
            assert_eq!(fields.orientation, 6);
            assert!(fields.datetime.is_some());
            assert_eq!(fields.gps.map(|g| (g.lat, g.lon)), Some((52.5, 13.4)));
        }
    }

    #[test]
    fn a_chain_of_ifds_is_followed_and_a_loop_stops_it() {
        let mut t = Tiff::new(false, 4_000);
        t.u32(4, 100);
        t.text(2_000, "Nikon");
        t.ifd(100, &[(0x10F, 2, 6, 2_000)], 200);
        t.ifd(200, &[(0x112, 3, 1, 3)], 100); // IFD1 points back to IFD0
        let copy = copy(&mut &t.bytes[..]).unwrap().expect("a copy");
        assert_eq!(read_fields(copy), read_fields(t.bytes.clone()));
        assert!(read_fields(t.bytes).1.is_some(), "the loop is reported");
    }

    #[test]
    fn nothing_is_copied_where_the_reader_needs_the_whole_file() {
        let file = camera_tiff(false, 300_000);
        let ifd0 = ifd0(300_000);
        // IFD0's Make value past the end of the file.
        let mut past = file.clone();
        let end = file.len() as u32 - 2;
        past[ifd0 + 2 + 12 * 2 + 8..ifd0 + 2 + 12 * 2 + 12].copy_from_slice(&end.to_le_bytes());
        // The Exif pointer as a SHORT, which the reader follows and no writer writes.
        let mut short = file.clone();
        short[ifd0 + 2 + 12 * 5 + 2..ifd0 + 2 + 12 * 5 + 4].copy_from_slice(&3u16.to_le_bytes());
        // An IFD cut off by the end of the file.
        let cut = file[..ifd0 + 20].to_vec();
        // A value shared by 700 entries: copied each time, it would outgrow the file.
        let mut t = Tiff::new(false, 10_000);
        t.u32(4, 8);
        let shared: Vec<_> = (0..700)
            .map(|n| (0x9000 + n as u16, 7, 1_000, 9_000))
            .collect();
        t.ifd(8, &shared, 0);
        for (name, file) in [
            ("past", past),
            ("short", short),
            ("cut", cut),
            ("shared", t.bytes),
        ] {
            assert_eq!(copy(&mut &file[..]).unwrap(), None, "{name}");
        }
        assert_eq!(copy(&mut &b"II*\0"[..]).unwrap(), None, "header cut");
        assert_eq!(copy(&mut &b"GIF89a\0\0\0\0"[..]).unwrap(), None, "no TIFF");
    }

    #[test]
    fn damage_reads_the_same_in_the_copy_or_gives_no_copy() {
        let file = camera_tiff(true, 100);
        let mut copied = 0;
        for at in 0..ifd0(100) + 3_200 {
            for flip in [0xFF, 0x01, 0x80] {
                let mut damaged = file.clone();
                damaged[at] ^= flip;
                if let Some(copy) = copy(&mut &damaged[..]).unwrap() {
                    assert_eq!(
                        read_fields(copy),
                        read_fields(damaged),
                        "byte {at} ^ {flip:#x}"
                    );
                    copied += 1;
                }
            }
        }
        // Most damage is to values and filler: the copy is made and reads the same.
        assert!(copied > 9_000, "{copied} copies");
    }
}
