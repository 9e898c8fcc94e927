// for await over stdin: every byte arrives, then the loop ends.
(async () => {
  let bytes = 0;
  const parts = [];
  for await (const chunk of process.stdin) {
    bytes += chunk.length;
    parts.push(chunk);
  }
  const text = Buffer.concat(parts).toString();
  console.log('bytes', bytes, 'lines', text.split('\n').length - 1, 'last', JSON.stringify(text.slice(-6)));
  console.log('ended', process.stdin.readableEnded);
})();
