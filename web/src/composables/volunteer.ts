import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { communities as loadCommunities } from '@/api/residents'
import { isApiError } from '@/api/problem'
import type { Community, SkillView, VolunteerView } from '@/api/types'
import { myVolunteer, skills as loadSkills } from '@/api/volunteer'
import { skillName } from '@/domain/volunteer'

/**
 * The skills catalogue and the district's communities, read once per page load for the 志愿者服务
 * screens (a failed read is tried again by the next screen that asks); names fall back to codes.
 */
let skillsCall: Promise<SkillView[]> | null = null
let communitiesCall: Promise<Community[]> | null = null
const skillList = ref<SkillView[]>([])
const communityList = ref<Community[]>([])

export function useVolunteerCatalogue() {
  const { locale } = useI18n()
  skillsCall ??= loadSkills()
    .then((s) => (skillList.value = s))
    .catch(() => {
      skillsCall = null
      return []
    })
  communitiesCall ??= loadCommunities()
    .then((c) => (communityList.value = c))
    .catch(() => {
      communitiesCall = null
      return []
    })
  const skillGroups = computed(() => {
    const groups = new Map<string, SkillView[]>()
    for (const s of skillList.value) {
      const g = s.group ?? ''
      if (!groups.has(g)) groups.set(g, [])
      groups.get(g)!.push(s)
    }
    return [...groups].map(([group, list]) => ({ group, skills: list }))
  })
  return {
    skills: skillList,
    skillGroups,
    communities: communityList,
    skillName: (code: string | undefined) => skillName(skillList.value, code, locale.value),
    communityName: (id: string | undefined) => communityList.value.find((c) => c.communityId === id)?.name ?? id ?? '',
    ready: () => Promise.all([skillsCall, communitiesCall]),
  }
}

/**
 * The signed-in user's own volunteer file (GET /volunteers/me): null while unknown or when they
 * have none (`notRegistered`), reloaded on demand (after registering, after a check-in).
 */
export function useMyVolunteer() {
  const me = ref<VolunteerView | null>(null)
  const loading = ref(true)
  const notRegistered = ref(false)
  const error = ref<unknown>(null)
  async function load() {
    error.value = null
    try {
      me.value = await myVolunteer()
      notRegistered.value = false
    } catch (e) {
      me.value = null
      if (isApiError(e) && e.status === 404) notRegistered.value = true
      else error.value = e
    } finally {
      loading.value = false
    }
  }
  const volunteerId = computed(() => me.value?.volunteerId ?? '')
  const active = computed(() => me.value?.status === 'ACTIVE')
  return { me, loading, notRegistered, error, load, volunteerId, active }
}

/**
 * Where the browser says the device is, if the user lets it: null when geolocation is missing,
 * refused, or slower than `timeoutMs` (the check-in goes on without a place; the server flags it).
 */
export function currentPosition(timeoutMs = 8000): Promise<{ lat: number; lng: number } | null> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(null)
  return new Promise((resolve) => {
    let done = false
    const finish = (v: { lat: number; lng: number } | null) => {
      if (done) return
      done = true
      clearTimeout(guard)
      resolve(v)
    }
    const guard = setTimeout(() => finish(null), timeoutMs + 500)
    try {
      navigator.geolocation.getCurrentPosition(
        (p) => finish({ lat: p.coords.latitude, lng: p.coords.longitude }),
        () => finish(null),
        { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
      )
    } catch {
      finish(null)
    }
  })
}
