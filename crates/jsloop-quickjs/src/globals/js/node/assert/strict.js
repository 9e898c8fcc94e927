// node:assert/strict: node:assert's strict form.
'use strict';
return shared.requireBuiltin('assert').strict;
