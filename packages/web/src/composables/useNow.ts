import { onBeforeUnmount, ref } from 'vue';

/** The current time, ticking: ages ("5m") in tables move on without a reload. */
export function useNow(intervalMs = 5_000) {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), intervalMs);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}
