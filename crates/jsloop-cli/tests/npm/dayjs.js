// dayjs (CommonJS only, UMD build via `main`, plugins by file path).
// The runner sets TZ=UTC.
const dayjs = require('dayjs');
const utc = require('dayjs/plugin/utc');
const relativeTime = require('dayjs/plugin/relativeTime');
const customParseFormat = require('dayjs/plugin/customParseFormat.js');
dayjs.extend(utc);
dayjs.extend(relativeTime);
dayjs.extend(customParseFormat);

const d = dayjs.utc('2024-02-28T13:45:06Z');
console.log(d.format('YYYY-MM-DD HH:mm:ss dddd'), d.toISOString());
console.log(d.add(2, 'day').format('YYYY-MM-DD'), d.subtract(1, 'month').format('MMM D'), d.endOf('month').date());
console.log(d.diff(dayjs.utc('2024-01-01'), 'day'), d.isBefore('2025-01-01'), d.day(), d.unix());
console.log(d.from(d.add(3, 'hour')), d.to(d.add(40, 'day')), d.from(d.subtract(2, 'year')));
console.log(dayjs('12-25-1995', 'MM-DD-YYYY').format('YYYY/MM/DD'), dayjs('nope').isValid());
console.log(dayjs.isDayjs(d), d.startOf('week').format('YYYY-MM-DD'), JSON.stringify({ d }));
