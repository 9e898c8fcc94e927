//! Incremental decompression for `zlib`'s stream forms (`createGunzip`,
//! `createInflate`, `createInflateRaw`, `createUnzip`): each write returns
//! what its input decompresses to, with the checks of the buffer forms
//! (headers, checksums, sizes, every gzip member) and the same failures.

use flate2::{Decompress, FlushDecompress, Status};

use super::zlib::{gzip_header, Fail};

/// The wrapping around the deflate data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wrap {
    Gzip,
    Zlib,
    Raw,
    /// Gzip or zlib, told by the first byte.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Header,
    Body,
    Trailer,
    /// A gzip member ended: the end, or another member.
    BetweenMembers,
    Done,
}

/// An incremental gzip/zlib/raw inflater.
pub(super) struct Inflater {
    wrap: Wrap,
    stage: Stage,
    pending: Vec<u8>,
    inflate: Decompress,
    crc: crc32fast::Hasher,
    size: u32,
    adler: (u32, u32),
}

impl Inflater {
    /// `kind`: `gzip`, `deflate` (zlib), `raw` or `unzip`.
    pub(super) fn new(kind: &str) -> Self {
        let wrap = match kind {
            "gzip" => Wrap::Gzip,
            "deflate" => Wrap::Zlib,
            "raw" => Wrap::Raw,
            _ => Wrap::Unknown,
        };
        Self {
            wrap,
            stage: if wrap == Wrap::Raw {
                Stage::Body
            } else {
                Stage::Header
            },
            pending: Vec::new(),
            inflate: Decompress::new(false),
            crc: crc32fast::Hasher::new(),
            size: 0,
            adler: (1, 0),
        }
    }

    fn account(&mut self, bytes: &[u8]) {
        match self.wrap {
            Wrap::Gzip => {
                self.crc.update(bytes);
                #[allow(clippy::cast_possible_truncation)]
                let n = bytes.len() as u32;
                self.size = self.size.wrapping_add(n);
            }
            Wrap::Zlib => {
                let (mut a, mut b) = self.adler;
                for chunk in bytes.chunks(5552) {
                    for &x in chunk {
                        a += u32::from(x);
                        b += a;
                    }
                    a %= 65521;
                    b %= 65521;
                }
                self.adler = (a, b);
            }
            Wrap::Raw | Wrap::Unknown => {}
        }
    }

    /// Decompresses `input`; returns the new output.
    pub(super) fn write(&mut self, input: &[u8]) -> Result<Vec<u8>, Fail> {
        self.pending.extend_from_slice(input);
        let mut out = Vec::new();
        loop {
            match self.stage {
                Stage::Done => {
                    self.pending.clear();
                    return Ok(out);
                }
                Stage::BetweenMembers => match self.pending.first() {
                    None => return Ok(out),
                    Some(&0x1f) => self.start_member(),
                    // Bytes after the last member are ignored, as the
                    // buffer form does.
                    Some(_) => self.stage = Stage::Done,
                },
                Stage::Header => {
                    if self.wrap == Wrap::Unknown {
                        match self.pending.first() {
                            None => return Ok(out),
                            Some(&0x1f) => self.wrap = Wrap::Gzip,
                            Some(_) => self.wrap = Wrap::Zlib,
                        }
                    }
                    let used = match self.wrap {
                        Wrap::Gzip => match gzip_header(&self.pending) {
                            Ok(n) => n,
                            Err(Fail::Eof) => return Ok(out),
                            Err(f) => return Err(f),
                        },
                        _ => match self.pending[..] {
                            [] | [_] => return Ok(out),
                            [cmf, flg, ..]
                                if cmf & 0x0f != 8
                                    || (u16::from(cmf) * 256 + u16::from(flg)) % 31 != 0 =>
                            {
                                return Err(Fail::Header)
                            }
                            [_, flg, ..] if flg & 0x20 != 0 => return Err(Fail::Dictionary),
                            _ => 2,
                        },
                    };
                    self.pending.drain(..used);
                    self.stage = Stage::Body;
                }
                Stage::Body => {
                    if !self.inflate_some(&mut out)? {
                        return Ok(out);
                    }
                }
                Stage::Trailer => {
                    let need = if self.wrap == Wrap::Gzip { 8 } else { 4 };
                    let Some(t) = self.pending.get(..need) else {
                        return Ok(out);
                    };
                    let ok = if self.wrap == Wrap::Gzip {
                        let crc = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
                        let size = u32::from_le_bytes([t[4], t[5], t[6], t[7]]);
                        crc == self.crc.clone().finalize() && size == self.size
                    } else {
                        let (a, b) = self.adler;
                        u32::from_be_bytes([t[0], t[1], t[2], t[3]]) == (b << 16) | a
                    };
                    if !ok {
                        return Err(Fail::Check);
                    }
                    self.pending.drain(..need);
                    self.stage = if self.wrap == Wrap::Gzip {
                        Stage::BetweenMembers
                    } else {
                        Stage::Done
                    };
                }
            }
        }
    }

    fn start_member(&mut self) {
        self.stage = Stage::Header;
        self.inflate = Decompress::new(false);
        self.crc = crc32fast::Hasher::new();
        self.size = 0;
    }

    /// Inflates what is pending; whether the body ended.
    fn inflate_some(&mut self, out: &mut Vec<u8>) -> Result<bool, Fail> {
        let mut buf = Vec::with_capacity((self.pending.len() * 2).clamp(64, 64 * 1024));
        loop {
            let (i, o) = (self.inflate.total_in(), self.inflate.total_out());
            buf.clear();
            let status = self
                .inflate
                .decompress_vec(&self.pending, &mut buf, FlushDecompress::None)
                .map_err(|_| Fail::Data)?;
            let used = usize::try_from(self.inflate.total_in() - i).map_err(|_| Fail::Data)?;
            self.pending.drain(..used);
            self.account(&buf);
            out.extend_from_slice(&buf);
            if status == Status::StreamEnd {
                self.stage = if self.wrap == Wrap::Raw {
                    Stage::Done
                } else {
                    Stage::Trailer
                };
                return Ok(true);
            }
            let progressed = self.inflate.total_in() != i || self.inflate.total_out() != o;
            if !progressed || (self.pending.is_empty() && buf.len() < buf.capacity()) {
                return Ok(false);
            }
        }
    }

    /// The end of input: an error unless the data ended completely.
    pub(super) fn finish(&self) -> Result<(), Fail> {
        match self.stage {
            Stage::Done | Stage::BetweenMembers => Ok(()),
            _ => Err(Fail::Eof),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Fail, Inflater};
    use std::io::Write;

    fn feed(kind: &str, data: &[u8], piece: usize) -> Result<Vec<u8>, Fail> {
        let mut d = Inflater::new(kind);
        let mut out = Vec::new();
        for chunk in data.chunks(piece) {
            out.extend(d.write(chunk)?);
        }
        d.finish()?;
        Ok(out)
    }

    fn text() -> Vec<u8> {
        (0..3000)
            .map(|i| format!("line {i}\n"))
            .collect::<String>()
            .into_bytes()
    }

    #[test]
    fn any_split_of_the_input_decompresses_to_the_same() {
        let level = flate2::Compression::default();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), level);
        gz.write_all(&text()).unwrap();
        let mut gz = gz.finish().unwrap();
        // Two members.
        gz.extend(gz.clone());
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), level);
        z.write_all(&text()).unwrap();
        let z = z.finish().unwrap();
        let mut twice = text();
        twice.extend(text());
        for piece in [1, 7, 100, 100_000] {
            assert_eq!(feed("gzip", &gz, piece).unwrap(), twice);
            assert_eq!(feed("unzip", &gz, piece).unwrap(), twice);
            assert_eq!(feed("deflate", &z, piece).unwrap(), text());
            assert_eq!(feed("unzip", &z, piece).unwrap(), text());
            assert_eq!(feed("raw", &z[2..z.len() - 4], piece).unwrap(), text());
        }
    }

    #[test]
    fn failures_are_named_as_the_buffer_forms_name_them() {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&text()).unwrap();
        let mut z = z.finish().unwrap();
        assert_eq!(feed("deflate", &z[..20], 7), Err(Fail::Eof));
        assert_eq!(feed("gzip", b"not gzip", 3), Err(Fail::Header));
        assert_eq!(feed("gzip", b"", 3), Err(Fail::Eof));
        let n = z.len();
        z[n - 1] ^= 1;
        assert_eq!(feed("deflate", &z, 50), Err(Fail::Check));
    }
}
