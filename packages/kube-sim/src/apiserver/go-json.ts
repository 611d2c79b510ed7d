/**
 * The first syntax error of a JSON text in the words of Go's encoding/json scanner, which the
 * apiserver's decoders run before anything else (`invalid character '}' looking for beginning
 * of object key string`, `unexpected end of JSON input`). JavaScript's JSON.parse finds the
 * same errors but words them differently from one engine version to the next.
 */

/** Go's quoteChar: `'x'`, `'\n'`, `'\''`, `'"'`. */
function quoteChar(byte: number): string {
  if (byte === 0x27) return `'\\''`;
  if (byte === 0x22) return `'"'`;
  const quoted = JSON.stringify(String.fromCharCode(byte));
  return `'${quoted.slice(1, -1)}'`;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

class SyntaxFailure extends Error {}

/** A recursive reader over the bytes that fails exactly where Go's scanner would. */
class Scanner {
  private pos = 0;
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  private peek(): number | undefined {
    return this.bytes[this.pos];
  }

  private fail(context: string): never {
    const c = this.bytes[this.pos];
    if (c === undefined) throw new SyntaxFailure('unexpected end of JSON input');
    throw new SyntaxFailure(`invalid character ${quoteChar(c)} ${context}`);
  }

  private skipSpace(): void {
    while (this.pos < this.bytes.length && isSpace(this.bytes[this.pos] ?? 0)) this.pos++;
  }

  scanTop(): void {
    this.skipSpace();
    this.value();
    this.skipSpace();
    if (this.pos < this.bytes.length) this.fail('after top-level value');
  }

  private value(): void {
    const c = this.peek();
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === 0x22) return this.string();
    if (c === 0x2d || isDigit(c ?? -1)) return this.number();
    if (c === 0x74) return this.literal('true');
    if (c === 0x66) return this.literal('false');
    if (c === 0x6e) return this.literal('null');
    this.fail('looking for beginning of value');
  }

  private object(): void {
    this.pos++;
    this.skipSpace();
    if (this.peek() === 0x7d) {
      this.pos++;
      return;
    }
    for (;;) {
      if (this.peek() !== 0x22) this.fail('looking for beginning of object key string');
      this.string();
      this.skipSpace();
      if (this.peek() !== 0x3a) this.fail('after object key');
      this.pos++;
      this.skipSpace();
      this.value();
      this.skipSpace();
      const c = this.peek();
      if (c === 0x7d) {
        this.pos++;
        return;
      }
      if (c !== 0x2c) this.fail('after object key:value pair');
      this.pos++;
      this.skipSpace();
    }
  }

  private array(): void {
    this.pos++;
    this.skipSpace();
    if (this.peek() === 0x5d) {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.skipSpace();
      const c = this.peek();
      if (c === 0x5d) {
        this.pos++;
        return;
      }
      if (c !== 0x2c) this.fail('after array element');
      this.pos++;
      this.skipSpace();
    }
  }

  private string(): void {
    this.pos++;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('in string literal');
      if (c === 0x22) {
        this.pos++;
        return;
      }
      if (c === 0x5c) {
        this.pos++;
        const e = this.peek();
        if (e === 0x75) {
          this.pos++;
          for (let i = 0; i < 4; i++) {
            if (!isHex(this.peek() ?? -1)) this.fail('in \\u hexadecimal character escape');
            this.pos++;
          }
          continue;
        }
        if (e === undefined || !'bfnrt\\/"'.includes(String.fromCharCode(e))) {
          this.fail('in string escape code');
        }
        this.pos++;
        continue;
      }
      if (c < 0x20) this.fail('in string literal');
      this.pos++;
    }
  }

  private digits(): void {
    while (isDigit(this.peek() ?? -1)) this.pos++;
  }

  private number(): void {
    if (this.peek() === 0x2d) {
      this.pos++;
      if (!isDigit(this.peek() ?? -1)) this.fail('in numeric literal');
    }
    if (this.peek() === 0x30) this.pos++;
    else this.digits();
    if (this.peek() === 0x2e) {
      this.pos++;
      if (!isDigit(this.peek() ?? -1)) this.fail('after decimal point in numeric literal');
      this.digits();
    }
    const e = this.peek();
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      const sign = this.peek();
      if (sign === 0x2b || sign === 0x2d) this.pos++;
      if (!isDigit(this.peek() ?? -1)) this.fail('in exponent of numeric literal');
      this.digits();
    }
  }

  private literal(word: 'true' | 'false' | 'null'): void {
    this.pos++;
    for (let i = 1; i < word.length; i++) {
      if (this.peek() !== word.charCodeAt(i)) this.fail(`in literal ${word} (expecting '${word[i]}')`);
      this.pos++;
    }
  }
}

/** Go's error for the first syntax error in `text`, or undefined when it is valid JSON. */
export function goJsonSyntaxError(text: string | Uint8Array): string | undefined {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  try {
    new Scanner(bytes).scanTop();
    return undefined;
  } catch (err) {
    if (err instanceof SyntaxFailure) return err.message;
    throw err;
  }
}
