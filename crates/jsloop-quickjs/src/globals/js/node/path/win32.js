// `path/win32`: the same object as `path.win32`.
'use strict';
return shared.requireBuiltin('path').win32;
