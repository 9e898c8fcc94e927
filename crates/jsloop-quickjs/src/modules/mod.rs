//! Modules as Node loads them: resolution (Node's algorithm, through
//! `oxc_resolver`), the CommonJS loader (`js/module.js`, over the natives
//! here), ES modules (the engine's loader, [`esm`]), and the registry of
//! built-in modules ([`builtins`]).
//!
//! Ground rules:
//! - One [`Modules`] per runtime, shared (`Rc`) by the natives and the
//!   engine's resolver and loader; loop thread only.
//! - A module file is read once: the CommonJS cache (JavaScript) and the
//!   engine's module table keep what was loaded; [`Modules::reads`] counts.
//! - Every file a script loads passes [`Permissions::may_load`].

pub(crate) mod builtins;
pub(crate) mod esm;
mod lexer;
mod permissions;
mod tla;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use oxc_resolver::{ModuleType, ResolveError, ResolveOptions, Resolver};

pub use permissions::Permissions;

/// How a resolved module loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// A CommonJS file (`.cjs`, `.js` outside a `"type": "module"` scope).
    CommonJs,
    /// An ES module file (`.mjs`, `.js` under `"type": "module"`).
    Module,
    /// A JSON file.
    Json,
}

impl Format {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Format::CommonJs => "commonjs",
            Format::Module => "module",
            Format::Json => "json",
        }
    }
}

/// Why a specifier did not resolve: Node's error code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub(crate) code: &'static str,
    pub(crate) message: String,
}

/// The module state of one runtime.
pub(crate) struct Modules {
    require: Resolver,
    import: Resolver,
    permissions: Permissions,
    /// Resolved files and their format, for the engine's loader.
    formats: RefCell<HashMap<PathBuf, Format>>,
    /// The specifier last written for each resolved module (for errors).
    specifiers: RefCell<HashMap<String, String>>,
    reads: Cell<usize>,
    /// Names of the native modules embedders registered.
    natives: RefCell<std::collections::HashSet<String>>,
    /// What each module (by name) imports, as the ES module loader resolved it.
    imports: RefCell<HashMap<String, Vec<String>>>,
    /// The ES module files the loader compiled, each with whether it
    /// awaits at top level.
    declared: RefCell<HashMap<String, bool>>,
    /// Texts read for the static export scan of re-exported files, kept
    /// for the loader's one read of each.
    unread: RefCell<HashMap<PathBuf, String>>,
    /// The typeless `package.json` files warned about.
    warned_typeless: RefCell<std::collections::HashSet<PathBuf>>,
    /// The ES module files whose evaluation finished.
    evaluated: RefCell<std::collections::HashSet<String>>,
    /// `.js` files no `package.json` `"type"` claims.
    typeless: RefCell<std::collections::HashSet<PathBuf>>,
}

/// Node 20.20's conditions, in order, for `require` and `import`.
const REQUIRE_CONDITIONS: [&str; 4] = ["require", "module-sync", "node", "default"];
const IMPORT_CONDITIONS: [&str; 4] = ["import", "module-sync", "node", "default"];

fn resolver(conditions: &[&str], probe: bool) -> Resolver {
    Resolver::new(ResolveOptions {
        condition_names: conditions.iter().map(|c| (*c).to_owned()).collect(),
        extensions: if probe {
            vec![".js".into(), ".json".into(), ".node".into()]
        } else {
            vec![]
        },
        main_files: if probe { vec!["index".into()] } else { vec![] },
        main_fields: vec!["main".into()],
        fully_specified: !probe,
        module_type: true,
        symlinks: true,
        ..ResolveOptions::default()
    })
}

impl Modules {
    pub(crate) fn new(permissions: Permissions) -> Self {
        Self {
            require: resolver(&REQUIRE_CONDITIONS, true),
            import: resolver(&IMPORT_CONDITIONS, false),
            permissions,
            formats: RefCell::default(),
            specifiers: RefCell::default(),
            reads: Cell::new(0),
            natives: RefCell::default(),
            imports: RefCell::default(),
            declared: RefCell::default(),
            typeless: RefCell::default(),
            evaluated: RefCell::default(),
            warned_typeless: RefCell::default(),
            unread: RefCell::default(),
        }
    }

    /// The runtime's permission set.
    pub(crate) fn permissions(&self) -> &Permissions {
        &self.permissions
    }

    /// Resolves `specifier` from the directory `from`, as `require` does
    /// (`importer` `None`) or as `import` does from the file `importer`;
    /// built-ins are looked up before (see [`builtins::lookup`]).
    pub(crate) fn resolve(
        &self,
        specifier: &str,
        from: &Path,
        importer: Option<&str>,
    ) -> Result<(PathBuf, Format), Failure> {
        let resolver = if importer.is_some() {
            &self.import
        } else {
            &self.require
        };
        match resolver.resolve(from, specifier) {
            Ok(r) => {
                let path = r.path().to_path_buf();
                if !self.permissions.may_load(&path) {
                    return Err(Failure {
                        code: "ERR_ACCESS_DENIED",
                        message: format!(
                            "Access to this API has been restricted. Loading '{}' is not permitted by the runtime's permissions.",
                            path.display()
                        ),
                    });
                }
                let extension = path.extension().and_then(|e| e.to_str());
                if r.module_type().is_none() && extension == Some("js") {
                    self.typeless.borrow_mut().insert(path.clone());
                }
                let format = match (r.module_type(), extension) {
                    (_, Some("json")) | (Some(ModuleType::Json), _) => Format::Json,
                    (Some(ModuleType::Module), _) | (_, Some("mjs")) => Format::Module,
                    _ => Format::CommonJs,
                };
                self.formats.borrow_mut().insert(path.clone(), format);
                Ok((path, format))
            }
            Err(e) => Err(failure(e, specifier, from, importer)),
        }
    }

    /// The format a resolved file was found to have (CommonJS if unknown).
    pub(crate) fn format_of(&self, path: &Path) -> Format {
        self.formats
            .borrow()
            .get(path)
            .copied()
            .unwrap_or(Format::CommonJs)
    }

    /// Reads a module file (counted) as text, invalid UTF-8 as U+FFFD.
    ///
    /// # Errors
    ///
    /// The OS error.
    pub(crate) fn read(&self, path: &Path) -> std::io::Result<String> {
        if let Some(text) = self.unread.borrow_mut().remove(path) {
            return Ok(text);
        }
        self.reads.set(self.reads.get() + 1);
        let bytes = std::fs::read(path)?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Ok(match text.strip_prefix('\u{FEFF}') {
            Some(rest) => rest.to_owned(),
            None => text,
        })
    }

    /// Whether `source` has ES module syntax (Node's detection for files
    /// no `"type"` claims): `import`/`export` statements, `import.meta`
    /// or top-level `await`.
    pub(crate) fn has_module_syntax(source: &str) -> bool {
        lexer::has_module_syntax(source) || tla::has_top_level_await(source)
    }

    /// Whether node warns (MODULE_TYPELESS_PACKAGE_JSON) when it detects
    /// the main entry `source` as an ES module: for `import`/`export`, not
    /// for top-level `await` alone (an imported file warns for both).
    pub(crate) fn warns_when_detected(source: &str) -> bool {
        lexer::has_module_syntax(source)
    }

    /// Whether the CommonJS-by-default file `path` is an ES module by
    /// node 20.20's detection: a `.js` file no `"type"` claims whose
    /// `source` has module syntax and does not parse as CommonJS (its
    /// format becomes [`Format::Module`]).
    pub(crate) fn detects_module(
        &self,
        path: &Path,
        source: &str,
        parses_as_commonjs: impl FnOnce() -> bool,
    ) -> bool {
        let detected = self.typeless.borrow().contains(path)
            && Self::has_module_syntax(source)
            && !parses_as_commonjs();
        if detected {
            self.formats
                .borrow_mut()
                .insert(path.to_path_buf(), Format::Module);
        }
        detected
    }

    /// Keeps `source`, the text of `path` just read, for the next
    /// [`Modules::read`] of it (the ES module loader's, after the CommonJS
    /// loader found it is an ES module).
    pub(crate) fn keep_text(&self, path: &Path, source: String) {
        self.unread.borrow_mut().insert(path.to_path_buf(), source);
    }

    /// The `package.json` to name in a MODULE_TYPELESS_PACKAGE_JSON
    /// warning for `file`, detected as an ES module: the nearest one, if it
    /// has no `"type"` and was not warned about yet (node warns once per
    /// package).
    pub(crate) fn typeless_warning(&self, file: &Path) -> Option<PathBuf> {
        let pj = Self::typeless_package(file)?;
        self.warned_typeless
            .borrow_mut()
            .insert(pj.clone())
            .then_some(pj)
    }

    /// Whether the nearest `package.json` above `file` exists and has no
    /// `"type"` (Node then warns when it detects module syntax).
    fn typeless_package(file: &Path) -> Option<PathBuf> {
        let (pj, text) = nearest_package_json(file)?;
        (!text.contains("\"type\"")).then_some(pj)
    }

    /// How the main entry `file` loads: its format as its extension and
    /// package say, and whether it is a `.js` file no `"type"` claims (to
    /// be detected). A file the resolver refuses counts as such a file.
    pub(crate) fn main_format(&self, file: &Path) -> (Format, bool) {
        let dir = file.parent().unwrap_or(Path::new("/"));
        match self.resolve(&file.display().to_string(), dir, None) {
            Ok((path, format)) => (format, self.typeless.borrow().contains(&path)),
            Err(_) => (Format::CommonJs, true),
        }
    }

    /// The `package.json` that makes the ES module `file` one by its
    /// `"type": "module"`, if `file` is a `.js` file (node names it when
    /// a CommonJS global is used there).
    pub(crate) fn module_package(&self, file: &Path) -> Option<PathBuf> {
        if file.extension().and_then(|e| e.to_str()) != Some("js")
            || self.typeless.borrow().contains(file)
            || self.format_of(file) != Format::Module
        {
            return None;
        }
        nearest_package_json(file).map(|(pj, _)| pj)
    }

    /// Remembers that `specifier` named the module `resolved`.
    pub(crate) fn note_specifier(&self, resolved: &str, specifier: &str) {
        self.specifiers
            .borrow_mut()
            .insert(resolved.to_owned(), specifier.to_owned());
    }

    /// Node's message for the engine's link error `Could not find export
    /// 'NAME' in module 'PATH'`, if `message` is one.
    pub(crate) fn link_error_message(&self, message: &str) -> Option<String> {
        let rest = message.strip_prefix("Could not find export '")?;
        let (name, rest) = rest.split_once("' in module '")?;
        let named = rest.strip_suffix('\'')?;
        // The engine cuts long module names short: the one noted that it begins.
        let specifiers = self.specifiers.borrow();
        let (path, spec) = match specifiers.get(named) {
            Some(spec) => (named.to_owned(), spec.clone()),
            None => {
                let mut begun = specifiers.iter().filter(|(p, _)| p.starts_with(named));
                match (begun.next(), begun.next()) {
                    (Some((p, spec)), None) => (p.clone(), spec.clone()),
                    _ => (named.to_owned(), named.to_owned()),
                }
            }
        };
        Some(match self.format_of(Path::new(&path)) {
            Format::CommonJs => format!(
                "Named export '{name}' not found. The requested module '{spec}' is a CommonJS module, which may not support all module.exports as named exports.\n\
                 CommonJS modules can always be imported via the default export, for example using:\n\n\
                 import pkg from '{spec}';\nconst {{ {name} }} = pkg;\n"
            ),
            _ => format!("The requested module '{spec}' does not provide an export named '{name}'"),
        })
    }

    /// Remembers that the module `importer` imports `imported`.
    pub(crate) fn note_import(&self, importer: &str, imported: &str) {
        let mut imports = self.imports.borrow_mut();
        let list = imports.entry(importer.to_owned()).or_default();
        if !list.iter().any(|i| i == imported) {
            list.push(imported.to_owned());
        }
    }

    /// Remembers an ES module file about to be compiled and whether its
    /// `source` awaits at top level; returns the source to compile: the
    /// file's text and, after it, a statement that tells
    /// [`Modules::note_evaluated`] when its evaluation finished.
    pub(crate) fn note_declared(&self, path: &str, source: &str) -> String {
        let tla = tla::has_top_level_await(source);
        self.declared.borrow_mut().insert(path.to_owned(), tla);
        format!(
            "{source}\n;globalThis[Symbol.for('{}')]('evaluated', {});\n",
            esm::HOOK,
            esm::string_literal(path)
        )
    }

    /// Remembers that the ES module `path` finished its evaluation.
    pub(crate) fn note_evaluated(&self, path: &str) {
        self.evaluated.borrow_mut().insert(path.to_owned());
    }

    /// Whether the ES module `path` was compiled and has not finished
    /// its evaluation (not started, running, or failed).
    pub(crate) fn is_unfinished(&self, path: &str) -> bool {
        self.declared.borrow().contains_key(path) && !self.evaluated.borrow().contains(path)
    }

    /// `from` and every module it imports, transitively (as loaded so far).
    pub(crate) fn graph(&self, from: &str) -> Vec<String> {
        let imports = self.imports.borrow();
        let mut seen = std::collections::HashSet::from([from]);
        let mut order = vec![from];
        let mut at = 0;
        while let Some(&m) = order.get(at) {
            for n in imports.get(m).into_iter().flatten() {
                if seen.insert(n.as_str()) {
                    order.push(n);
                }
            }
            at += 1;
        }
        order.into_iter().map(str::to_owned).collect()
    }

    /// An import in `graph` of one of `running`: (the specifier it was
    /// written as, the importing module).
    pub(crate) fn import_of(
        &self,
        graph: &[String],
        running: &[String],
    ) -> Option<(String, String)> {
        let imports = self.imports.borrow();
        let specifiers = self.specifiers.borrow();
        graph.iter().find_map(|m| {
            let hit = imports.get(m)?.iter().find(|n| running.contains(n))?;
            let spec = specifiers.get(hit).cloned().unwrap_or_else(|| hit.clone());
            Some((spec, m.clone()))
        })
    }

    /// The first module of `graph` that awaits at top level.
    pub(crate) fn awaits_in(&self, graph: &[String]) -> Option<String> {
        let declared = self.declared.borrow();
        graph
            .iter()
            .find(|m| declared.get(m.as_str()).copied().unwrap_or(false))
            .cloned()
    }

    /// Registers a native module's name.
    pub(crate) fn register_native(&self, name: &str) {
        self.natives.borrow_mut().insert(name.to_owned());
    }

    /// Whether `name` is a registered native module.
    pub(crate) fn is_native(&self, name: &str) -> bool {
        self.natives.borrow().contains(name)
    }

    /// How many module files were read.
    pub(crate) fn reads(&self) -> usize {
        self.reads.get()
    }

    /// The names a CommonJS module at `path` exports, as Node detects them
    /// statically for `import` (cjs-module-lexer's rules, simplified),
    /// following whole re-exports of other CommonJS files (as Node, a few
    /// levels deep; a file not found or not permitted adds nothing).
    pub(crate) fn cjs_exports(&self, path: &Path, source: &str) -> Vec<String> {
        let mut names = lexer::exports(source);
        let mut pending: Vec<(PathBuf, String, u32)> = lexer::reexports(source)
            .into_iter()
            .map(|s| (path.to_path_buf(), s, 0))
            .collect();
        let mut seen = vec![path.to_path_buf()];
        while let Some((from, spec, depth)) = pending.pop() {
            let dir = from.parent().unwrap_or(Path::new("/"));
            let Ok((target, Format::CommonJs)) = self.resolve(&spec, dir, None) else {
                continue;
            };
            if seen.contains(&target) || depth >= 8 {
                continue;
            }
            seen.push(target.clone());
            let Ok(text) = self.read(&target) else {
                continue;
            };
            for n in lexer::exports(&text) {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            pending.extend(
                lexer::reexports(&text)
                    .into_iter()
                    .map(|s| (target.clone(), s, depth + 1)),
            );
            // The CommonJS loader reads it next, when the re-export runs.
            self.unread.borrow_mut().insert(target, text);
        }
        names
    }
}

/// The nearest `package.json` above `file`, and its text.
fn nearest_package_json(file: &Path) -> Option<(PathBuf, String)> {
    let mut dir = file.parent();
    while let Some(d) = dir {
        let pj = d.join("package.json");
        if let Ok(text) = std::fs::read_to_string(&pj) {
            return Some((pj, text));
        }
        dir = d.parent();
    }
    None
}

/// Node's error for a failed resolution.
fn failure(e: ResolveError, specifier: &str, from: &Path, importer: Option<&str>) -> Failure {
    let imported = importer.map_or_else(String::new, |i| format!(" imported from {i}"));
    match e {
        ResolveError::PackagePathNotExported {
            subpath,
            package_json_path,
            ..
        } => {
            let what = if subpath.is_empty() || subpath == "." {
                "No \"exports\" main defined".to_owned()
            } else {
                format!("Package subpath '{subpath}' is not defined by \"exports\"")
            };
            Failure {
                code: "ERR_PACKAGE_PATH_NOT_EXPORTED",
                message: format!("{what} in {}{imported}", package_json_path.display()),
            }
        }
        _ if importer.is_some() => {
            let bare = !(specifier.starts_with('.')
                || specifier.starts_with('/')
                || specifier.starts_with("file:"));
            let message = if bare {
                format!(
                    "Cannot find package '{}'{imported}",
                    package_name(specifier)
                )
            } else {
                format!(
                    "Cannot find module '{}'{imported}",
                    normalize(&from.join(specifier)).display()
                )
            };
            Failure {
                code: "ERR_MODULE_NOT_FOUND",
                message,
            }
        }
        _ => Failure {
            code: "MODULE_NOT_FOUND",
            message: format!("Cannot find module '{specifier}'"),
        },
    }
}

/// `path` with `.` and `..` components folded (no file system access).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The package name of a bare specifier (`@scope/name/sub` → `@scope/name`).
fn package_name(specifier: &str) -> &str {
    let mut parts = specifier.splitn(3, '/');
    let first = parts.next().unwrap_or(specifier);
    if first.starts_with('@') {
        match parts.next() {
            Some(second) => &specifier[..first.len() + 1 + second.len()],
            None => specifier,
        }
    } else {
        first
    }
}
