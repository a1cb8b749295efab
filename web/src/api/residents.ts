import { data, publicApi } from './clients'
import { getJson } from './http'
import type {
  Community,
  DepartmentView,
  RegisterResidentRequest,
  ResidentSearchResult,
  ResidentView,
} from './types'

export const getResident = (residentId: string): Promise<ResidentView> =>
  data(publicApi.GET('/api/public/residents/{residentId}', { params: { path: { residentId } } }))

export const registerResident = (body: RegisterResidentRequest, idempotencyKey: string): Promise<ResidentView> =>
  data(publicApi.POST('/api/public/residents', { body, headers: { 'Idempotency-Key': idempotencyKey } }))

/** `GET /api/public/residents?communityId=&name=` or `?phone=` (not yet in the documents). */
export const searchResidents = (
  query: { name: string; communityId?: string } | { phone: string },
): Promise<ResidentSearchResult> => getJson<ResidentSearchResult>('/api/public/residents', query)

export const communities = (): Promise<Community[]> => data(publicApi.GET('/api/public/communities'))

export const departments = (): Promise<DepartmentView[]> => data(publicApi.GET('/api/public/departments'))
