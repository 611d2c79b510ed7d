/**
 * Label selectors and label maps printed the way apimachinery's Selector.String() and
 * labels.FormatLabels print them: requirements sorted by key, `k=v`, `k in (a,b)`, `k`, `!k`.
 */

interface Requirement {
  key?: string;
  operator?: string;
  values?: string[];
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Requirement[];
}

/** The selector as a string; '' for an empty (or absent) selector. */
export function selectorString(selector: unknown): string {
  if (!selector || typeof selector !== 'object') return '';
  const { matchLabels = {}, matchExpressions = [] } = selector as LabelSelector;
  const parts: Array<[string, string]> = Object.entries(matchLabels).map(([k, v]) => [k, `${k}=${v}`]);
  for (const req of matchExpressions) {
    const key = req.key ?? '';
    const values = [...(req.values ?? [])].sort().join(',');
    switch (req.operator) {
      case 'In':
        parts.push([key, `${key} in (${values})`]);
        break;
      case 'NotIn':
        parts.push([key, `${key} notin (${values})`]);
        break;
      case 'Exists':
        parts.push([key, key]);
        break;
      case 'DoesNotExist':
        parts.push([key, `!${key}`]);
        break;
    }
  }
  return parts
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, text]) => text)
    .join(',');
}

/** metav1.FormatLabelSelector: like selectorString but `<none>` when empty. */
export function formatLabelSelector(selector: unknown): string {
  return selectorString(selector) || '<none>';
}

/** labels.FormatLabels: `a=b,c=d` sorted by key, `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  if (!labels || typeof labels !== 'object') return '<none>';
  const entries = Object.entries(labels as Record<string, string>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}
