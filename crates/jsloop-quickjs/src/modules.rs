//! ES module resolution and loading from the file system, as Node resolves
//! relative specifiers: `./x.mjs` and `../y.js` against the importing file.

use std::path::{Path, PathBuf};

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::Declared;
use rquickjs::{Ctx, Error, Module, Result};

/// Resolves relative specifiers against the importing module's directory.
#[derive(Debug, Default)]
pub(crate) struct FileResolver;

impl Resolver for FileResolver {
    fn resolve<'js>(
        &mut self,
        _ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> Result<String> {
        if !(name.starts_with("./") || name.starts_with("../") || name.starts_with('/')) {
            return Err(Error::new_resolving(base, name));
        }
        let dir = Path::new(base).parent().unwrap_or(Path::new("."));
        let joined: PathBuf = dir.join(name);
        let path = std::fs::canonicalize(&joined).map_err(|_| Error::new_resolving(base, name))?;
        Ok(path.display().to_string())
    }
}

/// Reads a resolved module file and declares it.
#[derive(Debug, Default)]
pub(crate) struct FileLoader;

impl Loader for FileLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> Result<Module<'js, Declared>> {
        let source = std::fs::read(name).map_err(|_| Error::new_loading(name))?;
        Module::declare(ctx.clone(), name, source)
    }
}
