module.exports = { hello: (n) => 'hello ' + n, version: 3 };
