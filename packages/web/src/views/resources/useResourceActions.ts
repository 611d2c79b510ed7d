import { computed, reactive, ref, type Ref } from 'vue';
import { ElMessage } from 'element-plus';
import type { ApiResource, KindRef, KubeObject } from '../../api/kubeTypes';
import { deleteResource, mergePatchResource } from '../../api/resources';
import type { YamlTarget } from '../../components/yaml/yamlTarget';
import { i18n } from '../../locales';
import { restartPatch } from '../../models/deployment';
import { kindKey } from '../../models/registry';
import { ALL_SCOPES } from '../../permissions/access';
import { useSessionStore } from '../../stores/session';
import { confirmDanger } from '../../utils/confirm';
import { showError } from '../../utils/showError';

const SCALABLE = new Set(['apps/deployments', 'apps/statefulsets', 'apps/replicasets']);
const RESTARTABLE = new Set(['apps/deployments', 'apps/statefulsets', 'apps/daemonsets']);

/**
 * What a user can do to objects of a kind, shared by the list and the detail page: the YAML
 * dialog, scale, restart and delete, each shown only with the permission and the verb for it.
 */
export function useResourceActions(
  cluster: Ref<string>,
  kind: Ref<KindRef>,
  resource: Ref<ApiResource | null>,
) {
  const session = useSessionStore();
  const { t } = i18n.global;
  const dialogs = reactive({ yaml: false, scale: false });
  const yamlTarget = ref<YamlTarget | null>(null);
  const yamlEditable = ref(false);
  const scaling = ref<KubeObject | null>(null);

  const verbs = computed(() => new Set(resource.value?.verbs ?? []));
  const allowed = (action: 'create' | 'update' | 'delete', verb: string) => {
    const code = resource.value?.permissions[action];
    return Boolean(code && session.can(code, ALL_SCOPES) && verbs.value.has(verb));
  };
  const can = computed(() => ({
    create: allowed('create', 'create'),
    update: allowed('update', 'update'),
    delete: allowed('delete', 'delete'),
    scalable: SCALABLE.has(kindKey(kind.value)),
    restartable: RESTARTABLE.has(kindKey(kind.value)),
  }));

  function openYaml(object: KubeObject, editable: boolean) {
    yamlTarget.value = {
      cluster: cluster.value,
      kind: kind.value,
      kindName: resource.value?.kind ?? object.kind ?? '',
      namespace: object.metadata.namespace,
      name: object.metadata.name,
    };
    yamlEditable.value = editable && can.value.update;
    dialogs.yaml = true;
  }

  function openScale(object: KubeObject) {
    scaling.value = object;
    dialogs.scale = true;
  }

  async function restart(object: KubeObject): Promise<boolean> {
    const { name, namespace } = object.metadata;
    const confirmed = await confirmDanger(
      t('resources.restartConfirm', { name }),
      t('resources.restart'),
      t('resources.restart'),
    );
    if (!confirmed) return false;
    try {
      await mergePatchResource(cluster.value, kind.value, namespace, name, restartPatch());
      ElMessage.success(t('resources.restarted', { name }));
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  }

  async function remove(object: KubeObject): Promise<boolean> {
    const { name, namespace } = object.metadata;
    const kindName = resource.value?.kind ?? kind.value.resource;
    const confirmed = await confirmDanger(
      t('resources.deleteConfirm', { kind: kindName, name }),
      t('common.delete'),
    );
    if (!confirmed) return false;
    try {
      await deleteResource(cluster.value, kind.value, namespace, name);
      ElMessage.success(t('resources.deleted', { kind: kindName, name }));
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  }

  return { can, dialogs, yamlTarget, yamlEditable, scaling, openYaml, openScale, restart, remove };
}
