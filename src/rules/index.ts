/** The rule registry: one sorted map from id to rule, like ESLint's `lib/rules/index.js`. */
import appCrash from './app-crash.js';
import badConfigValue from './bad-config-value.js';
import cpuThrottling from './cpu-throttling.js';
import dependencyAuth from './dependency-auth.js';
import dependencyUnavailable from './dependency-unavailable.js';
import execFormat from './exec-format.js';
import exitsImmediately from './exits-immediately.js';
import imagePull from './image-pull.js';
import initContainer from './init-container.js';
import livenessProbe from './liveness-probe.js';
import missingConfigmap from './missing-configmap.js';
import missingSecret from './missing-secret.js';
import nodeIssue from './node-issue.js';
import oomKilled from './oom-killed.js';
import permissionDenied from './permission-denied.js';
import runtimeHeapOom from './runtime-heap-oom.js';
import segfault from './segfault.js';
import startupProbe from './startup-probe.js';
import type { Rule } from './types.js';
import unknown from './unknown.js';
import volumeMount from './volume-mount.js';
import wrongCommand from './wrong-command.js';

const all: Rule[] = [
  appCrash,
  badConfigValue,
  cpuThrottling,
  dependencyAuth,
  dependencyUnavailable,
  execFormat,
  exitsImmediately,
  imagePull,
  initContainer,
  livenessProbe,
  missingConfigmap,
  missingSecret,
  nodeIssue,
  oomKilled,
  permissionDenied,
  runtimeHeapOom,
  segfault,
  startupProbe,
  unknown,
  volumeMount,
  wrongCommand,
];

export const RULES: ReadonlyMap<string, Rule> = new Map(all.sort((a, b) => a.id.localeCompare(b.id)).map((r) => [r.id, r]));

export type { Rule } from './types.js';
