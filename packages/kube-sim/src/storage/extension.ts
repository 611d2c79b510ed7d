/**
 * Storage: the default StorageClass `standard`, the storage admission plugins, dynamic
 * provisioning and binding, expansion and the in-use protection of claims and volumes.
 */
import type { ClusterExtension } from '../cluster/extensions.ts';
import { storageAdmissionPlugins } from './storage-admission.ts';
import { VolumeController } from './volume-controller.ts';
import { VolumeExpander } from './volume-expander.ts';
import { StorageProtectionController } from './storage-protection-controller.ts';

export const storageExtension: ClusterExtension = {
  name: 'storage',
  async install(core) {
    for (const plugin of storageAdmissionPlugins(core.api)) core.admission.register(plugin);
    await core.controllers.add(new VolumeController());
    await core.controllers.add(new VolumeExpander());
    await core.controllers.add(new StorageProtectionController());
  },
};
