import { data, publicApi } from './clients'
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

/** By name (in a community) or by the full mobile number; at most 20, masked. */
export const searchResidents = (
  query: { name: string; communityId?: string } | { phone: string },
): Promise<ResidentSearchResult> => data(publicApi.GET('/api/public/residents', { params: { query } }))

export const communities = (): Promise<Community[]> => data(publicApi.GET('/api/public/communities'))

export const departments = (): Promise<DepartmentView[]> => data(publicApi.GET('/api/public/departments'))
