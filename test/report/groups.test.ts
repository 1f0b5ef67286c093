import { describe, expect, it } from 'vitest';

describe('groups', () => {
  it('the same failure in several replicas is one group (sbctl: three weave-net pods)', async () => {
    const { analyze } = await import('../../src/analyze.js');
    const { renderReport } = await import('../../src/report/index.js');
    const { FIXTURES } = await import('../helpers/fixtures.js');
    const analysis = await analyze(`${FIXTURES}/replicatedhq-sbctl/tests/support-bundle`);
    const doc = JSON.parse(renderReport(analysis, 'json')) as { groups: { scope: string; container: string; category: string; count: number; pods: string[] }[] };
    const weave = doc.groups.find((g) => g.container === 'weave');
    expect(weave).toEqual(expect.objectContaining({ scope: 'DaemonSet/weave-net', category: 'app-crash', count: 3 }));
    expect(weave!.pods).toHaveLength(3);
    const md = renderReport(analysis, 'md');
    expect(md).toMatch(/\| DaemonSet\/weave-net \| kube-system \| weave \| `app-crash` \| 3 \|/);
  });
});
