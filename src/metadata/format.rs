//! Container formats: sniffing by content, the stored pixel size (before orientation, like
//! exiftool's ImageSize) and where each container keeps its raw EXIF (TIFF) block. Walks headers
//! and boxes only, asking [`Bytes`] for each piece it looks at, so that a file is read only where
//! its headers, boxes and EXIF block are — never decodes pixels, no filesystem access.

use std::io;

use crate::model::Format;

use super::bytes::Bytes;
use super::ifds::{self, ByteOrder};
use super::{MetadataError, ReadFailure};

/// What a container's header says: stored size and the raw EXIF block, when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    pub width: u32,
    pub height: u32,
    /// TIFF-structured EXIF ("II*\0…"/"MM\0*…"), container prefixes removed.
    pub exif: Option<Vec<u8>>,
}

/// How much of a file's start [`sniff`] is given by [`sniff_bytes`]: the magic numbers, and an
/// ISOBMFF file's `ftyp` box with its brands.
const SNIFF_BYTES: usize = 4096;

/// The image format, by content (magic numbers), never by file name.
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(Format::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(Format::Png);
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(Format::Webp);
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Some(Format::Tiff);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return isobmff_format(bytes);
    }
    None
}

/// [`sniff`] of the start of `b`.
pub(crate) fn sniff_bytes(b: &mut impl Bytes) -> io::Result<Option<Format>> {
    Ok(sniff(b.piece(0, SNIFF_BYTES)?))
}

/// HEIF family by `ftyp` brands (major brand first, then the compatible ones).
fn isobmff_format(bytes: &[u8]) -> Option<Format> {
    let size = be32(bytes, 0)? as usize;
    let end = size.clamp(8, bytes.len());
    let mut brands = vec![bytes.get(8..12)?];
    let mut at = 16;
    while at + 4 <= end {
        brands.push(&bytes[at..at + 4]);
        at += 4;
    }
    let is = |set: &[&[u8; 4]]| brands.iter().any(|b| set.iter().any(|s| b == s));
    // AVIF first: AVIF files also list mif1/msf1 as compatible brands.
    if is(&[b"avif", b"avis"]) {
        Some(Format::Avif)
    } else if is(&[
        b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis", b"hevc",
    ]) {
        Some(Format::Heic)
    } else {
        None
    }
}

/// Stored size and EXIF block of an image whose format is already known.
pub(crate) fn layout(b: &mut impl Bytes, format: Format) -> Result<Layout, ReadFailure> {
    match format {
        Format::Jpeg => jpeg(b),
        Format::Png => png(b),
        Format::Webp => webp(b),
        Format::Tiff => tiff(b),
        Format::Heic | Format::Avif => heif(b),
    }
}

/// The stored pixel size (width, height) before orientation.
pub fn stored_size(bytes: &[u8]) -> Result<(u32, u32), MetadataError> {
    let format = sniff(bytes).ok_or(MetadataError::NotAnImage)?;
    in_memory(layout(&mut &bytes[..], format)).map(|l| (l.width, l.height))
}

/// What a walk over bytes in memory found: those are always read, so its only failure is the
/// bytes' own.
pub(crate) fn in_memory<T>(walked: Result<T, ReadFailure>) -> Result<T, MetadataError> {
    match walked {
        Ok(found) => Ok(found),
        Err(ReadFailure::Invalid(e)) => Err(e),
        Err(ReadFailure::Io(e)) => unreachable!("bytes in memory are always read: {e}"),
    }
}

fn truncated(what: &str) -> ReadFailure {
    ReadFailure::Invalid(MetadataError::Truncated(what.to_string()))
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn le24(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 3)?;
    Some(u32::from(s[0]) | u32::from(s[1]) << 8 | u32::from(s[2]) << 16)
}

/// Strips the "Exif\0\0" header some containers put before the TIFF block.
fn strip_exif_header(data: &[u8]) -> &[u8] {
    match data {
        [b'E', b'x', b'i', b'f', 0, _, rest @ ..] => rest,
        _ => data,
    }
}

/// A length in a header as a length in memory (none is too large on a 64-bit machine; on a
/// 32-bit one, what does not fit is asked for as all there is).
fn len(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

// ---------------------------------------------------------------------------------------------
// JPEG

/// Walks the marker segments up to the first SOF, reading only their headers, the EXIF
/// segment and the SOF: everything else (ICC profiles, XMP, previews) is skipped. Tolerates junk
/// between segments (some old cameras write APP1 lengths a few bytes short).
fn jpeg(b: &mut impl Bytes) -> Result<Layout, ReadFailure> {
    let mut exif = None;
    let mut at = 2u64; // after SOI
    loop {
        // Find the next marker: 0xFF followed by a non-0xFF, non-zero byte.
        while b.byte(at)?.is_some_and(|x| x != 0xFF) {
            at += 1;
        }
        while b.byte(at)? == Some(0xFF) {
            at += 1;
        }
        let Some(marker) = b.byte(at)? else {
            return Err(truncated(
                "no JPEG frame header (SOF) before the end of the file",
            ));
        };
        at += 1;
        match marker {
            0x00 | 0x01 | 0xD0..=0xD7 => continue, // stuffing, TEM, RST: no length
            0xD9 => return Err(truncated("JPEG ends before its frame header (SOF)")),
            0xDA => return Err(truncated("JPEG scan data before its frame header (SOF)")),
            _ => {}
        }
        let len = b
            .array::<2>(at)?
            .map(u16::from_be_bytes)
            .ok_or_else(|| truncated("JPEG segment header cut off"))?;
        if len < 2 {
            return Err(truncated("JPEG segment with an invalid length"));
        }
        let body = at + 2;
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            // Precision, then height and width.
            let Some(size) = b.array::<4>(body + 1)? else {
                return Err(truncated("JPEG frame header (SOF) cut off"));
            };
            return Ok(Layout {
                width: u16::from_be_bytes([size[2], size[3]]).into(),
                height: u16::from_be_bytes([size[0], size[1]]).into(),
                exif,
            });
        }
        if marker == 0xE1 && exif.is_none() {
            let data = b.piece(body, usize::from(len - 2))?;
            if data.len() > 6 && data.starts_with(b"Exif\0") {
                exif = Some(data[6..].to_vec());
            }
        }
        at += u64::from(len);
    }
}

// ---------------------------------------------------------------------------------------------
// PNG

/// IHDR gives the size; eXIf may come anywhere (also after IDAT). Reads the chunks' headers and
/// skips their data.
fn png(b: &mut impl Bytes) -> Result<Layout, ReadFailure> {
    let head = b.piece(0, 24)?;
    if be32(head, 12).map(u32::to_be_bytes) != Some(*b"IHDR") {
        return Err(truncated("PNG without its IHDR header"));
    }
    let (Some(width), Some(height)) = (be32(head, 16), be32(head, 20)) else {
        return Err(truncated("PNG IHDR header cut off"));
    };
    let mut exif = None;
    let mut at = 8u64;
    while let Some(header) = b.array::<8>(at)? {
        let (size, kind) = header.split_at(4);
        let size = u64::from(u32::from_be_bytes(size.try_into().expect("4 bytes")));
        let start = at + 8;
        if kind == b"eXIf" {
            let data = b.piece(start, len(size))?;
            exif = (data.len() as u64 == size).then(|| strip_exif_header(data).to_vec());
            break;
        }
        if kind == b"IEND" {
            break;
        }
        at = start + size + 4; // CRC
    }
    Ok(Layout {
        width,
        height,
        exif,
    })
}

// ---------------------------------------------------------------------------------------------
// WebP

/// RIFF chunks: VP8X (canvas size, extended files), VP8 (lossy), VP8L (lossless), EXIF. Reads
/// each chunk's header and the first bytes of the image chunks; only EXIF is read whole.
fn webp(b: &mut impl Bytes) -> Result<Layout, ReadFailure> {
    let riff_end = match b.array::<4>(4)? {
        Some(n) => (u64::from(u32::from_le_bytes(n)) + 8).min(b.size()),
        None => b.size(),
    };
    let mut size = None;
    let mut exif = None;
    let mut at = 12u64;
    while let Some(header) = b.array::<8>(at)? {
        let (kind, chunk_len) = header.split_at(4);
        let chunk_len = u64::from(u32::from_le_bytes(chunk_len.try_into().expect("4 bytes")));
        let start = at + 8;
        if start > riff_end {
            break;
        }
        let end = (start + chunk_len).min(riff_end);
        // What of the chunk is looked at: an image header's first 10 bytes, or all of EXIF.
        let wanted = if kind == b"EXIF" { end - start } else { 10 };
        let data = b.piece(start, len(wanted.min(end - start)))?;
        // An image chunk long enough for its header.
        let holds = |n: u64| end - start >= n;
        match kind {
            b"VP8X" if size.is_none() => {
                if let (Some(w), Some(h)) = (le24(data, 4), le24(data, 7)) {
                    size = Some((w + 1, h + 1));
                }
            }
            // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
            b"VP8 "
                if size.is_none() && data.get(3..6) == Some(&[0x9d, 0x01, 0x2a]) && holds(10) =>
            {
                let w = u16::from_le_bytes([data[6], data[7]]) & 0x3fff;
                let h = u16::from_le_bytes([data[8], data[9]]) & 0x3fff;
                size = Some((w.into(), h.into()));
            }
            // Signature 0x2f, then 14-bit width-1 and height-1.
            b"VP8L" if size.is_none() && data.first() == Some(&0x2f) && holds(5) => {
                let bits = u32::from_le_bytes([data[1], data[2], data[3], data[4]]);
                size = Some(((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1));
            }
            b"EXIF" if exif.is_none() => exif = Some(strip_exif_header(data).to_vec()),
            _ => {}
        }
        at = start + chunk_len + (chunk_len & 1);
    }
    let (width, height) = size.ok_or_else(|| truncated("WebP without a readable image header"))?;
    Ok(Layout {
        width,
        height,
        exif,
    })
}

// ---------------------------------------------------------------------------------------------
// TIFF

/// IFD0's ImageWidth (0x100) and ImageLength (0x101); the EXIF block is the file's IFDs with
/// their values ([`ifds::copy`]), or the whole file where the reader needs it whole.
fn tiff(b: &mut impl Bytes) -> Result<Layout, ReadFailure> {
    let order = ByteOrder::of(b.piece(0, 2)?);
    let ifd = u64::from(
        b.array::<4>(4)?
            .map(|n| order.u32(n))
            .ok_or_else(|| truncated("TIFF header cut off"))?,
    );
    let count = b
        .array::<2>(ifd)?
        .map(|n| order.u16(n))
        .ok_or_else(|| truncated("TIFF IFD0 missing"))?;
    let (mut width, mut height) = (None, None);
    for i in 0..u64::from(count) {
        let Some(e) = b.array::<12>(ifd + 2 + i * 12)? else {
            return Err(truncated("TIFF IFD0 cut off"));
        };
        let value = match order.u16([e[2], e[3]]) {
            3 => Some(order.u16([e[8], e[9]]).into()),
            4 => Some(order.u32([e[8], e[9], e[10], e[11]])),
            _ => None,
        };
        match order.u16([e[0], e[1]]) {
            0x100 => width = value,
            0x101 => height = value,
            _ => {}
        }
    }
    let (Some(width), Some(height)) = (width, height) else {
        return Err(truncated("TIFF IFD0 without ImageWidth/ImageLength"));
    };
    let exif = match ifds::copy(b)? {
        Some(copy) => copy,
        None => b.piece(0, len(b.size()))?.to_vec(),
    };
    Ok(Layout {
        width,
        height,
        exif: Some(exif),
    })
}

// ---------------------------------------------------------------------------------------------
// HEIF / AVIF (ISOBMFF)

/// One box: its type and payload.
struct Bx<'a> {
    kind: [u8; 4],
    body: &'a [u8],
}

/// A box header's size field: the header's own length and the box's, `None` where it is
/// malformed. A size of 0 runs to `end`.
fn box_size(head: &[u8], at: u64, end: u64) -> Option<(u64, u64)> {
    let (header, size) = match be32(head, 0)? {
        0 => (8, end - at),
        1 => (
            16,
            u64::from(be32(head, 8)?) << 32 | u64::from(be32(head, 12)?),
        ),
        n => (8, u64::from(n)),
    };
    (size >= header).then_some((header, size))
}

/// Splits `b` into boxes; stops at the first malformed header. A size of 0 runs to the end.
fn boxes(b: &[u8]) -> impl Iterator<Item = Bx<'_>> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let head = b.get(at..)?;
        let kind: [u8; 4] = head.get(4..8)?.try_into().ok()?;
        let (header, size) = box_size(head, at as u64, b.len() as u64)?;
        let end = usize::try_from(size).ok().and_then(|s| at.checked_add(s))?;
        let body = b.get(at + header as usize..end.min(b.len()))?;
        at = end;
        Some(Bx { kind, body })
    })
}

/// The first top-level box of `kind` in the file: where its payload starts, and the payload (cut
/// where the file ends). Reads the boxes' headers only, up to that box.
fn top_level(b: &mut impl Bytes, kind: &[u8; 4]) -> io::Result<Option<Vec<u8>>> {
    let mut at = 0u64;
    let file_len = b.size();
    loop {
        let head = b.piece(at, 16)?;
        let Some(this) = head.get(4..8) else {
            return Ok(None);
        };
        let found = this == kind;
        let Some((header, size)) = box_size(head, at, file_len) else {
            return Ok(None);
        };
        let Some(end) = at.checked_add(size) else {
            return Ok(None);
        };
        let body = at + header;
        if body > end.min(file_len) {
            return Ok(None);
        }
        if found {
            return Ok(Some(b.piece(body, len(end.min(file_len) - body))?.to_vec()));
        }
        at = end;
    }
}

fn child<'a>(b: &'a [u8], kind: &[u8; 4]) -> Option<&'a [u8]> {
    boxes(b).find(|x| &x.kind == kind).map(|x| x.body)
}

/// Reads big-endian unsigned integers of 0, 2, 4 or 8 bytes in sequence.
struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn uint(&mut self, n: usize) -> Option<u64> {
        let s = self.b.get(self.at..self.at + n)?;
        self.at += n;
        Some(s.iter().fold(0u64, |acc, &x| acc << 8 | u64::from(x)))
    }
}

/// `meta` → `pitm` (primary item), `iprp/ipco` + `ipma` (its `ispe`), `iinf` + `iloc` (the
/// Exif item, which may live anywhere in the file, even at its end). Reads the `meta` box and
/// the Exif item's extent: none of the pictures in `mdat`.
fn heif(b: &mut impl Bytes) -> Result<Layout, ReadFailure> {
    let meta = top_level(b, b"meta")?.ok_or_else(|| truncated("HEIF without a meta box"))?;
    let meta = meta.get(4..).unwrap_or_default(); // full box: version + flags
    let pitm = child(meta, b"pitm").ok_or_else(|| truncated("HEIF without a primary item"))?;
    let primary = match pitm.first() {
        Some(0) => be16(pitm, 4).map(u32::from),
        _ => be32(pitm, 4),
    }
    .ok_or_else(|| truncated("HEIF pitm box cut off"))?;

    let (width, height) =
        heif_ispe(meta, primary).ok_or_else(|| truncated("HEIF primary item without ispe"))?;
    let exif = match heif_exif_item(meta) {
        Some(id) => heif_item_data(b, meta, id)?,
        None => None,
    };
    // The Exif item starts with a 4-byte offset to the TIFF header.
    let exif = exif.and_then(|d| {
        let skip = be32(&d, 0)? as usize;
        d.get(4usize.checked_add(skip)?..).map(<[u8]>::to_vec)
    });
    Ok(Layout {
        width,
        height,
        exif,
    })
}
fn heif_ispe(meta: &[u8], item: u32) -> Option<(u32, u32)> {
    let iprp = child(meta, b"iprp")?;
    let ipco: Vec<Bx<'_>> = boxes(child(iprp, b"ipco")?).collect();
    for ipma in boxes(iprp).filter(|x| &x.kind == b"ipma") {
        let version = *ipma.body.first()?;
        let flags = be32(ipma.body, 0)? & 0xFF_FFFF;
        let mut c = Cursor {
            b: ipma.body,
            at: 4,
        };
        let entries = c.uint(4)?;
        for _ in 0..entries {
            let id = c.uint(if version < 1 { 2 } else { 4 })?;
            let count = c.uint(1)?;
            for _ in 0..count {
                let index = if flags & 1 == 1 {
                    c.uint(2)? & 0x7fff
                } else {
                    c.uint(1)? & 0x7f
                };
                if id != u64::from(item) || index == 0 {
                    continue;
                }
                let prop = ipco.get(index as usize - 1)?;
                if &prop.kind == b"ispe" {
                    return Some((be32(prop.body, 4)?, be32(prop.body, 8)?));
                }
            }
        }
    }
    None
}

/// The id of the first item of type "Exif" in `iinf`.
fn heif_exif_item(meta: &[u8]) -> Option<u32> {
    let iinf = child(meta, b"iinf")?;
    let entries_size = if iinf.first() == Some(&0) { 2 } else { 4 };
    for infe in boxes(iinf.get(4 + entries_size..)?).filter(|x| &x.kind == b"infe") {
        let version = *infe.body.first()?;
        if version < 2 {
            continue; // v0/v1 have no item type
        }
        let id_size = if version == 2 { 2 } else { 4 };
        let mut c = Cursor {
            b: infe.body,
            at: 4,
        };
        let id = c.uint(id_size)?;
        c.uint(2)?; // protection index
        if infe.body.get(c.at..c.at + 4) == Some(b"Exif") {
            return u32::try_from(id).ok();
        }
    }
    None
}

/// An item's bytes via `iloc` (construction method 0: file offsets, 1: `idat`), read from the
/// file. Items made of several extents are not supported (Exif items are one extent in
/// practice).
fn heif_item_data(b: &mut impl Bytes, meta: &[u8], item: u32) -> io::Result<Option<Vec<u8>>> {
    let Some((method, start, length)) = heif_item_extent(meta, item) else {
        return Ok(None);
    };
    let idat = child(meta, b"idat");
    let source_len = match (method, idat) {
        (0, _) => b.size(),
        (1, Some(idat)) => idat.len() as u64,
        _ => return Ok(None),
    };
    let end = match length {
        0 => source_len,
        n => match start.checked_add(n) {
            Some(end) => end,
            None => return Ok(None),
        },
    };
    // All of it there, or nothing (an Exif item cut short is no Exif item).
    if start > end || end > source_len {
        return Ok(None);
    }
    Ok(Some(match idat {
        Some(idat) if method == 1 => idat[start as usize..end as usize].to_vec(),
        _ => b.piece(start, len(end - start))?.to_vec(),
    }))
}

/// Where an item's one extent is: its construction method, offset and length (0: to the end).
fn heif_item_extent(meta: &[u8], item: u32) -> Option<(u64, u64, u64)> {
    let iloc = child(meta, b"iloc")?;
    let version = *iloc.first()?;
    let mut c = Cursor { b: iloc, at: 4 };
    let sizes = c.uint(2)?;
    let offset_size = (sizes >> 12) as usize;
    let length_size = (sizes >> 8 & 0xF) as usize;
    let base_offset_size = (sizes >> 4 & 0xF) as usize;
    let index_size = if version >= 1 {
        (sizes & 0xF) as usize
    } else {
        0
    };
    let count = c.uint(if version < 2 { 2 } else { 4 })?;
    for _ in 0..count {
        let id = c.uint(if version < 2 { 2 } else { 4 })?;
        let method = if version >= 1 { c.uint(2)? & 0xF } else { 0 };
        c.uint(2)?; // data reference index
        let base = c.uint(base_offset_size)?;
        let extents = c.uint(2)?;
        let mut first = None;
        for _ in 0..extents {
            c.uint(index_size)?;
            let offset = c.uint(offset_size)?;
            let length = c.uint(length_size)?;
            first.get_or_insert((offset, length));
        }
        if id != u64::from(item) || extents != 1 {
            continue;
        }
        let (offset, length) = first?;
        return Some((method, base.checked_add(offset)?, length));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        let ftyp = |major: &[u8; 4], compat: &[&[u8; 4]]| {
            let mut b = Vec::new();
            b.extend_from_slice(&((16 + 4 * compat.len()) as u32).to_be_bytes());
            b.extend_from_slice(b"ftyp");
            b.extend_from_slice(major);
            b.extend_from_slice(&[0, 0, 0, 0]);
            for c in compat {
                b.extend_from_slice(*c);
            }
            b
        };
        let cases: &[(&[u8], Option<Format>)] = &[
            (&[0xFF, 0xD8, 0xFF, 0xE0], Some(Format::Jpeg)),
            (b"\x89PNG\r\n\x1a\n\0\0", Some(Format::Png)),
            (b"RIFF\0\0\0\0WEBPVP8 ", Some(Format::Webp)),
            (b"II*\0\x08\0\0\0", Some(Format::Tiff)),
            (b"MM\0*\0\0\0\x08", Some(Format::Tiff)),
            (&ftyp(b"heic", &[b"mif1", b"heic"]), Some(Format::Heic)),
            (&ftyp(b"mif1", &[b"mif1", b"heix"]), Some(Format::Heic)),
            (&ftyp(b"avif", &[b"mif1", b"avif"]), Some(Format::Avif)),
            (&ftyp(b"mif1", &[b"avif", b"mif1"]), Some(Format::Avif)),
            (&ftyp(b"isom", &[b"mp41"]), None),
            (b"GIF89a", None),
            (b"", None),
            (b"RIFF\0\0\0\0WAVE", None),
        ];
        for (bytes, want) in cases {
            assert_eq!(sniff(bytes), *want, "{:?}", &bytes[..bytes.len().min(12)]);
        }
    }

    #[test]
    fn jpeg_size_from_sof_without_decoding() {
        // SOI, APP0 (junk), SOF0 200×100, then nothing: the size is still known.
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 1, 2];
        b.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8, 0, 100, 0, 200, 3, 0, 0, 0]);
        assert_eq!(stored_size(&b).unwrap(), (200, 100));
        // Cut before SOF.
        assert!(matches!(
            stored_size(&b[..8]),
            Err(MetadataError::Truncated(_))
        ));
    }

    #[test]
    fn webp_headers() {
        let chunk = |kind: &[u8; 4], data: &[u8]| {
            let mut b = b"RIFF\0\0\0\0WEBP".to_vec();
            b.extend_from_slice(kind);
            b.extend_from_slice(&(data.len() as u32).to_le_bytes());
            b.extend_from_slice(data);
            let n = (b.len() - 8) as u32;
            b[4..8].copy_from_slice(&n.to_le_bytes());
            b
        };
        let lossy = chunk(
            b"VP8 ",
            &[0, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xF0, 0x00],
        );
        assert_eq!(stored_size(&lossy).unwrap(), (320, 240));
        // VP8L: width-1 = 99, height-1 = 49 packed in 14-bit fields.
        let bits: u32 = 99 | 49 << 14;
        let mut l = vec![0x2f];
        l.extend_from_slice(&bits.to_le_bytes());
        assert_eq!(stored_size(&chunk(b"VP8L", &l)).unwrap(), (100, 50));
        let x = chunk(b"VP8X", &[0, 0, 0, 0, 0x3F, 0x01, 0, 0xDF, 0, 0]);
        assert_eq!(stored_size(&x).unwrap(), (320, 224));
    }
}
