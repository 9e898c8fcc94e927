// readline/promises question over stdin and stdout, answer by answer.
const readline = require('readline/promises');
(async () => {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const name = await rl.question('name? ');
  console.log(`hello ${name}`);
  const age = await rl.question('age? ');
  console.log(`in ten years ${Number(age) + 10}`);
  rl.close();
})();
