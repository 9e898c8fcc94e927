// node:_stream_transform: the legacy name of stream.Transform.
'use strict';
return shared.requireBuiltin('stream').Transform;
