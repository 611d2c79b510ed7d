import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { assertSelectable, matchesFields, parseFieldSelector } from './field-selector.ts';
import { selectableFields } from './selectable-fields.ts';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop' },
  spec: { nodeName: 'node-a', restartPolicy: 'Always' },
  status: { phase: 'Running', podIP: '10.0.0.7' },
};

const podFields = selectableFields('/pods', true);

function matches(text: string, object: KubeObject = pod): boolean {
  const selector = parseFieldSelector(text);
  assertSelectable(selector, podFields);
  return matchesFields(selector, object, podFields);
}

describe('field selectors', () => {
  it('select pods on the fields kubectl uses', () => {
    expect(matches('spec.nodeName=node-a')).toBe(true);
    expect(matches('spec.nodeName!=node-a')).toBe(false);
    expect(matches('status.phase==Running,metadata.namespace=shop')).toBe(true);
    expect(matches('status.podIP=10.0.0.7')).toBe(true);
    expect(matches('metadata.name=web-2')).toBe(false);
  });

  it('treat a missing field as the empty string (unscheduled pods)', () => {
    const pending: KubeObject = { ...pod, spec: {} };
    expect(matches('spec.nodeName=', pending)).toBe(true);
    expect(matches('spec.nodeName!=', pending)).toBe(false);
  });

  it('honour escaped separators in values', () => {
    const selector = parseFieldSelector('metadata.name=a\\,b');
    expect(selector.requirements).toEqual([{ field: 'metadata.name', operator: '=', value: 'a,b' }]);
  });

  it('reject fields the kind does not index with the real message', () => {
    expect(() => matches('spec.foo=bar')).toThrow('field label not supported: spec.foo');
    const nodeFields = selectableFields('/nodes', false);
    expect(() => assertSelectable(parseFieldSelector('metadata.namespace=x'), nodeFields)).toThrow(
      'field label not supported: metadata.namespace',
    );
  });

  it('know the per-kind fields of events, secrets, nodes and namespaces', () => {
    expect(selectableFields('/events', true).has('involvedObject.name')).toBe(true);
    expect(selectableFields('/secrets', true).has('type')).toBe(true);
    expect(selectableFields('/nodes', false).get('spec.unschedulable')?.(pod)).toBe('false');
    expect(selectableFields('/namespaces', false).has('status.phase')).toBe(true);
    expect(selectableFields('batch/jobs', true).has('status.successful')).toBe(true);
  });
});
