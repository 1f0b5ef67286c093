/** Empty values of the model's shapes, filled in by the parsers and the correlate stage. */
import type { ContainerFact, ContainerModel, PodModel, SourceRef } from './types.js';

export function newContainerFact(name: string, init: boolean, source: SourceRef): ContainerFact {
  return { name, init, limits: {}, requests: {}, probes: [], env: [], envFrom: [], mounts: [], source };
}

export function newContainerModel(name: string, init: boolean, source: SourceRef): ContainerModel {
  return { ...newContainerFact(name, init, source), events: [], logs: {} };
}

export function newPodModel(namespace: string, name: string, source: SourceRef, artifacts: string[]): PodModel {
  return { namespace, name, restartPolicy: 'Always', conditions: [], volumes: [], rows: [], containers: [], events: [], artifacts, source };
}
