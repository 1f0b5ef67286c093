import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { isBase64Text, isCredentialName, REDACTED, Redactor, redactDeep } from '../../src/report/redact.js';
import { buildReportView } from '../../src/report/view-model.js';
import { credentialsBundle, DB_PASSWORD, JWT, URL_PASSWORD } from './bundles.js';

const JWT_SAMPLE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('redaction: what is masked', () => {
  const masked: [string, string, string][] = [
    ['a describe Environment row', '      DB_PASSWORD:  hunter2-Secret!', '      DB_PASSWORD:  [REDACTED]'],
    ['a value with blanks to the end of the line', '      SMTP_PASS:     correct horse battery', '      SMTP_PASS:     [REDACTED]'],
    ['key=value in a log line', 'connect user=app password=hunter2 host=db', 'connect user=app password=[REDACTED] host=db'],
    ['a JSON member', '{"client_secret": "abc123xyz", "user": "x"}', '{"client_secret": "[REDACTED]", "user": "x"}'],
    ['a JSON env entry', '{"name":"API_TOKEN","value":"abc123def"}', '{"name":"API_TOKEN","value":"[REDACTED]"}'],
    ['a YAML list env entry', '  - API_KEY: sk-abcdef0123456789', '  - API_KEY: [REDACTED]'],
    ['camelCase names', 'apiKey=Zm9vYmFyYmF6 authToken=abc.def', 'apiKey=[REDACTED] authToken=[REDACTED]'],
    ['an Authorization header', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: Basic [REDACTED]'],
    ['a JWT anywhere', `token was ${JWT_SAMPLE} (expired)`, 'token was [REDACTED] (expired)'],
    ['a JWT cut short', `got ${JWT_SAMPLE.slice(0, 60)}`, 'got [REDACTED]'],
    ['a bearer token', 'sending Bearer abc123def456ghi789 to billing', 'sending Bearer [REDACTED] to billing'],
    ['an AWS access key id', 'using AKIAIOSFODNN7EXAMPLE in eu-west-1', 'using [REDACTED] in eu-west-1'],
    ['an AWS secret access key', 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AWS_SECRET_ACCESS_KEY=[REDACTED]'],
    ['a GitHub token', 'clone with ghp_16C7e42F292c6912E7710c838347Ae178B4a failed', 'clone with [REDACTED] failed'],
    ['a fine-grained GitHub token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', '[REDACTED]'],
    ['a Slack token', 'slack: xoxb-1234567890-0987654321-AbCdEfGhIjKl', 'slack: [REDACTED]'],
    ['a private key block', 'key: "-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA75\\n-----END RSA PRIVATE KEY-----"', 'key: "[REDACTED]"'],
    ['a URL password (the user stays)', 'dial postgres://app:s3cr3t@db.svc:5432/app?sslmode=disable', 'dial postgres://app:[REDACTED]@db.svc:5432/app?sslmode=disable'],
    ['a URL password without user', 'redis://:p4ssw0rd@redis:6379/0', 'redis://:[REDACTED]@redis:6379/0'],
    ['Secret data in base64', '  password: aHVudGVyMi1TZWNyZXQh', '  password: [REDACTED]'],
    ['any base64 text value', '  connection: cG9zdGdyZXM6Ly9hcHA6cHdAZGI6NTQzMi9hcHA=', '  connection: [REDACTED]'],
  ];
  for (const [name, input, output] of masked) {
    it(name, () => {
      const r = new Redactor();
      expect(r.text(input)).toBe(output);
      expect(r.count).toBeGreaterThan(0);
    });
  }
});

describe('redaction: what is kept', () => {
  const kept: [string, string][] = [
    ['a reference to a Secret key', "      DB_PASSWORD:   <set to the key 'password' in secret 'api-db'>  Optional: false"],
    ['a Secret name', '    SecretName:  api-db'],
    ['a secretKeyRef key', '        key: password'],
    ['a variable naming a Secret', '      TLS_SECRET:  billing-upstream-tls'],
    ['a projected token volume', '    TokenExpirationSeconds:  3607'],
    ["troubleshoot's own marker", '  password: ***HIDDEN***'],
    ["troubleshoot's marker in a URL", 'postgres://app:***HIDDEN***@db:5432/app'],
    ['an auth failure message', 'FATAL:  password authentication failed for user "shop_api"'],
    ['prose about authentication', 'Basic authentication failed for the token endpoint'],
    ['a describe state line', '      Reason:       CrashLoopBackOff'],
    ['an image digest', '    Image ID:  registry/api@sha256:37395073d27c8a1ec7246604ab68c2afc35fa6f640b957ec8932b265a8083420'],
    ['an event row', '  Warning  BackOff  14s (x22 over 9m46s)  kubelet  Back-off restarting failed container api in pod api_shop(77408572-146a-4b20-b32d-75673620da45)'],
    ['a missing Secret event', 'Error: secret "payments-db" not found'],
    ['a URL without password', 'GET https://billing.internal:8443/v1/entries?page=2'],
    ['NODE_OPTIONS', '      NODE_OPTIONS:  --max-old-space-size=768'],
  ];
  for (const [name, input] of kept) {
    it(name, () => {
      const r = new Redactor();
      expect(r.text(input)).toBe(input);
      expect(r.count).toBe(0);
    });
  }

  it('knows credential names from references to them', () => {
    expect(['DB_PASSWORD', 'apiKey', 'x-api-key', 'OAUTH_CLIENT_SECRET', 'Authorization', 'session_cookie', 'AWS_SECRET_ACCESS_KEY'].filter(isCredentialName)).toHaveLength(7);
    expect(['secretName', 'key', 'TokenExpirationSeconds', 'AUTH_URL', 'DB_USER', 'secretKeyRef', 'PASSWORD_FILE'].filter(isCredentialName)).toEqual([]);
  });

  it('tells base64 text from words', () => {
    expect(isBase64Text('aHVudGVyMi1TZWNyZXQh')).toBe(true);
    for (const w of ['CrashLoopBackOff', 'IfNotPresent', 'ContainersReady', 'production', 'deadbeefdeadbeef']) expect(isBase64Text(w)).toBe(false);
  });
});

describe('redaction of a whole view', () => {
  it('masks quoted private key bodies line by line between their markers', () => {
    const lines = ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'BKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj', '-----END PRIVATE KEY-----'].map((text, i) => ({
      artifact: 'tls.yaml',
      line: 10 + i,
      text,
    }));
    const { value, count } = redactDeep({ evidence: lines });
    expect(value.evidence.map((l) => l.text)).toEqual(['-----BEGIN PRIVATE KEY-----', REDACTED, REDACTED, '-----END PRIVATE KEY-----']);
    expect(count).toBe(2);
  });

  it('masks any base64 value of a file that holds a Secret', () => {
    const ref = { artifact: 'secret.yaml', line: 8, text: '  user: YWRtaW4=' };
    expect(redactDeep({ evidence: [ref] }).value.evidence[0]!.text).toBe(ref.text);
    expect(redactDeep({ evidence: [ref] }, new Set(['secret.yaml'])).value.evidence[0]!.text).toBe('  user: [REDACTED]');
  });

  it('masks copies of a credential that a rule cut short in its summary', () => {
    const cut = `401 for https://ledger:${URL_PASSWORD}@billing/v1`.slice(0, 30);
    const { value } = redactDeep({ summary: `failed: ${cut}`, evidence: [{ artifact: 'log', line: 1, text: `401 for https://ledger:${URL_PASSWORD}@billing/v1` }] });
    expect(cut).toMatch(/:Sup3rS3$/);
    expect(value.summary).not.toContain('Sup3rS3');
    expect(value.summary).toContain(REDACTED);
  });

  it('the credentials bundle: no credential survives in the view, the counts say how many were masked', async () => {
    const analysis = await analyze(credentialsBundle());
    const plain = buildReportView(analysis, { redact: false });
    const redacted = buildReportView(analysis);
    expect(plain.redaction).toEqual({ enabled: false, count: 0 });
    expect(redacted.redaction.enabled).toBe(true);
    expect(redacted.redaction.count).toBeGreaterThanOrEqual(5);
    const text = JSON.stringify(redacted);
    for (const secret of [DB_PASSWORD, JWT, JWT.split('.')[1]!, URL_PASSWORD]) {
      expect(JSON.stringify(plain)).toContain(secret);
      expect(text).not.toContain(secret);
    }
    // The environment keeps its names and references, masks the values.
    const env = redacted.diagnoses[0]!.env;
    expect(env.find((e) => e.name === 'DB_PASSWORD')!.value).toBe(REDACTED);
    expect(env.find((e) => e.name === 'DB_USER')!.value).toBe('ledger_worker');
    expect(env.find((e) => e.name === 'LOG_LEVEL')!.from).toMatch(/ConfigMap ledger-worker-config/);
  });
});
