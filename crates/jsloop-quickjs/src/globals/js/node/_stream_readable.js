// node:_stream_readable: the legacy name of stream.Readable.
'use strict';
return shared.requireBuiltin('stream').Readable;
