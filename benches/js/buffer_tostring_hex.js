require('./buffer/codec.js').run('toString', 'hex');
