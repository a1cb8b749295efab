import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { User } from 'oidc-client-ts'
import { principalOf, type Principal } from './claims'
import { currentUser, signIn, signOut, userManager } from './oidc'
import { useElderStore } from '@/stores/elder'

/** The signed-in user: the ID token's profile as a Principal, and the access token for the API. */
export const useSession = defineStore('session', () => {
  const user = shallowRef<User | null>(null)
  const ready = ref(false)
  const expired = ref(false)

  const principal = computed<Principal | null>(() =>
    user.value ? principalOf(user.value.profile as Record<string, unknown>) : null,
  )
  const signedIn = computed(() => !!user.value)

  function adopt(u: User | null) {
    user.value = u
    if (u) expired.value = false
    useElderStore().setUser(u ? String(u.profile.sub) : null)
  }

  async function init() {
    if (ready.value) return
    try {
      const um = await userManager()
      um.events.addUserLoaded((u) => adopt(u))
      um.events.addUserUnloaded(() => adopt(null))
      um.events.addAccessTokenExpired(() => {
        expired.value = true
        adopt(null)
      })
      adopt(await currentUser())
    } catch (e) {
      console.error('sign-in is not available', e)
    } finally {
      ready.value = true
    }
  }

  /** The access token to send, or null when there is none that is still valid. */
  function accessToken(): string | null {
    const u = user.value
    return u && !u.expired ? u.access_token : null
  }

  return {
    user,
    principal,
    signedIn,
    ready,
    expired,
    init,
    adopt,
    accessToken,
    signIn: (returnTo?: string) => signIn(returnTo),
    signOut: () => signOut(),
  }
})
