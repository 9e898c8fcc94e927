console.log(Array.from({ length: 12 }, (_, i) => '漢字'.repeat(i % 3 + 1)));
console.log(['한국어', '日本語', 'abc', 'ｆｕｌｌ', 'x', 'y', 'z', 'w']);
console.log(Array.from({ length: 10 }, (_, i) => `e\u0301${i}`));
console.table([{ name: '漢字', v: 1 }, { name: 'ab', v: '日本' }]);
