import { ref, type Ref } from 'vue';
import { ElMessage } from 'element-plus';
import type { NodeSummary } from '../../api/clusterTypes';
import { cordonNode, uncordonNode } from '../../api/nodes';
import { i18n } from '../../locales';
import { confirmDanger } from '../../utils/confirm';
import { showError } from '../../utils/showError';

/** Cordon and uncordon, shared by the node list and the node page. */
export function useNodeActions(cluster: Ref<string>, onChanged: (node: NodeSummary) => void) {
  const { t } = i18n.global;
  const busy = ref('');

  async function setSchedulable(node: string, schedulable: boolean): Promise<void> {
    if (!schedulable) {
      const confirmed = await confirmDanger(
        t('nodes.cordonConfirm', { name: node }),
        t('nodes.cordon'),
        t('nodes.cordon'),
      );
      if (!confirmed) return;
    }
    busy.value = node;
    try {
      const summary = schedulable
        ? await uncordonNode(cluster.value, node)
        : await cordonNode(cluster.value, node);
      ElMessage.success(t(schedulable ? 'nodes.uncordoned' : 'nodes.cordoned', { name: node }));
      onChanged(summary);
    } catch (error) {
      showError(error);
    } finally {
      busy.value = '';
    }
  }

  return { busy, setSchedulable };
}
