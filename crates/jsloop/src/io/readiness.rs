//! [`Readiness`]: what a readiness callback is told.

/// What became ready on a registered source, copied out of the poller's
/// event so the callback may register, close or poll again freely.
///
/// Readiness is a hint: a read or write may still return `WouldBlock`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Readiness(u8);

const READABLE: u8 = 1;
const WRITABLE: u8 = 2;
const READ_CLOSED: u8 = 4;
const WRITE_CLOSED: u8 = 8;
const ERROR: u8 = 16;

impl Readiness {
    /// Copies the flags of a poller event.
    pub(crate) fn from_event(event: &mio::event::Event) -> Self {
        let flags = [
            (event.is_readable(), READABLE),
            (event.is_writable(), WRITABLE),
            (event.is_read_closed(), READ_CLOSED),
            (event.is_write_closed(), WRITE_CLOSED),
            (event.is_error(), ERROR),
        ];
        Self(
            flags
                .iter()
                .filter(|(on, _)| *on)
                .fold(0, |a, (_, b)| a | b),
        )
    }

    /// The source can be read (or the peer closed its write half).
    pub fn is_readable(self) -> bool {
        self.0 & READABLE != 0
    }

    /// The source can be written.
    pub fn is_writable(self) -> bool {
        self.0 & WRITABLE != 0
    }

    /// The read half is closed: a read returns end of file.
    pub fn is_read_closed(self) -> bool {
        self.0 & READ_CLOSED != 0
    }

    /// The write half is closed: a write fails.
    pub fn is_write_closed(self) -> bool {
        self.0 & WRITE_CLOSED != 0
    }

    /// An error is pending on the source (read it with `take_error`).
    pub fn is_error(self) -> bool {
        self.0 & ERROR != 0
    }
}
