import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts'
import { appConfig } from '@/config'

/**
 * The OIDC client (authorization code + PKCE, oidc-client-ts). Tokens live in sessionStorage and
 * never in a URL; the access token is renewed silently before it expires.
 */
let manager: Promise<UserManager> | null = null

/**
 * On the Vite dev server the provider's back-channel endpoints (discovery, token, revocation,
 * user info) are reached through its proxy at /oidc, since the local provider sends no CORS
 * headers; the browser still navigates to the provider itself to sign in and out.
 */
const DEV_PROXY = import.meta.env.DEV && import.meta.env.VITE_OIDC_DIRECT !== 'true'

export function userManager(): Promise<UserManager> {
  manager ??= appConfig().then(({ issuer, clientId }) => {
    const origin = window.location.origin
    const viaProxy = (path: string) => `${origin}/oidc${path}`
    const um = new UserManager({
      authority: issuer,
      client_id: clientId,
      redirect_uri: `${origin}/callback`,
      silent_redirect_uri: `${origin}/silent-renew.html`,
      post_logout_redirect_uri: `${origin}/`,
      response_type: 'code',
      scope: 'openid profile',
      automaticSilentRenew: true,
      loadUserInfo: false,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
      ...(DEV_PROXY
        ? {
            metadataUrl: viaProxy('/.well-known/openid-configuration'),
            metadataSeed: {
              token_endpoint: viaProxy('/oauth2/token'),
              revocation_endpoint: viaProxy('/oauth2/revoke'),
              userinfo_endpoint: viaProxy('/userinfo'),
              jwks_uri: viaProxy('/oauth2/jwks'),
            },
          }
        : {}),
    })
    return um
  })
  manager.catch(() => (manager = null))
  return manager
}

/** Where to go after signing in, carried through the provider in the state (not in the URL). */
export interface SignInState {
  returnTo?: string
}

export async function signIn(returnTo?: string): Promise<void> {
  const um = await userManager()
  await um.signinRedirect({ state: { returnTo } satisfies SignInState })
}

export async function completeSignIn(): Promise<User> {
  const um = await userManager()
  return um.signinRedirectCallback()
}

export async function signOut(): Promise<void> {
  const um = await userManager()
  const user = await um.getUser()
  await um.removeUser()
  await um.signoutRedirect({ id_token_hint: user?.id_token })
}

export async function currentUser(): Promise<User | null> {
  const um = await userManager()
  const user = await um.getUser()
  return user && !user.expired ? user : null
}
