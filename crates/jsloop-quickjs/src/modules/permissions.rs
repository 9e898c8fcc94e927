//! What scripts may reach outside the engine. Untrusted scripts get
//! nothing unless granted; the `jsloop` command grants everything, as
//! `node` does. Later I/O (files, processes, network, environment) is
//! granted here too.

use std::path::{Path, PathBuf};

/// Which module files scripts may load.
#[derive(Debug, Clone, Default)]
enum ModuleFiles {
    /// None: `require`/`import` of a file fails with `ERR_ACCESS_DENIED`.
    #[default]
    None,
    /// Any file.
    All,
    /// Files under these directories (canonical paths).
    Roots(Vec<PathBuf>),
}

/// The permission set of a [`Runtime`](crate::Runtime), given to
/// [`Builder::permissions`](crate::Builder::permissions).
///
/// # Examples
///
/// ```
/// use jsloop_quickjs::{Permissions, Runtime};
///
/// let rt = Runtime::builder()
///     .permissions(Permissions::none().module_roots(["/srv/app"]))
///     .build()
///     .unwrap();
/// # drop(rt);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Permissions {
    module_files: ModuleFiles,
    /// Whether scripts may start processes (`node:child_process`).
    child_process: bool,
}

impl Permissions {
    /// Nothing granted (the default): built-in and registered native
    /// modules only.
    pub fn none() -> Self {
        Self::default()
    }

    /// Everything granted, as `node` has it.
    pub fn all() -> Self {
        Self {
            module_files: ModuleFiles::All,
            child_process: true,
        }
    }

    /// Module files may be loaded from under `roots` (and only there).
    pub fn module_roots<P: Into<PathBuf>>(mut self, roots: impl IntoIterator<Item = P>) -> Self {
        let roots = roots
            .into_iter()
            .map(|r| {
                let r = r.into();
                std::fs::canonicalize(&r).unwrap_or(r)
            })
            .collect();
        self.module_files = ModuleFiles::Roots(roots);
        self
    }

    /// Whether scripts may start child processes (`node:child_process`;
    /// denied, its functions throw Node's `ERR_ACCESS_DENIED`).
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::Permissions;
    ///
    /// let no_processes = Permissions::all().child_process(false);
    /// # drop(no_processes);
    /// ```
    pub fn child_process(mut self, allowed: bool) -> Self {
        self.child_process = allowed;
        self
    }

    /// Whether scripts may start child processes.
    pub(crate) fn may_spawn(&self) -> bool {
        self.child_process
    }

    /// Whether scripts may load the module file at `path` (canonical).
    pub(crate) fn may_load(&self, path: &Path) -> bool {
        match &self.module_files {
            ModuleFiles::None => false,
            ModuleFiles::All => true,
            ModuleFiles::Roots(roots) => roots.iter().any(|r| path.starts_with(r)),
        }
    }
}
