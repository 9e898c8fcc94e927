require('./buffer/codec.js').run('from', 'base64');
