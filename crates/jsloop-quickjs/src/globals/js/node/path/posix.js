// `path/posix`: the same object as `path`.
'use strict';
return shared.requireBuiltin('path');
