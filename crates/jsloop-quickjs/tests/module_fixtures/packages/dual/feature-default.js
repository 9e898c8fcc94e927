module.exports = 'feature default';
