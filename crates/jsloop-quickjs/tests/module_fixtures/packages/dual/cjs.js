exports.which = 'cjs';
