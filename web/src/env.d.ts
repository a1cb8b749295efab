/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "true": sign in against the provider directly, without the dev server's /oidc proxy. */
  readonly VITE_OIDC_DIRECT?: string
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Message key of the page title. */
    title?: string
    /** Roles that may open the page; absent: anyone, signed in or not. */
    roles?: import('./auth/claims').Role[]
    /** The page needs no sign-in. */
    public?: boolean
  }
}

export {}
