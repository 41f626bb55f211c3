// Locates the first syntax error in JSON text. V8's JSON.parse reports a position for some
// errors but, for an unexpected token, quotes the surrounding text instead, which may hold a
// secret. This small validating scanner finds the offset without quoting anything.

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

class JsonScanner {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (this.i < this.s.length && WS.has(this.s.charCodeAt(this.i))) this.i++;
  }
  fail(): never {
    throw this.i;
  }
  value(): void {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === 't') this.word('true');
    else if (c === 'f') this.word('false');
    else if (c === 'n') this.word('null');
    else this.number();
  }
  word(w: string): void {
    for (let k = 0; k < w.length; k++, this.i++) if (this.s[this.i] !== w[k]) this.fail();
  }
  number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m || m[0].length === 0) this.fail();
    this.i += m[0].length;
  }
  string(): void {
    this.i++;
    for (;;) {
      if (this.i >= this.s.length) this.fail();
      const code = this.s.charCodeAt(this.i);
      if (code === 0x22) break;
      if (code < 0x20) this.fail();
      if (code === 0x5c) {
        this.i++;
        const e = this.s[this.i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 1, this.i + 5))) this.fail();
          this.i += 4;
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail();
      }
      this.i++;
    }
    this.i++;
  }
  array(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.ws();
      const c = this.s[this.i];
      this.i++;
      if (c === ']') return;
      if (c !== ',') {
        this.i--;
        this.fail();
      }
    }
  }
  object(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail();
      this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail();
      this.i++;
      this.value();
      this.ws();
      const c = this.s[this.i];
      this.i++;
      if (c === '}') return;
      if (c !== ',') {
        this.i--;
        this.fail();
      }
    }
  }
}

/** The offset of the first JSON syntax error in `text`, or `undefined` if the text is valid JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  const scanner = new JsonScanner(text);
  try {
    scanner.value();
    scanner.ws();
    if (scanner.i < text.length) scanner.fail();
    return undefined;
  } catch (offset) {
    // Anything else (a stack overflow on absurdly deep nesting) just means "position unknown".
    return typeof offset === 'number' ? offset : undefined;
  }
}
