/**
 * Spec checks of the workload controllers (apps and batch validation): selectors that must
 * exist and match the template's labels, replica counts, rollout strategies, restart policies
 * each controller accepts, cron schedules.
 */
import type { StatusCause } from '../types.ts';
import { forbidden, goSyntax, invalid, notSupported, path, required } from './field-errors.ts';
import {
  asSelector,
  goLabelSelector,
  isEmptySelector,
  selectorMatches,
  validateLabelSelector,
} from './label-selector.ts';
import { validateAnnotations, validateLabels } from './object-meta.ts';
import { validatePodSpec } from './pod-spec.ts';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(asObj) : []);
const NON_NEGATIVE = 'must be greater than or equal to 0';

function nonNegative(value: unknown, field: string): StatusCause[] {
  return typeof value === 'number' && value < 0 ? [invalid(field, value, NON_NEGATIVE)] : [];
}

/** A pod template: its labels and annotations, its pod spec, the restart policies allowed. */
export function validatePodTemplate(
  template: unknown,
  field: string,
  restartPolicies: string[],
): StatusCause[] {
  const t = asObj(template);
  const meta = asObj(t.metadata);
  const spec = asObj(t.spec);
  const causes = [
    ...validateLabels(meta.labels as Record<string, string> | undefined, path(field, 'metadata', 'labels')),
    ...validateAnnotations(
      meta.annotations as Record<string, string> | undefined,
      path(field, 'metadata', 'annotations'),
    ),
    ...validatePodSpec(spec, path(field, 'spec')),
  ];
  const restartPolicy = typeof spec.restartPolicy === 'string' ? spec.restartPolicy : 'Always';
  if (spec.restartPolicy === undefined || ['Always', 'OnFailure', 'Never'].includes(restartPolicy)) {
    if (!restartPolicies.includes(restartPolicy)) {
      causes.push(notSupported(path(field, 'spec', 'restartPolicy'), restartPolicy, restartPolicies));
    }
  }
  return causes;
}

/**
 * The selector every replicating controller needs: present, not empty, matching the template.
 * `what` names the controller in the empty-selector message, as the real messages do.
 * A missing selector is Required (except for DaemonSets, whose validation never asks for one)
 * and, as metav1.LabelSelectorAsSelector(nil) is labels.Nothing(), which matches no labels,
 * the template's labels are reported as not matching it too.
 */
function validateSelectorAndTemplate(
  spec: Obj,
  what: string | undefined,
  { selectorRequired = true } = {},
): StatusCause[] {
  const selector = asSelector(spec.selector);
  if (!selector) {
    const templateLabels = asObj(asObj(spec.template).metadata).labels;
    const labels =
      templateLabels && typeof templateLabels === 'object'
        ? templateLabels
        : goSyntax('map[string]string(nil)');
    return [
      ...(selectorRequired ? [required('spec.selector')] : []),
      invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'),
    ];
  }
  const causes = validateLabelSelector(selector, 'spec.selector');
  if (what && isEmptySelector(selector)) {
    causes.push(invalid('spec.selector', goLabelSelector(selector), `empty selector is invalid for ${what}`));
  }
  const labels = asObj(asObj(asObj(spec.template).metadata).labels) as Record<string, string>;
  if (!isEmptySelector(selector) && !selectorMatches(selector, labels)) {
    causes.push(
      invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'),
    );
  }
  return causes;
}

/** Go's rendering of an IntOrString value inside an error. */
function goIntOrString(value: unknown): ReturnType<typeof goSyntax> {
  return typeof value === 'string'
    ? goSyntax(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(value)}}`)
    : goSyntax(`intstr.IntOrString{Type:0, IntVal:${Number(value ?? 0)}, StrVal:""}`);
}

function intOrPercent(value: unknown, field: string): { causes: StatusCause[]; amount: number } {
  if (typeof value === 'string') {
    const m = /^(\d+)%$/.exec(value);
    if (!m) {
      return {
        causes: [
          invalid(
            field,
            value,
            "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
          ),
        ],
        amount: 1,
      };
    }
    const amount = Number(m[1]);
    return {
      causes: amount > 100 ? [invalid(field, goIntOrString(value), 'must not be greater than 100%')] : [],
      amount,
    };
  }
  const amount = Number(value ?? 0);
  return { causes: amount < 0 ? [invalid(field, amount, NON_NEGATIVE)] : [], amount };
}

function validateDeploymentStrategy(strategy: Obj): StatusCause[] {
  const type = strategy.type ?? 'RollingUpdate';
  if (type === 'Recreate') {
    return strategy.rollingUpdate
      ? [forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'")]
      : [];
  }
  if (type !== 'RollingUpdate') {
    const value = goSyntax(
      `apps.DeploymentStrategy{Type:${JSON.stringify(type)}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`,
    );
    return [notSupported('spec.strategy', value, ['Recreate', 'RollingUpdate'])];
  }
  const rolling = asObj(strategy.rollingUpdate);
  const field = 'spec.strategy.rollingUpdate';
  const unavailable = intOrPercent(rolling.maxUnavailable ?? '25%', path(field, 'maxUnavailable'));
  const surge = intOrPercent(rolling.maxSurge ?? '25%', path(field, 'maxSurge'));
  const causes = [...unavailable.causes, ...surge.causes];
  if (unavailable.amount === 0 && surge.amount === 0) {
    causes.push(
      invalid(
        path(field, 'maxUnavailable'),
        goIntOrString(rolling.maxUnavailable),
        'may not be 0 when `maxSurge` is 0',
      ),
    );
  }
  return causes;
}

export function validateDeployment(obj: Obj): StatusCause[] {
  const spec = asObj(obj.spec);
  const causes = nonNegative(spec.replicas, 'spec.replicas');
  causes.push(...validateSelectorAndTemplate(spec, 'deployment'));
  causes.push(...validatePodTemplate(spec.template, 'spec.template', ['Always']));
  causes.push(...validateDeploymentStrategy(asObj(spec.strategy)));
  causes.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  causes.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    causes.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= Number(spec.minReadySeconds ?? 0)) {
      causes.push(
        invalid(
          'spec.progressDeadlineSeconds',
          spec.progressDeadlineSeconds,
          'must be greater than minReadySeconds',
        ),
      );
    }
  }
  return causes;
}

export function validateReplicaSet(obj: Obj): StatusCause[] {
  const spec = asObj(obj.spec);
  const causes = nonNegative(spec.replicas, 'spec.replicas');
  // The real message names deployments here too.
  causes.push(...validateSelectorAndTemplate(spec, 'deployment'));
  causes.push(...validatePodTemplate(spec.template, 'spec.template', ['Always']));
  return causes;
}

export function validateStatefulSet(obj: Obj): StatusCause[] {
  const spec = asObj(obj.spec);
  const causes: StatusCause[] = [];
  const policy = spec.podManagementPolicy ?? 'OrderedReady';
  if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    causes.push(notSupported('spec.podManagementPolicy', policy, ['OrderedReady', 'Parallel']));
  }
  const strategy = asObj(spec.updateStrategy);
  const type = strategy.type ?? 'RollingUpdate';
  if (type === 'OnDelete' && strategy.rollingUpdate) {
    causes.push(
      invalid(
        'spec.updateStrategy.rollingUpdate',
        goSyntax('apps.RollingUpdateStatefulSetStrategy{...}'),
        "only allowed for updateStrategy 'RollingUpdate'",
      ),
    );
  } else if (type !== 'OnDelete' && type !== 'RollingUpdate') {
    causes.push(
      invalid(
        'spec.updateStrategy',
        goSyntax(`apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(type)}}`),
        "must be 'RollingUpdate' or 'OnDelete'",
      ),
    );
  }
  causes.push(
    ...nonNegative(asObj(strategy.rollingUpdate).partition, 'spec.updateStrategy.rollingUpdate.partition'),
  );
  causes.push(...nonNegative(spec.replicas, 'spec.replicas'));
  causes.push(...validateSelectorAndTemplate(spec, 'statefulset'));
  // Containers mount the volumeClaimTemplates' claims by name: they count as volumes here.
  const template = asObj(spec.template);
  const claimVolumes = asList(spec.volumeClaimTemplates).map((claim) => ({
    name: asObj(claim.metadata).name,
    persistentVolumeClaim: { claimName: asObj(claim.metadata).name },
  }));
  const podSpec = asObj(template.spec);
  const withClaims = {
    ...template,
    spec: { ...podSpec, volumes: [...asList(podSpec.volumes), ...claimVolumes] },
  };
  causes.push(
    ...validatePodTemplate(claimVolumes.length > 0 ? withClaims : spec.template, 'spec.template', ['Always']),
  );
  return causes;
}

export function validateDaemonSet(obj: Obj): StatusCause[] {
  const spec = asObj(obj.spec);
  const causes = validateSelectorAndTemplate(spec, 'daemonset', { selectorRequired: false });
  causes.push(...validatePodTemplate(spec.template, 'spec.template', ['Always']));
  const type = asObj(spec.updateStrategy).type ?? 'RollingUpdate';
  if (type !== 'RollingUpdate' && type !== 'OnDelete') {
    causes.push(notSupported('spec.updateStrategy.type', type, ['OnDelete', 'RollingUpdate']));
  }
  return causes;
}

function validateJobSpec(spec: Obj, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const key of ['parallelism', 'completions', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    causes.push(...nonNegative(spec[key], path(field, key)));
  }
  if (typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds <= 0) {
    causes.push(
      invalid(path(field, 'activeDeadlineSeconds'), spec.activeDeadlineSeconds, 'must be greater than 0'),
    );
  }
  const mode = spec.completionMode ?? 'NonIndexed';
  if (mode !== 'NonIndexed' && mode !== 'Indexed') {
    causes.push(notSupported(path(field, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
  }
  const selector = asSelector(spec.selector);
  if (spec.manualSelector === true && !selector) causes.push(required(path(field, 'selector')));
  if (selector) {
    causes.push(...validateLabelSelector(selector, path(field, 'selector')));
    const labels = asObj(asObj(asObj(spec.template).metadata).labels) as Record<string, string>;
    if (!selectorMatches(selector, labels)) {
      causes.push(
        invalid(
          path(field, 'template', 'metadata', 'labels'),
          labels,
          '`selector` does not match template `labels`',
        ),
      );
    }
  }
  causes.push(...validatePodTemplate(spec.template, path(field, 'template'), ['OnFailure', 'Never']));
  return causes;
}

export function validateJob(obj: Obj): StatusCause[] {
  return validateJobSpec(asObj(obj.spec), 'spec');
}

const SCHEDULE_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** What robfig/cron (the parser Kubernetes uses) says about a schedule, or '' when it parses. */
function scheduleError(schedule: string): string {
  if (/^(CRON_)?TZ=/.test(schedule))
    return 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead';
  if (schedule.startsWith('@')) {
    if (SCHEDULE_MACROS.includes(schedule) || /^@every \d+(ns|us|µs|ms|s|m|h)+/.test(schedule)) return '';
    return `unrecognized descriptor: ${schedule}`;
  }
  const fields = schedule.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  const valid = /^(\*|\?|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?)*$/;
  const bad = fields.find((f) => !valid.test(f));
  return bad
    ? `failed to parse int from ${bad}: strconv.Atoi: parsing ${JSON.stringify(bad)}: invalid syntax`
    : '';
}

export function validateCronJob(obj: Obj): StatusCause[] {
  const spec = asObj(obj.spec);
  const causes: StatusCause[] = [];
  if (typeof spec.schedule !== 'string' || spec.schedule === '') causes.push(required('spec.schedule'));
  else {
    const error = scheduleError(spec.schedule);
    if (error) causes.push(invalid('spec.schedule', spec.schedule, error));
  }
  const policy = spec.concurrencyPolicy ?? 'Allow';
  if (!['Allow', 'Forbid', 'Replace'].includes(String(policy))) {
    causes.push(notSupported('spec.concurrencyPolicy', policy, ['Allow', 'Forbid', 'Replace']));
  }
  for (const key of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    causes.push(...nonNegative(spec[key], path('spec', key)));
  }
  causes.push(...validateJobSpec(asObj(asObj(spec.jobTemplate).spec), 'spec.jobTemplate.spec'));
  return causes;
}
