import { onBeforeUnmount, ref } from 'vue'

/** Whether the window is wide (a PC): a resident's order then comes through WEB, else APP. */
export function useWideScreen(minWidth = 1024) {
  const query = window.matchMedia(`(min-width: ${minWidth}px)`)
  const wide = ref(query.matches)
  const update = (e: MediaQueryListEvent) => (wide.value = e.matches)
  query.addEventListener('change', update)
  onBeforeUnmount(() => query.removeEventListener('change', update))
  return wide
}
