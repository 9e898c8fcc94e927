module.exports = 'feature for node';
