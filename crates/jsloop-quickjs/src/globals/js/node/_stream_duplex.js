// node:_stream_duplex: the legacy name of stream.Duplex.
'use strict';
return shared.requireBuiltin('stream').Duplex;
