import createClient, { type Middleware } from 'openapi-fetch'
import type { operations as PartyOps } from './generated/party'
import type { operations as PublicOps, paths as PublicPaths } from './generated/public'
import type { operations as SansheOps, paths as SanshePaths } from './generated/sanshe'
import type { operations as VolunteerOps, paths as VolunteerPaths } from './generated/volunteer'
import { decorate, languageHeader, networkError, toApiError } from './http'
import type { SystemKey } from '@/domain/systems'

/** The order contract's routes, the same under every system's prefix (/api/<system>). */
export interface OrderPaths {
  '/order-types': PublicPaths['/api/public/order-types']
  '/orders': PublicPaths['/api/public/orders']
  '/orders/{orderId}': PublicPaths['/api/public/orders/{orderId}']
  '/orders/{orderId}/{command}': PublicPaths['/api/public/orders/{orderId}/{command}']
  '/orders/statistics': PublicPaths['/api/public/orders/statistics']
  '/residents/{residentId}/orders': PublicPaths['/api/public/residents/{residentId}/orders']
}

// The four documents agree on the order contract: a document that drifts fails the type check.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Contract = 'orderTypes' | 'place' | 'order' | 'act' | 'ofResident' | 'queue' | 'statistics'
type Agrees<Ops extends Record<Contract, unknown>> = { [K in Contract]: Same<Ops[K], PublicOps[K]> }
const documentsAgree: [Agrees<PartyOps>, Agrees<SansheOps>, Agrees<VolunteerOps>] = [
  { orderTypes: true, place: true, order: true, act: true, ofResident: true, queue: true, statistics: true },
  { orderTypes: true, place: true, order: true, act: true, ofResident: true, queue: true, statistics: true },
  { orderTypes: true, place: true, order: true, act: true, ofResident: true, queue: true, statistics: true },
]
void documentsAgree

const headersAndErrors: Middleware = {
  onRequest({ request }) {
    decorate(request.headers)
    return request
  },
  async onResponse({ response }) {
    if (!response.ok) throw await toApiError(response)
    return response
  },
  onError({ error }) {
    return error instanceof Error && error.name === 'ApiError' ? error : networkError(error)
  },
}

function client<Paths extends {}>(baseUrl: string) {
  const c = createClient<Paths>({ baseUrl })
  c.use(headersAndErrors)
  return c
}

const orderClients = {
  party: client<OrderPaths>('/api/party'),
  public: client<OrderPaths>('/api/public'),
  sanshe: client<OrderPaths>('/api/sanshe'),
  volunteer: client<OrderPaths>('/api/volunteer'),
}

/** The order contract under one system's prefix. */
export const ordersOf = (system: SystemKey) => orderClients[system]

/** The public-service system's own API (residents, communities, departments). */
export const publicApi = client<PublicPaths>('')

/** 三社联动's own API: the menu, the organisations, dispatch, social workers, the star rating. */
export const sansheApi = client<SanshePaths>('')

/** 志愿者服务's own API: volunteers, activities and shifts, service records, the time bank, exchange, certificates. */
export const volunteerApi = client<VolunteerPaths>('')

/**
 * The same API without the bearer token, for what anyone may read without signing in (a
 * certificate's verification): the answer must not depend on who asks, and no token is sent.
 */
const anonymousHeaders: Middleware = {
  onRequest({ request }) {
    request.headers.delete('Authorization')
    languageHeader(request.headers)
    return request
  },
  onResponse: headersAndErrors.onResponse,
  onError: headersAndErrors.onError,
}
export const anonymousVolunteerApi = (() => {
  const c = createClient<VolunteerPaths>({ baseUrl: '' })
  c.use(anonymousHeaders)
  return c
})()

/** The data of an openapi-fetch answer; errors were thrown by the middleware already. */
export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call
  if (error !== undefined || data === undefined) throw await toApiError(response, error)
  return data
}
