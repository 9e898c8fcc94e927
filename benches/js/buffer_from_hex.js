require('./buffer/codec.js').run('from', 'hex');
