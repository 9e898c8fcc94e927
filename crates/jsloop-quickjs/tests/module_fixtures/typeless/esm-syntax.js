console.log('typeless esm-syntax.js runs');
export const detected = 'yes';
