import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { menu as loadMenu } from '@/api/sanshe'
import { communities as loadCommunities } from '@/api/residents'
import type { Community, MenuView } from '@/api/types'
import { nameIn } from '@/domain/sanshe'

/**
 * The menu's names (categories and items, in the interface language) and the district's communities,
 * for the staff screens that show codes; read once per page load, the screens fall back to the codes.
 */
let menuCall: Promise<MenuView | null> | null = null
let communitiesCall: Promise<Community[]> | null = null
const menuView = ref<MenuView | null>(null)
const communityList = ref<Community[]>([])

export function useSansheCatalogue() {
  const { locale } = useI18n()
  menuCall ??= loadMenu()
    .then((m) => (menuView.value = m))
    .catch(() => {
      menuCall = null
      return null
    })
  communitiesCall ??= loadCommunities()
    .then((c) => (communityList.value = c))
    .catch(() => {
      communitiesCall = null
      return []
    })

  const categories = computed(() => menuView.value?.menu ?? [])
  const items = computed(() => categories.value.flatMap((c) => c.items ?? []))
  const itemName = (code: string | undefined) => {
    const item = items.value.find((i) => i.code === code)
    return item ? nameIn(item, locale.value) : (code ?? '')
  }
  const categoryName = (code: string | undefined) => {
    const c = categories.value.find((x) => x.code === code)
    return c ? nameIn(c, locale.value) : (code ?? '')
  }
  const streets = computed(() => {
    const seen = new Map<string, string>()
    for (const c of communityList.value) if (c.streetId && !seen.has(c.streetId)) seen.set(c.streetId, c.streetName ?? c.streetId)
    return [...seen].map(([streetId, name]) => ({ streetId, name }))
  })
  const communityName = (id: string | undefined) => communityList.value.find((c) => c.communityId === id)?.name ?? id ?? ''
  return { categories, items, itemName, categoryName, communities: communityList, streets, communityName }
}
