function one() { return 1; }
module.exports = { one, two: 2, 'three': 3 };
