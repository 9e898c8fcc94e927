// node:util/types: node:util's `types`.
'use strict';
return shared.requireBuiltin('util').types;
