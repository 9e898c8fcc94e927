//! What scripts may reach outside the engine. Untrusted scripts get
//! nothing unless granted; the `jsloop` command grants everything, as
//! `node` does. Files (`fs`), processes (`child_process`) and the
//! environment (`process.env`) are granted here too.

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
    fs: FsAccess,
    /// Whether scripts may start processes (`node:child_process`).
    child_process: bool,
    env: EnvAccess,
    net: NetAccess,
}

/// Which environment variables `process.env` shows.
#[derive(Debug, Clone, Default)]
enum EnvAccess {
    /// None (the default): `process.env` starts empty.
    #[default]
    None,
    /// Every variable of the host process.
    All,
    /// These variables only.
    Names(Vec<String>),
}

/// What `node:net`, `node:dns` and `node:http` may reach.
#[derive(Debug, Clone, Default)]
enum NetAccess {
    /// Every host (the default).
    #[default]
    All,
    /// Nothing: listening, connecting and resolving fail.
    None,
    /// These host names and addresses only (lower-cased).
    Hosts(Vec<String>),
}

/// What `node:fs` may reach.
#[derive(Debug, Clone, Default)]
enum FsAccess {
    /// Every file.
    All,
    /// Nothing (the default): every path operation fails with
    /// `ERR_ACCESS_DENIED`.
    #[default]
    None,
    /// Reads under `read`, writes under `write` (canonical paths).
    Roots {
        read: Vec<PathBuf>,
        write: Vec<PathBuf>,
    },
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
            fs: FsAccess::All,
            child_process: true,
            env: EnvAccess::All,
            net: NetAccess::All,
        }
    }

    /// `process.env` shows every variable of the host process (as
    /// [`Permissions::all`] grants). Without it, it starts empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::Permissions;
    ///
    /// let p = Permissions::none().allow_env();
    /// # drop(p);
    /// ```
    pub fn allow_env(mut self) -> Self {
        self.env = EnvAccess::All;
        self
    }

    /// `process.env` shows these variables of the host process only (those
    /// that are set); the others are absent.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::Permissions;
    ///
    /// let p = Permissions::none().env_vars(["HOME", "LANG"]);
    /// # drop(p);
    /// ```
    pub fn env_vars<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.env = EnvAccess::Names(names.into_iter().map(Into::into).collect());
        self
    }

    /// Whether `process.env` shows the host's variable `name`.
    pub(crate) fn may_read_env(&self, name: &str) -> bool {
        match &self.env {
            EnvAccess::None => false,
            EnvAccess::All => true,
            EnvAccess::Names(names) => names.iter().any(|n| n == name),
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

    /// `node:fs` may reach every file (as [`Permissions::all`] grants).
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::Permissions;
    ///
    /// let p = Permissions::none().allow_fs();
    /// # drop(p);
    /// ```
    pub fn allow_fs(mut self) -> Self {
        self.fs = FsAccess::All;
        self
    }

    /// `node:fs` may reach nothing: every operation on a path fails with
    /// Node's `ERR_ACCESS_DENIED` (operations on open descriptors still
    /// work, as under Node's permission model).
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::Permissions;
    ///
    /// let p = Permissions::all().deny_fs();
    /// # drop(p);
    /// ```
    pub fn deny_fs(mut self) -> Self {
        self.fs = FsAccess::None;
        self
    }

    /// `node:fs` may read under `read` and write under `write` only (as
    /// Node's `--allow-fs-read`/`--allow-fs-write`); anything else fails
    /// with `ERR_ACCESS_DENIED`.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::Permissions;
    ///
    /// let p = Permissions::all().fs_roots(["/srv/data"], ["/srv/data/out"]);
    /// # drop(p);
    /// ```
    pub fn fs_roots<P: Into<PathBuf>, Q: Into<PathBuf>>(
        mut self,
        read: impl IntoIterator<Item = P>,
        write: impl IntoIterator<Item = Q>,
    ) -> Self {
        let canon = |r: PathBuf| std::fs::canonicalize(&r).unwrap_or(r);
        self.fs = FsAccess::Roots {
            read: read.into_iter().map(|r| canon(r.into())).collect(),
            write: write.into_iter().map(|r| canon(r.into())).collect(),
        };
        self
    }

    /// No network: `net.connect`, `server.listen`, `http.request` and
    /// `dns.lookup` fail with Node's `ERR_ACCESS_DENIED`.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::Permissions;
    ///
    /// let p = Permissions::all().deny_net();
    /// # drop(p);
    /// ```
    pub fn deny_net(mut self) -> Self {
        self.net = NetAccess::None;
        self
    }

    /// The network reaches only `hosts`: names and addresses a script may
    /// resolve, connect to or listen on (compared as given, case-blind;
    /// a name does not grant the addresses it resolves to unless listed).
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::Permissions;
    ///
    /// let p = Permissions::all().net_hosts(["localhost", "127.0.0.1"]);
    /// # drop(p);
    /// ```
    pub fn net_hosts<S: Into<String>>(mut self, hosts: impl IntoIterator<Item = S>) -> Self {
        let hosts = hosts
            .into_iter()
            .map(|h| h.into().to_ascii_lowercase())
            .collect();
        self.net = NetAccess::Hosts(hosts);
        self
    }

    /// Whether the network is on at all (for any host).
    pub(crate) fn net_enabled(&self) -> bool {
        !matches!(self.net, NetAccess::None)
    }

    /// Whether scripts may use the network with `host` (a name or an
    /// address; `[...]` around an IPv6 address is ignored).
    pub(crate) fn may_reach(&self, host: &str) -> bool {
        match &self.net {
            NetAccess::All => true,
            NetAccess::None => false,
            NetAccess::Hosts(list) => {
                let h = host.trim_start_matches('[').trim_end_matches(']');
                list.iter().any(|l| l.eq_ignore_ascii_case(h))
            }
        }
    }

    /// Whether `node:fs` may access `path` (as given: resolved against the
    /// working directory, `..` folded, symbolic links of the existing part
    /// followed) to read it (`write` false) or to change it (`write` true).
    pub(crate) fn may_access(&self, path: &Path, write: bool) -> bool {
        let roots = match &self.fs {
            FsAccess::All => return true,
            FsAccess::None => return false,
            FsAccess::Roots { read, write: w } => {
                if write {
                    w
                } else {
                    read
                }
            }
        };
        let full = resolved(path);
        roots.iter().any(|r| full.starts_with(r))
    }
}

/// `path` made absolute with `..` folded, its longest existing prefix
/// canonical (so a symbolic link cannot lead out of a root).
fn resolved(path: &Path) -> PathBuf {
    use std::path::Component;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut folded = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                folded.pop();
            }
            Component::CurDir => {}
            other => folded.push(other),
        }
    }
    let mut rest = Vec::new();
    let mut at = folded.as_path();
    loop {
        if let Ok(canon) = std::fs::canonicalize(at) {
            let mut out = canon;
            out.extend(rest.iter().rev());
            return out;
        }
        match (at.file_name(), at.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return folded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fs_roots_limit_reads_and_writes() {
        let dir = std::env::temp_dir();
        let p = Permissions::all().fs_roots([&dir], [dir.join("out")]);
        let inside = dir.join("a.txt");
        assert!(p.may_access(&inside, false));
        assert!(!p.may_access(&inside, true));
        assert!(p.may_access(&dir.join("out/b"), true));
        assert!(!p.may_access(&dir.join("out/../a"), true));
        assert!(!p.may_access(Path::new("/etc/passwd"), false));
        assert!(!Permissions::all().deny_fs().may_access(&inside, false));
        assert!(!Permissions::none().may_access(&inside, false));
        assert!(Permissions::none().allow_fs().may_access(&inside, false));
    }

    #[test]
    fn net_is_all_none_or_listed_hosts() {
        assert!(Permissions::none().may_reach("example.com"));
        assert!(!Permissions::all().deny_net().may_reach("127.0.0.1"));
        let p = Permissions::all().net_hosts(["LocalHost", "::1"]);
        assert!(p.may_reach("localhost"));
        assert!(p.may_reach("[::1]"));
        assert!(!p.may_reach("127.0.0.1"));
    }
}
