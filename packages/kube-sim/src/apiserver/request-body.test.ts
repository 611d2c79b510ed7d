import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.ts';
import { APPLY_PATCH } from '../api/patches.ts';
import { goJsonSyntaxError } from './go-json.ts';
import { decodeObjectBody, decodePatchBody, summarizeData } from './request-body.ts';

function messageOf(decode: () => unknown): string {
  try {
    decode();
  } catch (err) {
    if (err instanceof ApiError && err.status.code === 400 && err.status.reason === 'BadRequest') {
      return err.status.message;
    }
    throw err;
  }
  throw new Error('decoded without an error');
}

describe("Go's encoding/json syntax errors", () => {
  it.each([
    ['{"metadata": ', 'unexpected end of JSON input'],
    ['', 'unexpected end of JSON input'],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['[1 2]', "invalid character '2' after array element"],
    ['apiVersion: v1\n', "invalid character 'a' looking for beginning of value"],
    ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['{"a":-x}', "invalid character 'x' in numeric literal"],
    ['{"a":1.}', "invalid character '}' after decimal point in numeric literal"],
    ['{"a":"\\q"}', "invalid character 'q' in string escape code"],
    ['{"a":"x\ny"}', "invalid character '\\n' in string literal"],
    ['{} {}', "invalid character '{' after top-level value"],
  ])('%j → %s', (text, message) => {
    expect(goJsonSyntaxError(text)).toBe(message);
  });

  it('accepts valid JSON', () => {
    expect(goJsonSyntaxError('{"a":[1,-2.5e3,true,false,null,"\\u00e9"]}')).toBeUndefined();
  });
});

describe('decoding create and update bodies', () => {
  const json = 'application/json';

  it('reports a malformed JSON body as the handlers do, with the body summarized', () => {
    expect(messageOf(() => decodeObjectBody(json, Buffer.from('{"metadata": '), 'ConfigMap'))).toBe(
      `the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: unexpected end of JSON input ({"metadata": )`,
    );
    // A body not starting with `{` is summarized in hex, 30 bytes at most.
    expect(
      messageOf(() =>
        decodeObjectBody(json, Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n'), 'ConfigMap'),
      ),
    ).toBe(
      `the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: invalid character 'a' looking for beginning of value (${Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n').subarray(0, 30).toString('hex')} ...)`,
    );
  });

  it('reports a body that is not an object as the meta factory does', () => {
    expect(messageOf(() => decodeObjectBody(json, Buffer.from('[1]'), 'Pod'))).toBe(
      'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (5b315d)',
    );
  });

  it("reports malformed YAML with go-yaml's words", () => {
    const body = Buffer.from('kind: ConfigMap\nmetadata: name: x\n');
    expect(messageOf(() => decodeObjectBody('application/yaml', body, 'ConfigMap'))).toBe(
      `the object provided is unrecognized (must be of type ConfigMap): yaml: line 2: mapping values are not allowed in this context (${body.subarray(0, 30).toString('hex')} ...)`,
    );
    // go-yaml names no line for a scanner error on the first one.
    expect(messageOf(() => decodeObjectBody('application/yaml', Buffer.from('a: b: c\n')))).toBe(
      'yaml: mapping values are not allowed in this context',
    );
    // Each as kubectl's own go-yaml words it for the same text.
    const goYaml = (text: string) => messageOf(() => decodeObjectBody('application/yaml', Buffer.from(text)));
    expect(goYaml('kind: ConfigMap\nmetadata:\n\tname: x\n')).toBe(
      'yaml: line 3: found character that cannot start any token',
    );
    expect(goYaml('kind: ConfigMap\nmetadata:\n  name: x\n data: 1\n')).toBe(
      'yaml: line 3: did not find expected key',
    );
    expect(goYaml('kind: ConfigMap\ndata: {a: 1\n')).toBe("yaml: line 2: did not find expected ',' or '}'");
    expect(goYaml('kind: ConfigMap\nitems: [a, b\n')).toBe("yaml: line 2: did not find expected ',' or ']'");
    expect(goYaml('a: {b: 1\n')).toBe("yaml: line 1: did not find expected ',' or '}'");
    expect(decodeObjectBody('application/yaml', Buffer.from('kind: ConfigMap\ndata: {a: "1"}\n'))).toEqual({
      kind: 'ConfigMap',
      data: { a: '1' },
    });
  });

  it('summarizes an empty body as <empty>', () => {
    expect(summarizeData(Buffer.alloc(0))).toBe('<empty>');
    expect(summarizeData(Buffer.from('{"a":1}'))).toBe('{"a":1}');
  });

  it('reports a malformed apply patch as the apply patcher does', () => {
    expect(messageOf(() => decodePatchBody(APPLY_PATCH, Buffer.from('kind: Pod\nmetadata: name: x\n')))).toBe(
      'error decoding YAML: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context',
    );
  });
});
