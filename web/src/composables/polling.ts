import { onBeforeUnmount, onMounted } from 'vue'

/**
 * Calls `tick` every `intervalMs` while the page is visible (document.visibilityState), at once
 * when it becomes visible again, and never twice at the same time. Stops with the component.
 */
export function startPolling(tick: () => Promise<unknown>, intervalMs = 5000) {
  let timer: ReturnType<typeof setTimeout> | null = null
  let running = false
  let stopped = false

  const schedule = () => {
    if (stopped || document.visibilityState !== 'visible') return
    if (timer) clearTimeout(timer)
    timer = setTimeout(run, intervalMs)
  }
  async function run() {
    timer = null
    if (stopped || running || document.visibilityState !== 'visible') return
    running = true
    try {
      await tick()
    } catch {
      // the view shows its own error; polling goes on
    } finally {
      running = false
      schedule()
    }
  }
  const onVisibility = () => {
    if (document.visibilityState === 'visible') void run()
    else if (timer) {
      clearTimeout(timer)
      timer = null
    }
  }
  document.addEventListener('visibilitychange', onVisibility)
  schedule()
  return function stop() {
    stopped = true
    if (timer) clearTimeout(timer)
    document.removeEventListener('visibilitychange', onVisibility)
  }
}

export function usePolling(tick: () => Promise<unknown>, intervalMs = 5000) {
  let stop: (() => void) | null = null
  onMounted(() => (stop = startPolling(tick, intervalMs)))
  onBeforeUnmount(() => stop?.())
}
