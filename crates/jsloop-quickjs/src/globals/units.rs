//! The start-up files and when each loads. A runtime builds with only the
//! files of the first unit run; every other file belongs to a [`Unit`] whose
//! globals and `shared` members are accessors (made by `js/lazy.js`) that
//! load the unit on first read or write, and whose dispatch entries load
//! it when the Rust side first calls one. A file's dependencies load the
//! same way, when its top level reads their `shared` members.
//!
//! Ground rules: a file runs at most once per context (it is marked
//! before it runs, so a unit reading its own members while loading sees
//! them undefined, as before they were set); what the files return is
//! merged into one table that the dispatch reads by name.

use std::cell::{Cell, OnceCell};

use rquickjs::{Ctx, Function, Object, Persistent, Value};

use super::loader::{js_file, load, JsFile, Scope};
use super::{slot_of, Slot};
use crate::ffi::OwnedValue;

/// The files, in load order: the first five run as a runtime builds.
pub(crate) const FILES: [JsFile; 18] = [
    js_file!("lazy.js"),
    js_file!("stack.js"),
    js_file!("builtin-globals.js"),
    js_file!("performance.js"),
    js_file!("url-globals.js"),
    js_file!("errors.js"),
    js_file!("process.js"),
    js_file!("signals.js"),
    js_file!("stdio.js"),
    js_file!("module.js"),
    js_file!("timers.js"),
    js_file!("console.js"),
    js_file!("dom.js"),
    js_file!("events.js"),
    js_file!("abort.js"),
    js_file!("clone.js"),
    js_file!("encoding.js"),
    js_file!("crypto.js"),
];

/// Files loaded together on first use, and what loads them.
pub(crate) struct Unit {
    /// Indices into [`FILES`], in load order.
    files: &'static [usize],
    /// Its globals, comma-separated (`@name`: `Symbol.for(name)`).
    globals: &'static str,
    /// Its members of `shared`, comma-separated.
    shared: &'static str,
    /// Its dispatch entries.
    exports: &'static [&'static str],
}

/// The units; the first is the eager files.
const UNITS: [Unit; 12] = [
    Unit {
        files: &[0, 1, 2, 3, 4],
        globals: "",
        shared: "",
        exports: &["markWrapper"],
    },
    Unit {
        files: &[5],
        globals: "",
        shared: "nodeError,setStackHeader,invalidArgType,invalidArgValue,describeReceived,outOfRange,\
                 missingArgs,validateFunction,validateInteger,validateNumber,validateBoolean,validateObject,\
                 validateAbortSignal,AbortError,reportLater,define,uvErrorMap,systemError,uvSystemError",
        exports: &[],
    },
    Unit {
        files: &[6, 7, 8],
        globals: "process",
        shared: "process,fatal,onWarning,ttyColors,signalNumbers,errnoException,uvException,stdio",
        exports: &["fatal", "rejections", "beforeExit", "exit", "mainModule"],
    },
    Unit {
        files: &[9],
        globals: "@jsloop.esm",
        shared: "requireBuiltin",
        exports: &["runMain", "registerNative", "preload", "importPreload"],
    },
    Unit {
        files: &[10],
        globals: "clearTimeout,clearInterval,clearImmediate,queueMicrotask",
        shared: "",
        exports: &[
            "runTimer",
            "coerceDelay",
            "callbackError",
            "clearTimeout",
            "unenrolled",
        ],
    },
    Unit {
        files: &[11],
        globals: "console",
        shared: "console",
        exports: &[],
    },
    Unit {
        files: &[12],
        globals: "DOMException",
        shared: "DOMException",
        exports: &[],
    },
    Unit {
        files: &[13],
        globals: "Event,EventTarget,CustomEvent",
        shared: "kCustomInspect,kTrusted,kResistStopPropagation,kMaxEventTargetListeners,\
                 kMaxEventTargetListenersWarned,eventDefaults,eventTargetHooks",
        exports: &[],
    },
    Unit {
        files: &[14],
        globals: "AbortSignal,AbortController",
        shared: "",
        exports: &[],
    },
    Unit {
        files: &[15],
        globals: "structuredClone",
        shared: "cloneValue,transferList,cloneError",
        exports: &[],
    },
    Unit {
        files: &[16],
        globals: "atob,btoa,TextEncoder,TextDecoder",
        shared: "atob,btoa,TextEncoder,TextDecoder",
        exports: &[],
    },
    Unit {
        files: &[17],
        globals: "crypto",
        shared: "webcrypto",
        exports: &[],
    },
];

/// The timers' unit (it makes `Timeout.prototype` and `Immediate.prototype`).
pub(crate) const TIMERS: usize = 4;

/// A context's loading state, in its [`Slot`].
#[derive(Default)]
pub(crate) struct State {
    /// Bit `i`: file `i` of [`FILES`] ran or is running.
    loaded: Cell<u32>,
    /// What every file receives: `host`, `util`, `shared`.
    scope: OnceCell<[Persistent<Value<'static>>; 3]>,
    /// What the files returned, merged.
    table: OnceCell<Persistent<Object<'static>>>,
}

/// Runs `lazy.js` and the other eager files with `host`, and installs the
/// accessors that load the rest.
///
/// # Errors
///
/// The engine's error if a file throws (out of memory).
pub(crate) fn start<'js>(ctx: &Ctx<'js>, slot: &Slot, host: Object<'js>) -> rquickjs::Result<()> {
    let state = &slot.units;
    let shared = Object::new(ctx.clone())?;
    let table = Object::new(ctx.clone())?;
    let _ = state.table.set(Persistent::save(ctx, table.clone()));
    let mut scope = Scope {
        host,
        util: Value::new_undefined(ctx.clone()),
        shared,
    };
    state.loaded.set(1);
    let first: Object = load(ctx, FILES[0], &scope)?.get()?;
    scope.util = first.get("util")?;
    let lazy: Function = first.get("lazy")?;
    let _ = state.scope.set([
        Persistent::save(ctx, scope.host.clone().into_value()),
        Persistent::save(ctx, scope.util.clone()),
        Persistent::save(ctx, scope.shared.clone().into_value()),
    ]);
    for &file in &UNITS[0].files[1..] {
        run(ctx, slot, file)?;
    }
    let globals = ctx.globals();
    for (i, unit) in UNITS.iter().enumerate().skip(1) {
        if !unit.globals.is_empty() {
            lazy.call::<_, ()>((globals.clone(), unit.globals, i))?;
        }
        if !unit.shared.is_empty() {
            lazy.call::<_, ()>((scope.shared.clone(), unit.shared, i))?;
        }
    }
    Ok(())
}

/// Loads unit `unit` (its files not loaded yet) in `ctx`.
///
/// # Errors
///
/// The engine's error if a file throws.
pub(crate) fn require(ctx: &Ctx<'_>, unit: usize) -> rquickjs::Result<()> {
    let Some(files) = UNITS.get(unit).map(|u| u.files) else {
        return Ok(());
    };
    let Some(slot) = slot_of(ctx) else {
        return Ok(());
    };
    let loaded = slot.units.loaded.get();
    if files.iter().any(|&f| loaded & (1 << f) != 0) {
        // Loaded, or loading further up the stack (a file reading its own
        // unit's members): its files run in order, once.
        return Ok(());
    }
    for &file in files {
        run(ctx, slot, file)?;
    }
    Ok(())
}

fn run(ctx: &Ctx<'_>, slot: &Slot, file: usize) -> rquickjs::Result<()> {
    let state = &slot.units;
    let bit = 1 << file;
    if state.loaded.get() & bit != 0 {
        return Ok(());
    }
    state.loaded.set(state.loaded.get() | bit);
    let (Some([host, util, shared]), Some(table)) = (state.scope.get(), state.table.get()) else {
        return Ok(());
    };
    let host: Object = host.clone().restore(ctx)?.get()?;
    if !UNITS[0].files.contains(&file) {
        super::ready_natives(ctx, slot, &host)?;
    }
    let scope = Scope {
        host,
        util: util.clone().restore(ctx)?,
        shared: shared.clone().restore(ctx)?.get()?,
    };
    let table = table.clone().restore(ctx)?;
    let Some(part) = load(ctx, FILES[file], &scope)?.into_object() else {
        return Ok(());
    };
    for entry in part.props::<String, Value>() {
        let (key, value) = entry?;
        table.set(key, value)?;
    }
    if let (Some(timeout), Some(immediate)) = (
        part.get::<_, Option<Value>>("timeoutProto")?,
        part.get::<_, Option<Value>>("immediateProto")?,
    ) {
        let protos = [
            OwnedValue::new(ctx, &timeout),
            OwnedValue::new(ctx, &immediate),
        ];
        let keepers = super::timers::shape_keepers(ctx, slot, &protos);
        slot.protos.replace(Some(protos));
        slot.keepers.replace(keepers?);
    }
    Ok(())
}

/// The `host` object the files receive.
///
/// # Errors
///
/// [`rquickjs::Error::Unknown`] before [`start`] ran.
pub(crate) fn host<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let host = slot_of(ctx)
        .and_then(|slot| slot.units.scope.get())
        .map(|[host, _, _]| host.clone())
        .ok_or(rquickjs::Error::Unknown)?;
    let host: Object = host.restore(ctx)?.get()?;
    if let Some(slot) = slot_of(ctx) {
        super::ready_natives(ctx, slot, &host)?;
    }
    Ok(host)
}

fn unit_of(name: &str) -> Option<usize> {
    UNITS.iter().position(|u| u.exports.contains(&name))
}

/// The dispatch entry `name`, its unit loaded first.
///
/// # Errors
///
/// The engine's error if the unit throws; a conversion error if no unit
/// exports `name`.
pub(crate) fn export<'js>(ctx: &Ctx<'js>, name: &str) -> rquickjs::Result<Function<'js>> {
    if let Some(unit) = unit_of(name) {
        require(ctx, unit)?;
    }
    let table = slot_of(ctx)
        .and_then(|slot| slot.units.table.get())
        .ok_or(rquickjs::Error::Unknown)?;
    table.clone().restore(ctx)?.get(name)
}

/// Whether the unit exporting `name` has loaded.
pub(crate) fn is_exported(ctx: &Ctx<'_>, name: &str) -> bool {
    let (Some(unit), Some(slot)) = (unit_of(name), slot_of(ctx)) else {
        return false;
    };
    let loaded = slot.units.loaded.get();
    UNITS[unit].files.iter().all(|&f| loaded & (1 << f) != 0)
}

#[cfg(test)]
mod tests {
    use crate::{JsValue, Runtime};

    fn eval(rt: &Runtime, source: &str) -> String {
        match rt.eval(source).unwrap() {
            JsValue::String(s) => s,
            other => panic!("{other:?}"),
        }
    }

    const KINDS: &str =
        "['console', 'process', 'Event', 'TextEncoder', 'structuredClone', 'clearTimeout']
        .map((k) => typeof Object.getOwnPropertyDescriptor(globalThis, k).get).join()";

    #[test]
    fn globals_load_on_first_use_and_a_run_loads_none() {
        let rt = Runtime::new().unwrap();
        rt.eval("1 + 1").unwrap();
        rt.run().unwrap();
        let lazy = "function,function,function,function,function,function";
        assert_eq!(eval(&rt, KINDS), lazy);
        rt.eval("console.log; process.version; new Event('x'); TextEncoder; structuredClone(1); clearTimeout()")
            .unwrap();
        let loaded = "undefined,undefined,undefined,undefined,undefined,undefined";
        assert_eq!(eval(&rt, KINDS), loaded);
    }

    #[test]
    fn globals_assigned_first_survive_their_files_loading() {
        let rt = Runtime::new().unwrap();
        let source = "globalThis.setTimeout = 'mine'; globalThis.Event = 'theirs';
            clearTimeout(); new AbortController(); process.exitCode;
            [setTimeout, Event, typeof global.EventTarget].join()";
        assert_eq!(eval(&rt, source), "mine,theirs,function");
    }

    #[test]
    fn handled_rejections_load_nothing_and_unhandled_still_report() {
        let rt = Runtime::new().unwrap();
        rt.eval("Promise.reject(new Error('caught')).catch(() => {})")
            .unwrap();
        rt.run().unwrap();
        let kind = "typeof Object.getOwnPropertyDescriptor(globalThis, 'process').get";
        assert_eq!(eval(&rt, kind), "function");
        rt.eval("globalThis.seen = []; process.on('unhandledRejection', (e) => seen.push(e)); Promise.reject(7)")
            .unwrap();
        rt.run().unwrap();
        assert_eq!(eval(&rt, "seen.join()"), "7");
    }

    /// The `shared` members a file sets: `shared.NAME =` and the names in
    /// `Object.assign(shared, { … })`.
    fn shared_members(source: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, _) in source.match_indices("shared.") {
            let rest = &source[i + 7..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let after = rest[name.len()..].trim_start();
            if after.starts_with('=') && !after.starts_with("==") || after.starts_with("??=") {
                out.push(name);
            }
        }
        for (i, _) in source.match_indices("Object.assign(shared, {") {
            let rest = &source[i + 23..];
            let body = &rest[..rest.find('}').unwrap()];
            for item in body.split(',') {
                let name = item.split(':').next().unwrap().trim();
                if !name.is_empty() {
                    out.push(name.to_owned());
                }
            }
        }
        out
    }

    // A lazy file's `shared` members must be listed in its unit: another
    // file reading one before the unit loads would get undefined.
    #[test]
    fn every_shared_member_a_lazy_file_sets_is_listed_in_its_unit() {
        let mut missing = Vec::new();
        for unit in &super::UNITS[1..] {
            let listed: Vec<&str> = unit.shared.split(',').map(str::trim).collect();
            for &i in unit.files {
                let file = &super::FILES[i];
                for name in shared_members(file.source) {
                    if !listed.contains(&name.as_str()) {
                        missing.push(format!("{}: shared.{name}", file.name));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "not listed in their units: {missing:?}");
    }
}
