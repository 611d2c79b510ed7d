/**
 * autoscaling/v2 behavior (normalizeDesiredReplicasWithBehaviors): the stabilization windows
 * over recent recommendations, then the scale-up/scale-down rate policies over the scale
 * events of their periods, clamped to min/max — with the condition reasons the real
 * controller sets on AbleToScale and ScalingLimited.
 */

export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: ScalingPolicy[];
}

export interface Behavior {
  scaleUp?: ScalingRules;
  scaleDown?: ScalingRules;
}

interface Timestamped {
  atMs: number;
  value: number;
}

export interface Outcome {
  replicas: number;
  ableToScale: { reason: string; message: string };
  limited: { status: 'True' | 'False'; reason: string; message: string };
}

const DEFAULT_UP: ScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const DEFAULT_DOWN: ScalingRules = {
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

/** What one HPA remembers between syncs: recent recommendations and scale events. */
export class ScalingHistory {
  private recommendations: Timestamped[] = [];
  private upEvents: Timestamped[] = [];
  private downEvents: Timestamped[] = [];

  normalize(
    behavior: Behavior | undefined,
    current: number,
    desired: number,
    min: number,
    max: number,
    nowMs: number,
  ): Outcome {
    const up = { ...DEFAULT_UP, ...(behavior?.scaleUp ?? {}) };
    const down = { ...DEFAULT_DOWN, ...(behavior?.scaleDown ?? {}) };
    const stabilized = this.stabilize(up, down, current, desired, nowMs);
    const ableToScale =
      stabilized !== desired
        ? desired >= current
          ? {
              reason: 'ScaleUpStabilized',
              message:
                'recent recommendations were lower than current one, applying the lowest recent recommendation',
            }
          : {
              reason: 'ScaleDownStabilized',
              message:
                'recent recommendations were higher than current one, applying the highest recent recommendation',
            }
        : { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
    const limited = this.limitRate(up, down, current, stabilized, min, max, nowMs);
    return {
      replicas: limited.replicas,
      ableToScale,
      limited: {
        status: limited.replicas === stabilized ? 'False' : 'True',
        reason: limited.reason,
        message: limited.message,
      },
    };
  }

  /** Remembers a rescale for the rate policies. */
  recordScale(from: number, to: number, nowMs: number): void {
    if (to > from) this.upEvents.push({ atMs: nowMs, value: to - from });
    if (to < from) this.downEvents.push({ atMs: nowMs, value: from - to });
  }

  private stabilize(
    up: ScalingRules,
    down: ScalingRules,
    current: number,
    desired: number,
    nowMs: number,
  ): number {
    const upCutoff = nowMs - (up.stabilizationWindowSeconds ?? 0) * 1000;
    const downCutoff = nowMs - (down.stabilizationWindowSeconds ?? 300) * 1000;
    let upRecommendation = desired;
    let downRecommendation = desired;
    for (const rec of this.recommendations) {
      if (rec.atMs > upCutoff) upRecommendation = Math.min(rec.value, upRecommendation);
      if (rec.atMs > downCutoff) downRecommendation = Math.max(rec.value, downRecommendation);
    }
    this.recommendations = this.recommendations.filter((r) => r.atMs > Math.min(upCutoff, downCutoff));
    this.recommendations.push({ atMs: nowMs, value: desired });
    let recommendation = current;
    if (recommendation < upRecommendation) recommendation = upRecommendation;
    if (recommendation > downRecommendation) recommendation = downRecommendation;
    return recommendation;
  }

  private changeInPeriod(events: Timestamped[], periodSeconds: number, nowMs: number): number {
    const cutoff = nowMs - periodSeconds * 1000;
    return events.filter((e) => e.atMs > cutoff).reduce((sum, e) => sum + e.value, 0);
  }

  private limit(rules: ScalingRules, current: number, nowMs: number, direction: 'up' | 'down'): number {
    if (rules.selectPolicy === 'Disabled') return current;
    const pick = (rules.selectPolicy === 'Min') === (direction === 'up') ? Math.min : Math.max;
    let result = (rules.selectPolicy === 'Min') === (direction === 'up') ? Infinity : -Infinity;
    for (const policy of rules.policies ?? []) {
      const periodStart =
        current -
        this.changeInPeriod(this.upEvents, policy.periodSeconds, nowMs) +
        this.changeInPeriod(this.downEvents, policy.periodSeconds, nowMs);
      const proposed =
        direction === 'up'
          ? policy.type === 'Pods'
            ? periodStart + policy.value
            : Math.ceil(periodStart * (1 + policy.value / 100))
          : policy.type === 'Pods'
            ? periodStart - policy.value
            : Math.trunc(periodStart * (1 - policy.value / 100));
      result = pick(result, proposed);
    }
    return result;
  }

  private limitRate(
    up: ScalingRules,
    down: ScalingRules,
    current: number,
    desired: number,
    min: number,
    max: number,
    nowMs: number,
  ) {
    this.upEvents = this.upEvents.filter((e) => e.atMs > nowMs - longestPeriod(up) * 1000);
    this.downEvents = this.downEvents.filter((e) => e.atMs > nowMs - longestPeriod(down) * 1000);
    if (desired > current) {
      const upLimit = Math.max(current, this.limit(up, current, nowMs, 'up'));
      const [allowed, reason, message] =
        max > upLimit
          ? [
              upLimit,
              'ScaleUpLimit',
              'the desired replica count is increasing faster than the maximum scale rate',
            ]
          : [max, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
      if (desired > allowed) return { replicas: allowed, reason, message };
    } else if (desired < current) {
      const downLimit = Math.min(current, this.limit(down, current, nowMs, 'down'));
      const [allowed, reason, message] =
        min < downLimit
          ? [
              downLimit,
              'ScaleDownLimit',
              'the desired replica count is decreasing faster than the maximum scale rate',
            ]
          : [min, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
      if (desired < allowed) return { replicas: allowed, reason, message };
    }
    return {
      replicas: desired,
      reason: 'DesiredWithinRange',
      message: 'the desired count is within the acceptable range',
    };
  }
}

function longestPeriod(rules: ScalingRules): number {
  return Math.max(0, ...(rules.policies ?? []).map((p) => p.periodSeconds));
}
