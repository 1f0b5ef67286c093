import { describe, expect, it } from 'vitest';
import { namesFromLog } from '../../src/parse/log-names.js';

/** The marks that tools relaying a container's output put on it (kubectl, skaffold, k9s, a shell in the pod). */
describe('names a log prints about itself', () => {
  it('reads kubectl logs --prefix when every line is one container\'s', () => {
    const head = ['[pod/web-7d9f8c6b5-x2x9z/app] starting', '[pod/web-7d9f8c6b5-x2x9z/app] panic: boom'];
    expect(namesFromLog(head, undefined)).toEqual({ pod: 'web-7d9f8c6b5-x2x9z', container: 'app' });
  });

  it('names nothing when the prefixed lines are several pods\' (kubectl logs -l ... --prefix)', () => {
    const head = ['[pod/web-a/app] starting', '[pod/web-b/app] starting'];
    expect(namesFromLog(head, undefined)).toEqual({});
  });

  it('reads skaffold\'s relayed lines after its own status lines', () => {
    const head = ['Waiting for deployments to stabilize...', ' - deployment/api: container server terminated with exit code 139', '      > [api-5f6d7c8b9-qwxyz server] #', '      > [api-5f6d7c8b9-qwxyz server] # A fatal error has been detected'];
    expect(namesFromLog(head, undefined)).toEqual({ pod: 'api-5f6d7c8b9-qwxyz', container: 'server' });
  });

  it('reads the end-of-stream notice of a log viewer', () => {
    expect(namesFromLog(['initdb: error'], 'Stream closed EOF for shop/db-64c7587854-m68bt (db)')).toEqual({ namespace: 'shop', pod: 'db-64c7587854-m68bt', container: 'db' });
  });

  it('takes a shell prompt\'s host as the pod only when it is a generated pod name', () => {
    expect(namesFromLog(['root@falco-w9tcx:/# /usr/bin/falco', 'Segmentation fault (core dumped)'], undefined)).toEqual({ pod: 'falco-w9tcx' });
    // A node's host name is not a pod's (vowels and 0/1/3 never occur in generated suffixes).
    expect(namesFromLog(['root@kube1:/home/pi# ./run', 'Segmentation fault'], undefined)).toEqual({});
    expect(namesFromLog(['root@worker-alpha:/# ./run'], undefined)).toEqual({});
  });
});
