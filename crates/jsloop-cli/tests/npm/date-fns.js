// date-fns (dual: `require` condition, `.cjs` files, subpath exports).
// Dates are built from numbers in UTC and the runner sets TZ=UTC.
const { format, addDays, differenceInCalendarDays, eachDayOfInterval, isWeekend, parseISO, formatDistanceStrict, startOfWeek, intervalToDuration, formatISO } = require('date-fns');
const addMonths = require('date-fns/addMonths').addMonths;
const { enUS } = require('date-fns/locale');

const d = new Date(Date.UTC(2024, 1, 28, 13, 45, 6));
console.log(format(d, 'yyyy-MM-dd HH:mm:ss'), format(d, 'EEEE, MMMM do yyyy'));
console.log(format(addDays(d, 2), 'yyyy-MM-dd'), format(addMonths(d, 12), 'yyyy-MM-dd'));
console.log(differenceInCalendarDays(new Date(Date.UTC(2025, 0, 1)), d));
console.log(eachDayOfInterval({ start: d, end: addDays(d, 4) }).map((x) => format(x, 'EEE') + (isWeekend(x) ? '*' : '')).join(' '));
console.log(formatISO(parseISO('2020-05-17T10:20:30Z')));
console.log(formatDistanceStrict(d, addDays(d, 45)), formatDistanceStrict(d, addDays(d, -3), { addSuffix: true }));
console.log(format(startOfWeek(d, { weekStartsOn: 1 }), 'yyyy-MM-dd'), enUS.code);
console.log(intervalToDuration({ start: d, end: new Date(Date.UTC(2025, 3, 1, 0, 0, 0)) }));
try {
  format(new Date(NaN), 'yyyy');
} catch (e) {
  console.log(e.constructor.name, e.message);
}
