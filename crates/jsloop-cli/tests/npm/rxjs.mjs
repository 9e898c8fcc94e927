// rxjs (CommonJS under the `node` condition, imported from ESM: named exports
// found statically in tslib-style CommonJS; `rxjs/operators` subpath).
import { of, from, range, Subject, BehaviorSubject, merge, timer, lastValueFrom, firstValueFrom } from 'rxjs';
import { map, filter, scan, take, reduce, mergeMap, concatMap, toArray, distinctUntilChanged, catchError } from 'rxjs/operators';

of(1, 2, 3, 4, 5).pipe(filter((n) => n % 2), map((n) => n * 10)).subscribe({
  next: (v) => console.log('next', v),
  complete: () => console.log('complete'),
});
range(1, 5).pipe(scan((acc, n) => acc + n, 0), toArray()).subscribe((v) => console.log('scan', v));
const subject = new Subject();
const seen = [];
subject.pipe(distinctUntilChanged()).subscribe((v) => seen.push(v));
[1, 1, 2, 2, 3, 1].forEach((v) => subject.next(v));
subject.complete();
console.log('distinct', seen);
const state = new BehaviorSubject('a');
state.subscribe((v) => console.log('state', v));
state.next('b');
console.log('value', state.getValue());
from([1, 2, 3]).pipe(concatMap((n) => of(n, n * 100)), toArray()).subscribe((v) => console.log('concatMap', v));
of('x').pipe(map(() => { throw new Error('boom'); }), catchError((e) => of('caught ' + e.message))).subscribe(console.log);
const timed = merge(timer(30).pipe(map(() => 'late')), timer(10).pipe(map(() => 'early'))).pipe(take(2), toArray());
console.log('timers', await lastValueFrom(timed));
console.log('first', await firstValueFrom(range(7, 3).pipe(mergeMap((n) => of(n * 2)), reduce((a, b) => a + b))));
