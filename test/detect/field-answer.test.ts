import { describe, expect, it } from 'vitest';
import { fieldDocument } from '../../src/detect/field-answer.js';
import { commandFacts } from '../../src/detect/segment.js';

describe('the answer of a one-field query', () => {
  it('reads the jsonpath and the pod from the command line', () => {
    const line = '$ kubectl get pod web-0 -n shop -o jsonpath="{.status.initContainerStatuses}"';
    expect(commandFacts(line, line.slice(2))).toMatchObject({ path: '.status.initContainerStatuses', pod: 'web-0', namespace: 'shop' });
    const jq = '$ kubectl get pods/web-0 -o json | jq .status.containerStatuses';
    expect(commandFacts(jq, jq.slice(2))).toMatchObject({ path: '.status.containerStatuses', pod: 'web-0' });
  });

  it('puts a JSON value back at its path inside the named pod, on the same lines', () => {
    const output = '[{"name":"init","state":{"terminated":{"exitCode":1,"reason":"Error"}}}]\n';
    const doc = fieldDocument('.status.initContainerStatuses', 'web-0', output)!;
    expect(doc.text.split('\n')).toHaveLength(output.trimEnd().split('\n').length);
    expect(JSON.parse(doc.text)).toEqual({ kind: 'Pod', metadata: { name: 'web-0' }, status: { initContainerStatuses: JSON.parse(output) } });
  });

  it('wraps an indexed step and a bare word', () => {
    const doc = fieldDocument('{.status.containerStatuses[0].lastState}', undefined, '{"terminated":{"exitCode":137,"reason":"OOMKilled"}}')!;
    expect(JSON.parse(doc.text)).toEqual({ status: { containerStatuses: [{ lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }] } });
    expect(JSON.parse(fieldDocument('.status.reason', 'web-0', 'Evicted')!.text)).toEqual({ kind: 'Pod', metadata: { name: 'web-0' }, status: { reason: 'Evicted' } });
  });

  it('leaves fields that say nothing of a failure, and outputs of several lines of text', () => {
    expect(fieldDocument('.metadata.labels', 'web-0', '{"app":"web"}')).toBeUndefined();
    expect(fieldDocument('.status.reason', 'web-0', 'one\ntwo')).toBeUndefined();
  });
});
