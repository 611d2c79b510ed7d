/**
 * FitError.Error() of kube-scheduler 1.33: a histogram of the filter reasons, sorted as strings,
 * then the DefaultPreemption post-filter's own histogram. Preemption is not simulated: nodes
 * rejected for resources get "No preemption victims found for incoming pod" (true while every
 * pod has the same priority), the others "Preemption is not helpful for scheduling".
 */
import type { FilterFailure } from './filters.ts';

export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';

function histogram(counts: Map<string, number>): string {
  return [...counts]
    .map(([reason, count]) => `${count} ${reason}`)
    .sort()
    .join(', ');
}

export function fitErrorMessage(
  totalNodes: number,
  failures: readonly FilterFailure[],
  options: { preemptionPolicy?: string } = {},
): string {
  const reasons = new Map<string, number>();
  const preemption = new Map<string, number>();
  for (const failure of failures) {
    for (const reason of failure.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    const outcome =
      failure.code === 'UnschedulableAndUnresolvable'
        ? 'Preemption is not helpful for scheduling'
        : 'No preemption victims found for incoming pod';
    preemption.set(outcome, (preemption.get(outcome) ?? 0) + 1);
  }
  let message = `0/${totalNodes} nodes are available:`;
  const filterPart = histogram(reasons);
  if (filterPart !== '') message += ` ${filterPart}.`;
  const postFilter =
    options.preemptionPolicy === 'Never'
      ? 'preemption: not eligible due to preemptionPolicy=Never.'
      : `preemption: 0/${totalNodes} nodes are available: ${histogram(preemption)}.`;
  return `${message} ${postFilter}`;
}
