// zod (dual: `import` condition, ESM files): schemas, parsing, error reporting.
import { z } from 'zod';
import * as zm from 'zod/mini';

const User = z.object({
  name: z.string().min(2),
  age: z.number().int().nonnegative(),
  email: z.string().email().optional(),
  tags: z.array(z.enum(['a', 'b'])).default([]),
});
console.log(User.parse({ name: 'Ada', age: 36 }));
const bad = User.safeParse({ name: 'A', age: -1.5, email: 'nope', tags: ['c'] });
console.log(bad.success);
for (const issue of bad.error.issues) console.log(issue.path.join('.'), issue.code);
const T = z.union([z.string().transform((s) => s.length), z.number()]);
console.log(T.parse('hello'), T.parse(7));
const D = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('circle'), r: z.number() }),
  z.object({ kind: z.literal('square'), side: z.number() }),
]);
console.log(D.parse({ kind: 'square', side: 2 }));
console.log(z.coerce.number().parse('42'), z.string().uuid().safeParse('x').success);
try {
  z.number().parse('x');
} catch (e) {
  console.log(e.constructor.name, e.issues[0].code, e.issues[0].expected);
}
console.log(zm.parse(zm.string(), 'mini'), zm.safeParse(zm.number(), 's').success);
const r = await z.string().refine(async (s) => s.startsWith('ok')).safeParseAsync('ok then');
console.log(r.success, r.data);
