// node:_stream_writable: the legacy name of stream.Writable.
'use strict';
return shared.requireBuiltin('stream').Writable;
