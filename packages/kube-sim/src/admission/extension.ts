/**
 * Admission control of compute and object usage: LimitRanger (defaults and bounds, in the
 * normal plugin order) and ResourceQuota (pinned last, so LimitRanger's defaults count and no
 * later plugin can refuse a request after it was charged), plus the quota controller.
 */
import type { ClusterExtension } from '../cluster/extensions.ts';
import { limitRangerPlugin } from './limit-ranger-plugin.ts';
import { resourceQuotaPlugin } from './resource-quota-plugin.ts';
import { ResourceQuotaController } from './resource-quota-controller.ts';

export const quotaAdmissionExtension: ClusterExtension = {
  name: 'quota-admission',
  async install(core) {
    core.admission.register(limitRangerPlugin(core.api));
    core.admission.register(resourceQuotaPlugin(core.api), { last: true });
    await core.controllers.add(new ResourceQuotaController());
  },
};
