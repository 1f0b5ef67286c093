/**
 * Bundles for the report tests, made from the app-crash sample's real kubectl layout: the
 * describe text and the previous log of `ledger-worker`, with lines swapped in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withEvents, withState } from '../helpers/describe-edit.js';
import { SAMPLES, tempBundle } from '../helpers/fixtures.js';

const DESCRIBE = readFileSync(join(SAMPLES, 'app-crash/describe.txt'), 'utf8');
const LOG = readFileSync(join(SAMPLES, 'app-crash/logs-previous.txt'), 'utf8');

/** The log with its last line (the exception) replaced. */
function logEndingWith(line: string): string {
  const lines = LOG.replace(/\n$/, '').split('\n');
  lines[lines.length - 1] = line;
  return `${lines.join('\n')}\n`;
}

export const XSS = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  js: 'javascript:alert(1)',
};

/** A crash whose last log line, quoted as the proof, holds markup and a `javascript:` URL. */
export function xssBundle(): string {
  return tempBundle({
    'describe.txt': DESCRIBE,
    'logs-previous.txt': logEndingWith(`RuntimeError: bad row ${XSS.script} ${XSS.img} see [docs](${XSS.js}) and ${XSS.js}`),
  });
}

// Real-looking credentials (none is real).
export const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJsZWRnZXItd29ya2VyIiwicm9sZSI6ImFkbWluIn0.Xq3c2V0aW5nLXNpZ25hdHVyZS0xMjM0NTY3ODkw';
export const DB_PASSWORD = 'hunter2-Secret!';
export const API_TOKEN = 'tok_9f8e7d6c5b4a39281706';
export const URL_PASSWORD = 'Sup3rS3cretPw';
export const SECRET_DATA = Buffer.from('s3cr3t-from-the-secret').toString('base64');
export const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';

/**
 * A crash with credentials everywhere: literal env values in describe's `Environment:` block, a
 * Secret manifest with `data:`, and a JWT and a URL password in the log line a rule quotes.
 */
export function credentialsBundle(): string {
  const describe = DESCRIBE.replace(
    /^( {6}DB_PASSWORD: +).*$/m,
    `$1${DB_PASSWORD}\n      API_TOKEN:                ${API_TOKEN}\n      AWS_ACCESS_KEY_ID:        ${AWS_KEY}\n      BILLING_URL:              https://ledger:${URL_PASSWORD}@billing.payments.svc:8443/v1`,
  );
  return tempBundle({
    'describe.txt': describe,
    'logs-previous.txt': logEndingWith(
      `requests.exceptions.HTTPError: 401 Unauthorized for url https://ledger:${URL_PASSWORD}@billing.payments.svc:8443/v1/entries (Authorization: Bearer ${JWT})`,
    ),
    'secret.yaml': [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: ledger-db',
      '  namespace: payments',
      'type: Opaque',
      'data:',
      `  password: ${Buffer.from(DB_PASSWORD).toString('base64')}`,
      `  connection: ${SECRET_DATA}`,
      '',
    ].join('\n'),
  });
}

/** One container that was OOM-killed once and runs and is ready again: a `warning`. */
export function recoveredBundle(): string {
  return tempBundle({ 'describe.txt': recoveredDescribe() });
}

/** The same container, running from the start: nothing fails. */
export function healthyBundle(): string {
  return tempBundle({
    'describe.txt': withEvents(
      [],
      withState(['    State:          Running', '      Started:      Thu, 27 Feb 2025 07:37:00 +0100'])
        .replace(/^( {4}Ready: +)False/m, '$1True')
        .replace(/^( {4}Restart Count: +)\d+/m, '$10'),
    ),
  });
}

function recoveredDescribe(): string {
  return withEvents(
    [],
    withState([
      '    State:          Running',
      '      Started:      Thu, 27 Feb 2025 07:37:00 +0100',
      '    Last State:     Terminated',
      '      Reason:       OOMKilled',
      '      Exit Code:    137',
      '      Started:      Thu, 27 Feb 2025 07:36:21 +0100',
      '      Finished:     Thu, 27 Feb 2025 07:36:22 +0100',
    ])
      .replace(/^( {4}Ready: +)False/m, '$1True')
      .replace(/^( {4}Restart Count: +)\d+/m, '$11'),
  );
}
