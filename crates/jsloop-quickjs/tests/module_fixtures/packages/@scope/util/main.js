exports.scoped = true;
