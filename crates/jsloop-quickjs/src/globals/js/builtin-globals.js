// Globals that are exports of built-in modules, loaded on first use.
'use strict';
shared.lazyGlobal('Buffer', 'buffer');
shared.lazyGlobal('Blob', 'buffer');
shared.lazyGlobal('File', 'buffer');
for (const name of ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest', 'ReadableByteStreamController', 'ReadableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController', 'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream']) shared.lazyGlobal(name, 'stream/web');
for (const name of ['Headers', 'Request', 'Response', 'fetch']) shared.lazyGlobal(name, 'internal/fetch');
shared.lazyGlobal('FormData', 'internal/formdata');
for (const name of ['MessageChannel', 'MessagePort', 'MessageEvent', 'BroadcastChannel']) shared.lazyGlobal(name, 'internal/messaging');
