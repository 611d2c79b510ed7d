import { onBeforeUnmount, ref, shallowRef, type Ref } from 'vue';
import type { KindRef, KubeObject } from '../../api/kubeTypes';
import { getResource } from '../../api/resources';
import { stream, type StreamSubscription } from '../../api/stream';

/**
 * One object, read from the cluster and then kept current by the stream: a pod's status changes
 * on its page as the kubelet reports it; a deletion is noticed.
 */
export function useLiveObject(
  cluster: Ref<string>,
  kind: Ref<KindRef>,
  namespace: Ref<string>,
  name: Ref<string>,
) {
  const object = shallowRef<KubeObject | null>(null);
  const error = ref<unknown>(null);
  const deleted = ref(false);
  const loading = ref(false);
  let subscription: StreamSubscription | null = null;

  async function load(): Promise<void> {
    loading.value = true;
    try {
      object.value = await getResource(cluster.value, kind.value, namespace.value || undefined, name.value);
      error.value = null;
      deleted.value = false;
      follow(object.value.metadata.resourceVersion);
    } catch (failure) {
      error.value = failure;
    } finally {
      loading.value = false;
    }
  }

  function follow(resourceVersion: string | undefined) {
    if (subscription) return;
    subscription = stream.subscribe(
      { cluster: cluster.value, ...kind.value, ...(namespace.value && { namespace: namespace.value }) },
      {
        onEvent: (event) => {
          if (event.object.metadata.name !== name.value) return;
          if (event.type === 'DELETED') deleted.value = true;
          else {
            object.value = event.object;
            deleted.value = false;
          }
        },
        onResync: async () => {
          await load();
          subscription?.resumeFrom(object.value?.metadata.resourceVersion ?? '');
        },
      },
      resourceVersion,
    );
  }

  onBeforeUnmount(() => {
    subscription?.close();
    subscription = null;
  });

  return { object, error, deleted, loading, load };
}
