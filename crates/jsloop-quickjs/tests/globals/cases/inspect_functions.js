function named() {}
class A { constructor() { this.x = 1; } }
class B extends A {}
console.log(named, () => {}, async function af() {}, function* gen() {}, async function* ag() {});
console.log(A, B, class {}, new A(), new B());
console.log(Object.assign(function f() {}, { b: 2 }), { f() {} }, [function () {}]);
console.log(new (class Empty {})(), new (class { constructor() { this.z = 1; } })());
