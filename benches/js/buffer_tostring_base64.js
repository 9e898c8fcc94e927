require('./buffer/codec.js').run('toString', 'base64');
