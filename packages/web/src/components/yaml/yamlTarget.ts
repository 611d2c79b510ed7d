import type { KindRef } from '../../api/kubeTypes';

/** Which object the YAML dialog opens: the kind's URL parts, its Kind (for the schema), where. */
export interface YamlTarget {
  cluster: string;
  kind: KindRef;
  kindName: string;
  namespace?: string;
  name: string;
}
