// readline over stdin: for await over its lines, a word count.
const readline = require('readline');
(async () => {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lines = 0;
  let words = 0;
  let longest = '';
  for await (const line of rl) {
    lines++;
    words += line.split(/\s+/).filter(Boolean).length;
    if (line.length > longest.length) longest = line;
  }
  console.log('lines', lines, 'words', words, 'longest', JSON.stringify(longest));
})();
