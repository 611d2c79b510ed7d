type Setup = typeof import('./monacoSetup');

let loading: Promise<Setup> | null = null;

/** Loads Monaco on first use (a separate chunk); later editors reuse the same instance. */
export function loadMonaco(): Promise<Setup> {
  loading ??= import('./monacoSetup').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
