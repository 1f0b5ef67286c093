import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixtures.js';
import { detectAndParse } from '../helpers/parse.js';

/** A troubleshoot secret collector's answer, from the troubleshoot project's own baseline bundle. */
describe('support bundle existence checks', () => {
  const path = 'replicatedhq-troubleshoot/extracted/test-baselines-supportbundle-baseline/supportbundle/secrets/default/example-secret.json';

  it('reads whether the Secret exists, and never a value', async () => {
    const r = await detectAndParse('secrets/default/example-secret.json', fixture(path));
    expect(r.detection.kind).toBe('existence-check');
    expect(r.issues).toEqual([]);
    expect(r.facts).toEqual([
      { type: 'object', kind: 'SecretCheck', name: 'example-secret', namespace: 'default', exists: false, source: { artifact: 'secrets/default/example-secret.json', line: 5, text: '  "secretExists": false,' } },
    ]);
  });

  it('a ConfigMap check with a key', async () => {
    const text = '{ "namespace": "shop", "name": "web-config", "key": "app.yaml", "configMapExists": true, "keyExists": false }\n';
    const r = await detectAndParse('configmaps/shop/web-config.json', text);
    expect(r.facts).toMatchObject([{ kind: 'ConfigMapCheck', name: 'web-config', namespace: 'shop', exists: true, key: 'app.yaml', keyExists: false }]);
  });
});
