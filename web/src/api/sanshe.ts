import { data, sansheApi } from './clients'
import type {
  DispatchView,
  EntryView,
  LegalRepresentativeView,
  MenuView,
  OfferRequest,
  OrganisationView,
  PageOfDispatchView,
  PageOfOrganisationView,
  PageOfWorkerView,
  RegisterOrganisationRequest,
  RoundView,
  WorkerView,
} from './types'

/** 三社联动's own API (sanshe-service, /api/sanshe): menu, registry, dispatch, workers, rating. */

// ---- the menu ----

/** The 12 categories and their items, with the organisations serving the community (a resident's own). */
export const menu = (communityId?: string): Promise<MenuView> =>
  data(sansheApi.GET('/api/sanshe/menu', { params: { query: { communityId } } }))

// ---- the registry ----

export interface OrganisationQuery {
  kind?: string
  status?: string
  communityId?: string
  item?: string
  page?: number
  size?: number
}

export const organisations = (query: OrganisationQuery): Promise<PageOfOrganisationView> =>
  data(sansheApi.GET('/api/sanshe/organisations', { params: { query } }))

export const organisation = (organisationId: string): Promise<OrganisationView> =>
  data(sansheApi.GET('/api/sanshe/organisations/{organisationId}', { params: { path: { organisationId } } }))

export const registerOrganisation = (body: RegisterOrganisationRequest, idempotencyKey: string): Promise<OrganisationView> =>
  data(
    sansheApi.POST('/api/sanshe/organisations', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
  )

/** The legal representative in clear (the district, the organisation's own staff); the read is audited. */
export const legalRepresentative = (organisationId: string): Promise<LegalRepresentativeView> =>
  data(
    sansheApi.GET('/api/sanshe/organisations/{organisationId}/legal-representative', {
      params: { path: { organisationId } },
    }),
  )

export const publishOffer = (organisationId: string, item: string, body: OfferRequest): Promise<OrganisationView> =>
  data(sansheApi.PUT('/api/sanshe/organisations/{organisationId}/offers/{item}', { params: { path: { organisationId, item } }, body }))

export const withdrawOffer = (organisationId: string, item: string): Promise<OrganisationView> =>
  data(sansheApi.DELETE('/api/sanshe/organisations/{organisationId}/offers/{item}', { params: { path: { organisationId, item } } }))

export const changeStatus = (organisationId: string, status: string, reason: string): Promise<OrganisationView> =>
  data(
    sansheApi.POST('/api/sanshe/organisations/{organisationId}/status', {
      params: { path: { organisationId } },
      body: { status, reason },
    }),
  )

export const recordInspection = (
  organisationId: string,
  body: { year: number; result: string; note?: string },
): Promise<OrganisationView> =>
  data(sansheApi.POST('/api/sanshe/organisations/{organisationId}/inspections', { params: { path: { organisationId } }, body }))

export const reportPartyCheck = (
  organisationId: string,
  body: { year: number; hasBranch: boolean; branchName?: string; activities: number },
): Promise<OrganisationView> =>
  data(sansheApi.POST('/api/sanshe/organisations/{organisationId}/party-checks', { params: { path: { organisationId } }, body }))

// ---- dispatch ----

export const dispatches = (query: { state?: string; page?: number; size?: number }): Promise<PageOfDispatchView> =>
  data(sansheApi.GET('/api/sanshe/dispatches', { params: { query } }))

export const dispatch = (orderId: string): Promise<DispatchView> =>
  data(sansheApi.GET('/api/sanshe/dispatches/{orderId}', { params: { path: { orderId } } }))

export const acceptDispatch = (orderId: string): Promise<DispatchView> =>
  data(sansheApi.POST('/api/sanshe/dispatches/{orderId}/accept', { params: { path: { orderId } } }))

export const declineDispatch = (orderId: string, reason: string): Promise<DispatchView> =>
  data(sansheApi.POST('/api/sanshe/dispatches/{orderId}/decline', { params: { path: { orderId } }, body: { reason } }))

export const assignWorker = (orderId: string, workerId: string, note?: string): Promise<DispatchView> =>
  data(sansheApi.POST('/api/sanshe/dispatches/{orderId}/worker', { params: { path: { orderId } }, body: { workerId, note } }))

// ---- social workers ----

export const socialWorkers = (query: { organisationId?: string; communityId?: string; page?: number; size?: number }): Promise<PageOfWorkerView> =>
  data(sansheApi.GET('/api/sanshe/social-workers', { params: { query } }))

export const socialWorker = (workerId: string): Promise<WorkerView> =>
  data(sansheApi.GET('/api/sanshe/social-workers/{workerId}', { params: { path: { workerId } } }))

// ---- the star rating (星级评定) ----

export const rounds = (): Promise<RoundView[]> => data(sansheApi.GET('/api/sanshe/evaluation-rounds'))

export const round = (roundId: string): Promise<RoundView> =>
  data(sansheApi.GET('/api/sanshe/evaluation-rounds/{roundId}', { params: { path: { roundId } } }))

export const openRound = (year: number): Promise<RoundView> =>
  data(sansheApi.POST('/api/sanshe/evaluation-rounds', { body: { year } }))

export const advanceRound = (roundId: string, stage: string): Promise<RoundView> =>
  data(sansheApi.POST('/api/sanshe/evaluation-rounds/{roundId}/stage', { params: { path: { roundId } }, body: { stage } }))

export const recommend = (
  roundId: string,
  body: { organisationId: string; influence: number; activitiesHeld: number; note?: string },
): Promise<EntryView> =>
  data(sansheApi.POST('/api/sanshe/evaluation-rounds/{roundId}/recommendations', { params: { path: { roundId } }, body }))

export const streetReview = (roundId: string, organisationId: string, approved: boolean, note?: string): Promise<EntryView> =>
  data(
    sansheApi.POST('/api/sanshe/evaluation-rounds/{roundId}/entries/{organisationId}/street-review', {
      params: { path: { roundId, organisationId } },
      body: { approved, note },
    }),
  )

export const districtReview = (roundId: string, organisationId: string, approved: boolean, note?: string): Promise<EntryView> =>
  data(
    sansheApi.POST('/api/sanshe/evaluation-rounds/{roundId}/entries/{organisationId}/district-review', {
      params: { path: { roundId, organisationId } },
      body: { approved, note },
    }),
  )

export const decideElimination = (roundId: string, organisationId: string, eliminate: boolean, reason: string): Promise<EntryView> =>
  data(
    sansheApi.POST('/api/sanshe/evaluation-rounds/{roundId}/entries/{organisationId}/elimination', {
      params: { path: { roundId, organisationId } },
      body: { eliminate, reason },
    }),
  )
