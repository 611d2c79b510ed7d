export interface ReadinessCheck {
  name: string;
  ok: boolean;
  /** `ok`, or why the check fails (`[-]etcd failed: reason withheld` → `failed: reason withheld`). */
  message: string;
}

/** The lines of a verbose /readyz answer: `[+]etcd ok`, `[-]informer-sync failed: …`. */
export function parseReadyz(body: string): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [];
  for (const line of body.split('\n')) {
    const match = /^\[([+-])\](\S+)\s*(.*)$/.exec(line.trim());
    if (match)
      checks.push({
        name: match[2]!,
        ok: match[1] === '+',
        message: match[3]!.trim() || (match[1] === '+' ? 'ok' : 'failed'),
      });
  }
  return checks;
}
