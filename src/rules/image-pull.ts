import { IMAGE_PULL_REASONS } from '../knowledge/reasons.js';
import { uniqueEvidence, workloadName } from './context.js';
import type { Rule } from './types.js';

/** `Failed to pull image "x": ...`, `Error: ErrImagePull`, `Back-off pulling image "x"`. */
const PULL_EVENT = /^(?:spec\.\w+\{[^}]+\}: )?(?:Failed to pull image|Error: (?:ErrImagePull|ImagePullBackOff|InvalidImageName|ErrImageNeverPull)|Back-off pulling image|Container image "[^"]+" is not present with pull policy of Never|Failed to apply default image tag)/;

const rule: Rule = {
  id: 'image-pull',
  category: 'image-pull',
  check(ctx) {
    const waiting = ctx.container.state?.status === 'waiting' ? ctx.container.state.reason : undefined;
    const byState = waiting && IMAGE_PULL_REASONS.has(waiting.value) ? waiting : undefined;
    const image = ctx.container.image?.value;
    const events = ctx.events.filter((e) => PULL_EVENT.test(e.message) && (!image || !/image "/.test(e.message) || e.message.includes(`"${image}"`)));
    if (!byState && events.length === 0) return undefined;
    // A pull that failed once but later succeeded leaves a running container: not this.
    if (!byState && ctx.container.state?.status === 'running') return undefined;
    const detailed = events.filter((e) => /^(?:spec\.\w+\{[^}]+\}: )?Failed to pull image/.test(e.message)).pop();
    const detail = detailed?.message ?? '';
    const auth = /unauthorized|authentication required|denied|403|401|no basic auth credentials/i.test(detail);
    const notFound = /not found|manifest unknown|does not exist|NotFound/i.test(detail);
    const network = /i\/o timeout|no such host|connection refused|dial tcp|TLS handshake timeout/i.test(detail);
    const why = auth ? 'the registry refused the credentials' : notFound ? 'the image or tag does not exist' : network ? 'the registry could not be reached' : 'the pull failed';
    return {
      category: 'image-pull',
      severity: 'critical',
      confidence: byState ? 0.97 : 0.9,
      summary: `Container ${ctx.container.name} never started: ${image ? `image ${image}` : 'its image'} cannot be pulled (${why}). This is not a crash loop; the container has not run.`,
      evidence: uniqueEvidence([byState?.source, detailed?.source, events[events.length - 1]?.source, ctx.container.image?.source]),
      remediation: [
        notFound || !detail
          ? `Check the image reference${image ? ` ${image}` : ''} (registry, repository, tag) in ${workloadName(ctx)}; \`docker manifest inspect ${image ?? '<image>'}\` tells whether it exists.`
          : auth
            ? `Give the pod credentials for the registry: an imagePullSecret on ${workloadName(ctx)} or its service account (\`kubectl create secret docker-registry ... -n ${ctx.pod.namespace}\`).`
            : `Check that node ${ctx.pod.node ?? ''} can reach the registry (DNS, proxy, firewall).`,
        `Once fixed, the kubelet pulls again on its next back-off step (at most 5 min); deleting pod ${ctx.pod.name} retries at once.`,
      ],
    };
  },
};

export default rule;
