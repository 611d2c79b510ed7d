/**
 * Bad input answered as a real kube-apiserver (v1.33) answers it: malformed JSON and YAML
 * bodies, unknown kinds and versions, a body of another type than its URL, invalid names,
 * missing required fields, changed immutable fields, a body naming another object, a stale
 * resourceVersion. Each case is checked on the wire (raw HTTPS with the cluster CA and the admin
 * token: status code, reason, message) and, where kubectl shows it, with the real kubectl.
 *
 * The messages follow the Kubernetes sources: transformDecodeError and checkName in
 * k8s.io/apiserver/pkg/endpoints/handlers, the json/yaml serializers and Scheme.New in
 * k8s.io/apimachinery/pkg/runtime, field.Error rendering in apimachinery's validation/field,
 * the validation packages of pkg/apis/core and pkg/apis/apps.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Status } from '../src/types.ts';
import { startKubectlSession, type KubectlResult, type KubectlSession } from './support/kubectl.ts';
import { raw, type RawRequest, type RawResponse } from './support/raw-http.ts';

let k: KubectlSession;
beforeAll(async () => {
  k = await startKubectlSession({ name: 'bad-input' });
  await ok(['create', 'namespace', 'bad']);
}, 60_000);
afterAll(() => k?.close());

const JSON_TYPE = { 'Content-Type': 'application/json' };
const CONFIGMAPS = '/api/v1/namespaces/bad/configmaps';
const SUBDOMAIN_RULE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_RULE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function kubectl(args: string[], input?: string): Promise<KubectlResult> {
  return k.run(['--cache-dir', join(k.dir, 'kube-cache'), ...args], input === undefined ? {} : { input });
}

async function ok(args: string[], input?: string): Promise<string> {
  const result = await kubectl(args, input);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/** kubectl that must fail; returns stderr. */
async function fails(args: string[], input?: string): Promise<string> {
  const result = await kubectl(args, input);
  expect(result.code, result.stdout).toBe(1);
  return result.stderr;
}

async function file(name: string, content: string): Promise<string> {
  const path = join(k.dir, name);
  await writeFile(path, content);
  return path;
}

const send = (req: RawRequest): Promise<RawResponse> => raw(k.cluster, req);
const post = (path: string, body: string | object, headers: Record<string, string> = JSON_TYPE) =>
  send({ method: 'POST', path, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const put = (path: string, body: string | object) =>
  send({
    method: 'PUT',
    path,
    headers: JSON_TYPE,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const mergePatch = (path: string, body: object) =>
  send({
    method: 'PATCH',
    path,
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify(body),
  });

/** The Status of a failed request, after checking it is one (and its HTTP code matches). */
function failure(res: RawResponse): Status {
  const status = res.json<Status>();
  expect(status).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: res.status });
  return status;
}

function answer(res: RawResponse): [number, string | undefined, string] {
  const status = failure(res);
  return [res.status, status.reason, status.message];
}

const hex30 = (text: string) => `${Buffer.from(text).subarray(0, 30).toString('hex')} ...`;

describe('malformed bodies', () => {
  it('a malformed JSON body is 400 BadRequest: the decoder’s error and the start of the body', async () => {
    expect(answer(await post(CONFIGMAPS, '{"metadata": '))).toEqual([
      400,
      'BadRequest',
      `the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: unexpected end of JSON input ({"metadata": )`,
    ]);
    expect(
      answer(await post(CONFIGMAPS, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},}')),
    ).toEqual([
      400,
      'BadRequest',
      `the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: invalid character '}' looking for beginning of object key string ({"apiVersion":"v1","kind":"Con ...)`,
    ]);
    // The update handler decodes the same way.
    await ok(['-n', 'bad', 'create', 'configmap', 'target']);
    expect(answer(await put(`${CONFIGMAPS}/target`, '{"data": [}'))).toEqual([
      400,
      'BadRequest',
      `the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: invalid character '}' looking for beginning of value ({"data": [})`,
    ]);

    // kubectl create --raw posts a file as it is.
    const broken = await file('broken.json', '{"metadata": ');
    expect(await fails(['create', '--raw', CONFIGMAPS, '-f', broken])).toBe(
      `Error from server (BadRequest): the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: unexpected end of JSON input ({"metadata": )\n`,
    );
    // …so a YAML file goes out as JSON, and the body summary turns to hex.
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n';
    expect(await fails(['create', '--raw', CONFIGMAPS, '-f', await file('cm.yaml', yaml)])).toBe(
      `Error from server (BadRequest): the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: invalid character 'a' looking for beginning of value (${hex30(yaml)})\n`,
    );
  });

  it('a malformed YAML body (application/yaml) is 400 BadRequest with go-yaml’s words', async () => {
    const yaml = 'kind: ConfigMap\nmetadata: name: x\n';
    const res = await post(CONFIGMAPS, yaml, { 'Content-Type': 'application/yaml' });
    expect(answer(res)).toEqual([
      400,
      'BadRequest',
      `the object provided is unrecognized (must be of type ConfigMap): yaml: line 2: mapping values are not allowed in this context (${hex30(yaml)})`,
    ]);
    // kubectl parses YAML itself (with the same go-yaml) and refuses before sending anything.
    const path = await file('bad.yaml', yaml);
    expect(await fails(['create', '-f', path])).toBe(
      `error: error parsing ${path}: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context\n`,
    );
  });

  it('an unknown field under strict field validation (kubectl’s default) is a decode error', async () => {
    const manifest =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\n  namespace: bad\ndat:\n  a: "1"\n';
    expect(await fails(['create', '-f', '-'], manifest)).toBe(
      'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dat"\n',
    );
    const res = await post(`${CONFIGMAPS}?fieldValidation=Strict`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'typo' },
      dat: {},
    });
    expect(answer(res)).toEqual([
      400,
      'BadRequest',
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dat"',
    ]);
  });
});

describe('unknown kinds and versions', () => {
  it('an unknown resource is 404 NotFound', async () => {
    const path = '/apis/apps/v1/namespaces/bad/widgets';
    for (const res of [await send({ path }), await post(path, { apiVersion: 'apps/v1', kind: 'Widget' })]) {
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server could not find the requested resource',
        reason: 'NotFound',
        details: {},
        code: 404,
      });
    }
    expect(await fails(['get', '--raw', path])).toBe(
      'Error from server (NotFound): the server could not find the requested resource\n',
    );
    expect(await fails(['get', 'widgets'])).toBe(
      'error: the server doesn\'t have a resource type "widgets"\n',
    );
    expect(
      await fails(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n'),
    ).toBe(
      'error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n',
    );
  });

  it('an unknown apiVersion in a body posted to a valid resource is 400 BadRequest', async () => {
    const body = { apiVersion: 'v9', kind: 'ConfigMap', metadata: { name: 'future' } };
    const message =
      'ConfigMap in version "v9" cannot be handled as a ConfigMap: no kind "ConfigMap" is registered for version "v9" in scheme "pkg/api/legacyscheme/scheme.go:30"';
    expect(answer(await post(CONFIGMAPS, body))).toEqual([400, 'BadRequest', message]);
    expect(
      await fails(['create', '--raw', CONFIGMAPS, '-f', await file('v9.json', JSON.stringify(body))]),
    ).toBe(`Error from server (BadRequest): ${message}\n`);
    // A kind the version does not have (kinds are case-sensitive) is refused the same way.
    expect(
      answer(
        await post('/apis/apps/v1/namespaces/bad/deployments', {
          apiVersion: 'apps/v1',
          kind: 'deployment',
          metadata: { name: 'lower' },
        }),
      ),
    ).toEqual([
      400,
      'BadRequest',
      'deployment in version "v1" cannot be handled as a Deployment: no kind "deployment" is registered for version "apps/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    ]);
  });

  it('a body of another kind or API version than the URL is 400 BadRequest', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'mixed' } };
    const message =
      'Secret in version "v1" cannot be handled as a ConfigMap: converting (v1.Secret) to (core.ConfigMap): unknown conversion';
    expect(answer(await post(CONFIGMAPS, secret))).toEqual([400, 'BadRequest', message]);
    expect(
      await fails(['create', '--raw', CONFIGMAPS, '-f', await file('secret.json', JSON.stringify(secret))]),
    ).toBe(`Error from server (BadRequest): ${message}\n`);
    expect(
      answer(
        await post('/apis/apps/v1/namespaces/bad/deployments', {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name: 'mixed' },
        }),
      ),
    ).toEqual([
      400,
      'BadRequest',
      'Job in version "v1" cannot be handled as a Deployment: converting (v1.Job) to (apps.Deployment): unknown conversion',
    ]);
    // Both Event APIs decode into one internal type: the handler refuses the other version.
    expect(
      answer(
        await post('/apis/events.k8s.io/v1/namespaces/bad/events', {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: 'mixed' },
        }),
      ),
    ).toEqual([
      400,
      'BadRequest',
      'the API version in the data (v1) does not match the expected API version (events.k8s.io/v1)',
    ]);
  });
});

describe('invalid names', () => {
  it('a name that is not a DNS-1123 subdomain is 422 Invalid', async () => {
    const res = await post(CONFIGMAPS, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'Foo_Bar' },
    });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `ConfigMap "Foo_Bar" is invalid: metadata.name: Invalid value: "Foo_Bar": ${SUBDOMAIN_RULE}`,
      reason: 'Invalid',
      details: {
        name: 'Foo_Bar',
        group: '',
        kind: 'ConfigMap',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: `Invalid value: "Foo_Bar": ${SUBDOMAIN_RULE}`,
            field: 'metadata.name',
          },
        ],
      },
      code: 422,
    });
    expect(await fails(['-n', 'bad', 'create', 'configmap', 'Foo_Bar'])).toBe(
      `error: failed to create configmap: ConfigMap "Foo_Bar" is invalid: metadata.name: Invalid value: "Foo_Bar": ${SUBDOMAIN_RULE}\n`,
    );
    expect(
      await fails(
        ['apply', '-f', '-'],
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Foo_Bar\n  namespace: bad\n',
      ),
    ).toBe(
      `The ConfigMap "Foo_Bar" is invalid: metadata.name: Invalid value: "Foo_Bar": ${SUBDOMAIN_RULE}\n`,
    );
  });

  it('a namespace name that is not a DNS-1123 label is 422 Invalid', async () => {
    const res = await post('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'Team_A' },
    });
    expect(answer(res)).toEqual([
      422,
      'Invalid',
      `Namespace "Team_A" is invalid: metadata.name: Invalid value: "Team_A": ${LABEL_RULE}`,
    ]);
    expect(await fails(['create', 'namespace', 'Team_A'])).toBe(
      `The Namespace "Team_A" is invalid: metadata.name: Invalid value: "Team_A": ${LABEL_RULE}\n`,
    );
  });

  it('a name too long is 422 Invalid', async () => {
    const long = 'a'.repeat(254);
    expect(
      answer(await post(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: long } })),
    ).toEqual([
      422,
      'Invalid',
      `ConfigMap "${long}" is invalid: metadata.name: Invalid value: "${long}": must be no more than 253 characters`,
    ]);
    const longLabel = 'n'.repeat(64);
    expect(await fails(['create', 'namespace', longLabel])).toBe(
      `The Namespace "${longLabel}" is invalid: metadata.name: Invalid value: "${longLabel}": must be no more than 63 characters\n`,
    );
  });
});

describe('missing required fields', () => {
  it('a Pod without containers is 422 Invalid: spec.containers: Required value', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lonely' }, spec: { containers: [] } };
    const res = await post('/api/v1/namespaces/bad/pods', pod);
    expect(answer(res)).toEqual([422, 'Invalid', 'Pod "lonely" is invalid: spec.containers: Required value']);
    expect(failure(res).details?.causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers' },
    ]);
    expect(await fails(['-n', 'bad', 'apply', '-f', '-'], JSON.stringify(pod))).toBe(
      'The Pod "lonely" is invalid: spec.containers: Required value\n',
    );
  });

  it('a Deployment without a selector is 422 Invalid, and its labels match no selector', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'aimless' },
      spec: {
        template: {
          metadata: { labels: { app: 'aimless' } },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      },
    };
    const mismatch =
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"aimless"}: `selector` does not match template `labels`';
    expect(answer(await post('/apis/apps/v1/namespaces/bad/deployments', deployment))).toEqual([
      422,
      'Invalid',
      `Deployment.apps "aimless" is invalid: [spec.selector: Required value, ${mismatch}]`,
    ]);
    expect(await fails(['-n', 'bad', 'apply', '-f', '-'], JSON.stringify(deployment))).toBe(
      `The Deployment "aimless" is invalid: \n* spec.selector: Required value\n* ${mismatch}\n`,
    );
  });

  it('a Service without ports is 422 Invalid: spec.ports: Required value', async () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'portless' },
      spec: { selector: { app: 'x' } },
    };
    expect(answer(await post('/api/v1/namespaces/bad/services', service))).toEqual([
      422,
      'Invalid',
      'Service "portless" is invalid: spec.ports: Required value',
    ]);
    expect(await fails(['-n', 'bad', 'apply', '-f', '-'], JSON.stringify(service))).toBe(
      'The Service "portless" is invalid: spec.ports: Required value\n',
    );
  });
});

describe('immutable fields', () => {
  it("changing a Deployment's selector is 422 Invalid: field is immutable", async () => {
    await ok(['-n', 'bad', 'create', 'deployment', 'web', '--image=nginx:1.27']);
    const change = {
      spec: {
        selector: { matchLabels: { app: 'other' } },
        template: { metadata: { labels: { app: 'other' } } },
      },
    };
    const message =
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable';
    const res = await mergePatch('/apis/apps/v1/namespaces/bad/deployments/web', change);
    expect(answer(res)).toEqual([422, 'Invalid', `Deployment.apps "web" is invalid: ${message}`]);
    expect(failure(res).details).toMatchObject({ name: 'web', group: 'apps', kind: 'Deployment' });
    expect(
      await fails(['-n', 'bad', 'patch', 'deployment', 'web', '--type=merge', '-p', JSON.stringify(change)]),
    ).toBe(`The Deployment "web" is invalid: ${message}\n`);
  });

  it("changing a Service's clusterIP is 422 Invalid: may not change once set", async () => {
    await ok(['-n', 'bad', 'create', 'service', 'clusterip', 'web', '--tcp=80:80']);
    const ip = await ok(['-n', 'bad', 'get', 'service', 'web', '-o', 'jsonpath={.spec.clusterIP}']);
    expect(ip).toMatch(/^10\.9[6-9]\.\d+\.\d+$/);
    const other = ip === '10.96.0.250' ? '10.96.0.251' : '10.96.0.250';
    const message = `spec.clusterIPs[0]: Invalid value: []string{"${other}"}: may not change once set`;
    expect(
      answer(await mergePatch('/api/v1/namespaces/bad/services/web', { spec: { clusterIP: other } })),
    ).toEqual([422, 'Invalid', `Service "web" is invalid: ${message}`]);
    expect(
      await fails([
        '-n',
        'bad',
        'patch',
        'service',
        'web',
        '--type=merge',
        '-p',
        `{"spec":{"clusterIP":"${other}"}}`,
      ]),
    ).toBe(`The Service "web" is invalid: ${message}\n`);
  });

  it('changing the data of an immutable ConfigMap is 422 Invalid', async () => {
    const frozen = (mode: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\n  namespace: bad\nimmutable: true\ndata:\n  mode: ${mode}\n`;
    await ok(['apply', '-f', '-'], frozen('fast'));
    const forbidden = 'Forbidden: field is immutable when `immutable` is set';
    expect(answer(await mergePatch(`${CONFIGMAPS}/frozen`, { data: { mode: 'slow' } }))).toEqual([
      422,
      'Invalid',
      `ConfigMap "frozen" is invalid: data: ${forbidden}`,
    ]);
    expect(answer(await mergePatch(`${CONFIGMAPS}/frozen`, { immutable: false }))).toEqual([
      422,
      'Invalid',
      `ConfigMap "frozen" is invalid: immutable: ${forbidden}`,
    ]);
    expect(await fails(['apply', '-f', '-'], frozen('slow'))).toBe(
      `The ConfigMap "frozen" is invalid: data: ${forbidden}\n`,
    );
  });
});

describe('writes that do not fit the stored object', () => {
  it('a PUT whose body names another object is 400 BadRequest', async () => {
    await ok(['-n', 'bad', 'create', 'configmap', 'plain', '--from-literal=a=1']);
    const other = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' }, data: { a: '2' } };
    expect(answer(await put(`${CONFIGMAPS}/plain`, other))).toEqual([
      400,
      'BadRequest',
      'the name of the object (other) does not match the name on the URL (plain)',
    ]);
    expect(
      await fails([
        'replace',
        '--raw',
        `${CONFIGMAPS}/plain`,
        '-f',
        await file('other.json', JSON.stringify(other)),
      ]),
    ).toBe(
      'Error from server (BadRequest): the name of the object (other) does not match the name on the URL (plain)\n',
    );
    const elsewhere = { ...other, metadata: { name: 'plain', namespace: 'default' } };
    expect(answer(await put(`${CONFIGMAPS}/plain`, elsewhere))).toEqual([
      400,
      'BadRequest',
      'the namespace of the object (default) does not match the namespace on the request (bad)',
    ]);
    expect(
      answer(await post(CONFIGMAPS, { ...elsewhere, metadata: { name: 'new', namespace: 'default' } })),
    ).toEqual([
      400,
      'BadRequest',
      'the namespace of the provided object does not match the namespace sent on the request',
    ]);
  });

  it('a write with a stale resourceVersion is 409 Conflict', async () => {
    const read = await send({ path: `${CONFIGMAPS}/plain` });
    const stale = read.json<{ metadata: { resourceVersion: string } }>();
    await ok(['-n', 'bad', 'label', 'configmap', 'plain', 'touched=yes']);
    const res = await put(`${CONFIGMAPS}/plain`, { ...stale, data: { a: '3' } });
    expect(res.status).toBe(409);
    expect(res.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Operation cannot be fulfilled on configmaps "plain": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: { name: 'plain', group: '', kind: 'configmaps' },
      code: 409,
    });
    expect(await fails(['replace', '-f', '-'], JSON.stringify({ ...stale, data: { a: '3' } }))).toBe(
      'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on configmaps "plain": the object has been modified; please apply your changes to the latest version and try again\n',
    );
    expect(await ok(['-n', 'bad', 'get', 'configmap', 'plain', '-o', 'jsonpath={.data.a}'])).toBe('1');
  });
});
