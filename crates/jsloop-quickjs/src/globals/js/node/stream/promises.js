// node:stream/promises: pipeline and finished returning promises.
'use strict';
return shared.requireBuiltin('stream').promises;
