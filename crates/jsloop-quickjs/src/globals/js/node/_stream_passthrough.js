// node:_stream_passthrough: the legacy name of stream.PassThrough.
'use strict';
return shared.requireBuiltin('stream').PassThrough;
