require('./buffer/codec.js').run('from', 'utf8');
