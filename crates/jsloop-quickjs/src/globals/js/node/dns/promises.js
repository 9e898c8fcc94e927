// node:dns/promises: the promise API of node:dns.
'use strict';
return shared.requireBuiltin('dns').promises;
