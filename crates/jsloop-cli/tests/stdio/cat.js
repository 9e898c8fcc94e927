// cat: stdin piped to stdout, bytes unchanged.
process.stdin.pipe(process.stdout);
