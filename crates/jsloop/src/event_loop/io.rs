//! Readiness registrations on the loop: the public API over
//! [`Registrations`](crate::io::Registrations).

use mio::event::Source;
use mio::Interest;

use super::EventLoop;
use crate::error::IoError;
use crate::io::{IoId, Readiness};
use crate::shared::Stop;

impl EventLoop {
    /// Registers `source` with the loop's poller: `callback` runs in the
    /// poll phase each time it becomes ready for `interest`, followed by a
    /// microtask checkpoint, like every callback. The registration is
    /// referenced: it keeps [`EventLoop::run`] going until it is
    /// deregistered, closed or unreferenced. The source stays yours; close
    /// the registration ([`EventLoop::close_io`]) before dropping it.
    ///
    /// Readiness is **edge-triggered**: the callback is called when the
    /// source *becomes* ready, not while it stays ready. It must read (or
    /// write, or accept) until the operation returns
    /// [`WouldBlock`](std::io::ErrorKind::WouldBlock); whatever it leaves
    /// unread produces no further call until more arrives. For a stream
    /// socket a read shorter than its buffer also means drained (more data
    /// is a new edge, as tokio assumes), unless the readiness
    /// [`is_read_closed`](Readiness::is_read_closed): then read on to the
    /// end. Readiness is also a hint: an operation may still return
    /// `WouldBlock`.
    ///
    /// A panicking callback is reported to the panic hook; the
    /// registration stays, and the callback runs again at the next
    /// readiness.
    ///
    /// # Errors
    ///
    /// [`IoError::Closed`] once a shutdown or close began (the callback is
    /// dropped); [`IoError::Os`] if the poller refused the source (already
    /// registered, not pollable).
    ///
    /// # Examples
    ///
    /// A listener that accepts every pending connection, then closes:
    ///
    /// ```
    /// use std::io::ErrorKind;
    /// use std::rc::Rc;
    /// use std::cell::RefCell;
    /// use jsloop::mio::{net::TcpListener, Interest};
    /// use jsloop::EventLoop;
    ///
    /// let lp = EventLoop::new();
    /// let listener = TcpListener::bind("127.0.0.1:0".parse().unwrap())?;
    /// let _client = std::net::TcpStream::connect(listener.local_addr()?)?;
    /// let listener = Rc::new(RefCell::new(listener));
    /// let l = listener.clone();
    /// lp.register(&mut *listener.borrow_mut(), Interest::READABLE, move |lp, _ready| {
    ///     let mut listener = l.borrow_mut();
    ///     loop {
    ///         match listener.accept() {
    ///             Ok((_conn, peer)) => println!("connection from {peer}"),
    ///             // Edge-triggered: drained, wait for the next edge.
    ///             Err(e) if e.kind() == ErrorKind::WouldBlock => break,
    ///             Err(e) => panic!("accept failed: {e}"),
    ///         }
    ///     }
    ///     let id = lp.current_io().unwrap();
    ///     lp.close_io(id, &mut *listener, |_| println!("closed")).unwrap();
    /// })?;
    /// lp.run().unwrap();
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn register<S, F>(
        &self,
        source: &mut S,
        interest: Interest,
        callback: F,
    ) -> Result<IoId, IoError>
    where
        S: Source + ?Sized,
        F: FnMut(&EventLoop, Readiness) + 'static,
    {
        if self.stop() != Stop::Running || self.core.shared.is_terminated() {
            return Err(IoError::Closed);
        }
        let io = &self.core.io;
        let id = io.next_id();
        self.core
            .poller
            .borrow()
            .registry()
            .register(source, id.token(), interest)?;
        io.insert(id, Box::new(callback));
        Ok(id)
    }

    /// Changes the interest of a registration, or starts watching again a
    /// source [`deregistered`](EventLoop::deregister) before. `source`
    /// must be the one registered under `id`.
    ///
    /// # Errors
    ///
    /// [`IoError::NotFound`] for an unknown or closed id; [`IoError::Os`]
    /// if the poller refused the change.
    pub fn reregister<S>(&self, id: IoId, source: &mut S, interest: Interest) -> Result<(), IoError>
    where
        S: Source + ?Sized,
    {
        let io = &self.core.io;
        let active = io.is_active(id).ok_or(IoError::NotFound)?;
        let poller = self.core.poller.borrow();
        if active {
            poller.registry().reregister(source, id.token(), interest)?;
        } else {
            poller.registry().register(source, id.token(), interest)?;
            io.set_active(id, true);
        }
        Ok(())
    }

    /// Stops watching `source` (libuv's `uv_poll_stop`): its callback is
    /// kept but not called, and the registration no longer keeps the loop
    /// alive, until [`EventLoop::reregister`]. Deregistering twice is fine.
    ///
    /// # Errors
    ///
    /// [`IoError::NotFound`] for an unknown or closed id; [`IoError::Os`]
    /// if the poller refused (`source` is not the registered one).
    pub fn deregister<S>(&self, id: IoId, source: &mut S) -> Result<(), IoError>
    where
        S: Source + ?Sized,
    {
        let io = &self.core.io;
        if io.is_active(id).ok_or(IoError::NotFound)? {
            self.core.poller.borrow().registry().deregister(source)?;
            io.set_active(id, false);
        }
        Ok(())
    }

    /// Closes a registration (libuv's `uv_close`): stops watching
    /// `source`, drops the readiness callback (at once, or when it returns
    /// if it is the one running), and runs `on_close` in the close phase
    /// of this turn. Callable from the registration's own callback.
    ///
    /// # Errors
    ///
    /// [`IoError::NotFound`] for an unknown or already closed id (nothing
    /// is queued). A source the poller no longer knows (already closed by
    /// the OS) is not an error.
    pub fn close_io<S, F>(&self, id: IoId, source: &mut S, on_close: F) -> Result<(), IoError>
    where
        S: Source + ?Sized,
        F: FnOnce(&EventLoop) + 'static,
    {
        let callback = self.core.io.remove(id).ok_or(IoError::NotFound)?;
        let _ = self.core.poller.borrow().registry().deregister(source);
        drop(callback);
        let refused = self.queue_close(on_close);
        drop(refused);
        Ok(())
    }

    /// Makes a registration keep the loop alive again (while active);
    /// returns whether it exists.
    pub fn ref_io(&self, id: IoId) -> bool {
        self.core.io.set_ref(id, true)
    }

    /// Stops a registration from keeping the loop alive (its callback
    /// still runs if the loop runs anyway); returns whether it exists.
    pub fn unref_io(&self, id: IoId) -> bool {
        self.core.io.set_ref(id, false)
    }

    /// Whether a registration keeps the loop alive; `None` if no such
    /// registration.
    pub fn io_has_ref(&self, id: IoId) -> Option<bool> {
        self.core.io.has_ref(id)
    }

    /// The registration whose readiness callback is running, if one is.
    pub fn current_io(&self) -> Option<IoId> {
        self.core.current_io.get()
    }
}
