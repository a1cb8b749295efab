/** What the gateway tells the app at `GET /app-config.json`. */
export interface AppConfig {
  issuer: string
  clientId: string
}

let loaded: Promise<AppConfig> | null = null

export function appConfig(): Promise<AppConfig> {
  loaded ??= fetchConfig().catch((e) => {
    loaded = null
    throw e
  })
  return loaded
}

async function fetchConfig(): Promise<AppConfig> {
  // a gateway that does not answer must not leave the app waiting for ever: the caller retries
  const response = await fetch('/app-config.json', {
    headers: { Accept: 'application/json' },
    signal: AbortSignal.timeout(10_000),
  })
  if (response.ok) {
    const body = (await response.json()) as Partial<AppConfig>
    if (body.issuer && body.clientId) return { issuer: body.issuer, clientId: body.clientId }
  }
  if (import.meta.env.DEV) {
    // the dev server against a gateway that does not serve it yet: the local stack's provider
    console.warn('GET /app-config.json answered', response.status, '- using the local provider')
    return { issuer: 'http://localhost:9000', clientId: 'fourinone-web' }
  }
  throw new Error(`GET /app-config.json answered ${response.status}`)
}
