/** Horizontal pod autoscaling on the simulated resource metrics. */
import type { ClusterExtension } from '../cluster/extensions.ts';
import { HpaController } from './hpa-controller.ts';

export const autoscalingExtension: ClusterExtension = {
  name: 'autoscaling',
  async install(core) {
    await core.controllers.add(new HpaController());
  },
};
