console.log('throws.mjs runs');
throw new TypeError('boom from an ES module');
