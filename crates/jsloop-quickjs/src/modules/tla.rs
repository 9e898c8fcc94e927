//! Whether a module's source has top-level `await` (an `await` or
//! `for await` outside every function), found by a scan of its tokens:
//! comments, strings, template literals and regular expressions are
//! skipped; a `{` opens a function body after `=>`, after a parameter
//! list (`)` not closing an `if`/`for`/`while`/`switch`/`catch`/`with`
//! head) or as a class body; a concise arrow body runs to the next `,`,
//! `;` or closing bracket at its depth. `require()` of an ES module uses
//! it to refuse a graph with top-level await before anything runs, as
//! Node does.

/// What an open bracket began.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    /// A block, an object literal, `(` or `[`.
    Plain,
    /// A function or class body.
    Function,
    /// A `${` inside a template literal.
    Template,
}

/// The scanner's view of the previous significant token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Start of input or an operator/punctuator after which `/` starts a
    /// regular expression.
    Operator,
    /// An identifier or keyword (the word is kept separately).
    Word,
    /// A value: number, string, `)`, `]`, `}`.
    Value,
    /// `.` or `?.` (a following word is a property name).
    Dot,
    /// `=>`.
    Arrow,
}

const BLOCK_HEADS: [&str; 6] = ["if", "for", "while", "switch", "catch", "with"];
const REGEX_AFTER: [&str; 14] = [
    "return",
    "typeof",
    "case",
    "do",
    "else",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "yield",
    "await",
    "instanceof",
];

/// Whether `source` (an ES module) awaits at its top level.
pub(crate) fn has_top_level_await(source: &str) -> bool {
    Scanner::new(source).run()
}

struct Scanner<'a> {
    s: &'a [u8],
    i: usize,
    stack: Vec<Open>,
    /// For each open bracket: the word before it, if a `(` follows one.
    heads: Vec<Option<&'a str>>,
    /// The head of the `(` that the previous token, a `)`, closed.
    closed_head: Option<Option<&'a str>>,
    /// Depths (stack lengths) at which concise arrow bodies began.
    arrows: Vec<usize>,
    prev: Prev,
    word: &'a str,
    /// The depth of a `class` whose body is the next `{` there.
    class_at: Option<usize>,
    functions: usize,
}

impl<'a> Scanner<'a> {
    fn new(source: &'a str) -> Self {
        Self {
            s: source.as_bytes(),
            i: 0,
            stack: Vec::new(),
            heads: Vec::new(),
            closed_head: None,
            arrows: Vec::new(),
            prev: Prev::Operator,
            word: "",
            class_at: None,
            functions: 0,
        }
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.s.get(self.i + ahead).copied()
    }

    fn run(mut self) -> bool {
        while let Some(c) = self.peek(0) {
            if matches!(c, b' ' | b'\t' | b'\r' | b'\n') {
                self.i += 1;
                continue;
            }
            if c == b'/' && self.peek(1) == Some(b'/') {
                self.skip_line();
                continue;
            }
            if c == b'/' && self.peek(1) == Some(b'*') {
                self.skip_block_comment();
                continue;
            }
            let closed_head = self.closed_head.take();
            match c {
                b'/' => {
                    let regex = match self.prev {
                        Prev::Operator | Prev::Arrow => true,
                        Prev::Word => REGEX_AFTER.contains(&self.word),
                        Prev::Value | Prev::Dot => false,
                    };
                    self.i += 1;
                    if regex {
                        self.skip_regex();
                        self.prev = Prev::Value;
                    } else {
                        self.prev = Prev::Operator;
                    }
                }
                b'\'' | b'"' => {
                    self.skip_string(c);
                    self.prev = Prev::Value;
                }
                b'`' => {
                    self.i += 1;
                    self.template();
                }
                b'(' | b'[' => {
                    let head = (c == b'(' && self.prev == Prev::Word).then_some(self.word);
                    self.open(Open::Plain, head);
                }
                b'{' => {
                    let depth = self.stack.len();
                    let after_params = closed_head
                        .is_some_and(|head| !head.is_some_and(|h| BLOCK_HEADS.contains(&h)));
                    let function =
                        self.prev == Prev::Arrow || after_params || self.class_at == Some(depth);
                    if self.class_at == Some(depth) {
                        self.class_at = None;
                    }
                    if self.prev == Prev::Arrow && self.arrows.last() == Some(&depth) {
                        self.arrows.pop();
                    }
                    if function {
                        self.functions += 1;
                        self.open(Open::Function, None);
                    } else {
                        self.open(Open::Plain, None);
                    }
                }
                b')' | b']' | b'}' => {
                    self.close_arrows();
                    let open = self.stack.pop();
                    let head = self.heads.pop().flatten();
                    self.i += 1;
                    self.prev = Prev::Value;
                    match open {
                        Some(Open::Template) => self.template(),
                        Some(Open::Function) => self.functions -= 1,
                        _ => {}
                    }
                    if c == b')' {
                        self.closed_head = Some(head);
                    }
                }
                b',' | b';' => {
                    self.close_arrows();
                    self.i += 1;
                    self.prev = Prev::Operator;
                }
                b'=' if self.peek(1) == Some(b'>') => {
                    self.i += 2;
                    self.prev = Prev::Arrow;
                    self.arrows.push(self.stack.len());
                }
                b'.' if !self.peek(1).is_some_and(|d| d.is_ascii_digit()) => {
                    self.i += 1;
                    self.prev = Prev::Dot;
                }
                b'0'..=b'9' => {
                    while self
                        .peek(0)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'_')
                    {
                        self.i += 1;
                    }
                    self.prev = Prev::Value;
                }
                c if is_word_byte(c) => {
                    let start = self.i;
                    while self.peek(0).is_some_and(is_word_byte) {
                        self.i += 1;
                    }
                    let word = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
                    let property = self.prev == Prev::Dot || self.next_is_colon();
                    if word == "await" && !property && self.functions == 0 && self.arrows.is_empty()
                    {
                        return true;
                    }
                    if word == "class" && !property {
                        self.class_at = Some(self.stack.len());
                    }
                    self.word = word;
                    self.prev = Prev::Word;
                }
                _ => {
                    self.i += 1;
                    self.prev = Prev::Operator;
                }
            }
        }
        false
    }

    fn open(&mut self, open: Open, head: Option<&'a str>) {
        self.stack.push(open);
        self.heads.push(head);
        self.i += 1;
        self.prev = Prev::Operator;
    }

    /// Ends the concise arrow bodies begun at the current depth or deeper.
    fn close_arrows(&mut self) {
        while self.arrows.last().is_some_and(|&d| d >= self.stack.len()) {
            self.arrows.pop();
        }
    }

    /// Whether the next significant byte is a `:` (an object key), not `?:`.
    fn next_is_colon(&self) -> bool {
        let rest = &self.s[self.i..];
        let at = rest.iter().position(|c| !c.is_ascii_whitespace());
        at.is_some_and(|at| rest[at] == b':')
    }

    fn skip_line(&mut self) {
        while self.peek(0).is_some_and(|c| c != b'\n') {
            self.i += 1;
        }
    }

    fn skip_block_comment(&mut self) {
        self.i += 2;
        while let Some(c) = self.peek(0) {
            self.i += 1;
            if c == b'*' && self.peek(0) == Some(b'/') {
                self.i += 1;
                return;
            }
        }
    }

    fn skip_string(&mut self, quote: u8) {
        self.i += 1;
        while let Some(c) = self.peek(0) {
            self.i += 1;
            match c {
                b'\\' => self.i += 1,
                b'\n' => return,
                c if c == quote => return,
                _ => {}
            }
        }
    }

    /// Skips a regular expression literal (after its opening `/`).
    fn skip_regex(&mut self) {
        let mut class = false;
        while let Some(c) = self.peek(0) {
            self.i += 1;
            match c {
                b'\\' => self.i += 1,
                b'[' => class = true,
                b']' => class = false,
                b'/' if !class => break,
                b'\n' => return,
                _ => {}
            }
        }
        while self.peek(0).is_some_and(|c| c.is_ascii_alphabetic()) {
            self.i += 1;
        }
    }

    /// Skips template text up to its end or a `${`, which opens a
    /// [`Open::Template`] bracket.
    fn template(&mut self) {
        while let Some(c) = self.peek(0) {
            self.i += 1;
            match c {
                b'\\' => self.i += 1,
                b'`' => {
                    self.prev = Prev::Value;
                    return;
                }
                b'$' if self.peek(0) == Some(b'{') => {
                    self.stack.push(Open::Template);
                    self.heads.push(None);
                    self.i += 1;
                    self.prev = Prev::Operator;
                    return;
                }
                _ => {}
            }
        }
    }
}

fn is_word_byte(c: u8) -> bool {
    c == b'_' || c == b'$' || c.is_ascii_alphanumeric() || c >= 0x80
}

#[cfg(test)]
mod tests {
    use super::has_top_level_await;

    #[test]
    fn finds_await_outside_functions() {
        for src in [
            "await 1;",
            "export const x = await f();",
            "if (a) { for await (const x of y) {} }",
            "const o = { a: await b };",
            "try { await x } catch { }",
            "const s = `${await v}`;",
            "f(() => 1); await g;",
            "const r = /[/]/; await r;",
        ] {
            assert!(has_top_level_await(src), "{src}");
        }
    }

    #[test]
    fn ignores_await_inside_functions_strings_and_comments() {
        for src in [
            "async function f() { await x }",
            "const f = async () => await x;",
            "const g = async (a) => { if (a) { await a } };",
            "class A { async m() { await this.x } }",
            "const o = { async m() { await 1 } };",
            "// await x\n/* await y */ const s = 'await' + \"await\" + `await`;",
            "x.await; const o = { await: 1 };",
            "f(async () => await a, 2);",
            "const re = /await/g;",
            "const t = `${(async () => { await 1 })()}`;",
        ] {
            assert!(!has_top_level_await(src), "{src}");
        }
    }
}
