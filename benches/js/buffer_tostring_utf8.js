require('./buffer/codec.js').run('toString', 'utf8');
