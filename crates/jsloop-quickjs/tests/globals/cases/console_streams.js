console.log('log');
console.info('info');
console.debug('debug');
console.warn('warn');
console.error('error');
console.dirxml('dirxml', 1);
const { log } = console;
log('detached log still works');
