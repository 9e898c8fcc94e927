// node:fs/promises: the same object as require('fs').promises.
'use strict';
return shared.requireBuiltin('fs').promises;
