import { anonymousVolunteerApi, data, volunteerApi } from './clients'
import { toApiError } from './http'
import type {
  AccountView,
  ActivityView,
  ApprovalOutcome,
  CertificateView,
  CheckInCode,
  CheckInRequest,
  DeclareRequest,
  ExchangeItemView,
  NeedView,
  PageOfActivityView,
  PageOfNeedView,
  PageOfRecordView,
  PageOfRedemptionView,
  PageOfVolunteerView,
  Position,
  PublishActivityRequest,
  RecordView,
  RedeemRequest,
  RedemptionView,
  RegisterVolunteerRequest,
  SignUpOutcome,
  SkillView,
  StatementView,
  TransactionView,
  TransferRequest,
  VerificationView,
  VolunteerView,
} from './types'

/** 志愿者服务's own API (volunteer-service, /api/volunteer): volunteers, shifts, hours, the time bank. */

// ---- volunteers ----

/** The district's catalogue of volunteer skills (服务技能). */
export const skills = (): Promise<SkillView[]> => data(volunteerApi.GET('/api/volunteer/skills'))

export const registerVolunteer = (body: RegisterVolunteerRequest, idempotencyKey: string): Promise<VolunteerView> =>
  data(volunteerApi.POST('/api/volunteer/volunteers', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body }))

/** The caller's own volunteer file; 404 (`volunteer.not-registered`) when they have none. */
export const myVolunteer = (): Promise<VolunteerView> => data(volunteerApi.GET('/api/volunteer/volunteers/me'))

export const volunteer = (volunteerId: string): Promise<VolunteerView> =>
  data(volunteerApi.GET('/api/volunteer/volunteers/{volunteerId}', { params: { path: { volunteerId } } }))

export const volunteers = (query: { communityId?: string; status?: string; skill?: string; page?: number; size?: number }): Promise<PageOfVolunteerView> =>
  data(volunteerApi.GET('/api/volunteer/volunteers', { params: { query } }))

/** 审核通过 / 暂停 / 恢复 / 退出, with the reason (who decided is the caller). */
export const changeVolunteerStatus = (volunteerId: string, status: string, reason: string): Promise<VolunteerView> =>
  data(volunteerApi.POST('/api/volunteer/volunteers/{volunteerId}/status', { params: { path: { volunteerId } }, body: { status, reason } }))

// ---- activities and shifts ----

export const activities = (query: { communityId?: string; upcoming?: boolean; page?: number; size?: number }): Promise<PageOfActivityView> =>
  data(volunteerApi.GET('/api/volunteer/activities', { params: { query } }))

export const publishActivity = (body: PublishActivityRequest): Promise<ActivityView> =>
  data(volunteerApi.POST('/api/volunteer/activities', { body }))

/** 报名: 201 a place (CONFIRMED), 202 the waiting list (WAITLISTED, with the position); 409 an overlap. */
export const signUp = (activityId: string, shiftId: string, volunteerId?: string): Promise<SignUpOutcome> =>
  data(
    volunteerApi.POST('/api/volunteer/activities/{activityId}/shifts/{shiftId}/signups', {
      params: { path: { activityId, shiftId } },
      body: volunteerId ? { volunteerId } : {},
    }),
  )

export const cancelSignUp = (activityId: string, shiftId: string, volunteerId: string): Promise<ActivityView> =>
  data(
    volunteerApi.DELETE('/api/volunteer/activities/{activityId}/shifts/{shiftId}/signups/{volunteerId}', {
      params: { path: { activityId, shiftId, volunteerId } },
    }),
  )

/** A fresh six-digit check-in code for a shift (the organiser shows it on site), valid a short while. */
export const issueCheckInCode = (activityId: string, shiftId: string): Promise<CheckInCode> =>
  data(volunteerApi.POST('/api/volunteer/activities/{activityId}/shifts/{shiftId}/check-in-code', { params: { path: { activityId, shiftId } } }))

/** The activities with a shift the volunteer signed up for or waits for, soonest first. */
export const shiftsOf = (volunteerId: string): Promise<ActivityView[]> =>
  data(volunteerApi.GET('/api/volunteer/volunteers/{volunteerId}/shifts', { params: { path: { volunteerId } } }))

// ---- service records ----

export const checkIn = (body: CheckInRequest): Promise<RecordView> =>
  data(volunteerApi.POST('/api/volunteer/service-records/check-in', { body }))

export const checkOut = (recordId: string, body: { location?: Position; at?: string }): Promise<RecordView> =>
  data(volunteerApi.POST('/api/volunteer/service-records/{recordId}/check-out', { params: { path: { recordId } }, body }))

/** 自主申报: unscheduled help, pending an organiser's approval. */
export const declareHours = (body: DeclareRequest, idempotencyKey: string): Promise<RecordView> =>
  data(volunteerApi.POST('/api/volunteer/service-records', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body }))

export const records = (query: { volunteerId?: string; status?: string; communityId?: string; page?: number; size?: number }): Promise<PageOfRecordView> =>
  data(volunteerApi.GET('/api/volunteer/service-records', { params: { query } }))

export const approveRecord = (recordId: string, body: { note?: string; minutes?: number }): Promise<RecordView> =>
  data(volunteerApi.POST('/api/volunteer/service-records/{recordId}/approve', { params: { path: { recordId } }, body }))

export const denyRecord = (recordId: string, reason: string): Promise<RecordView> =>
  data(volunteerApi.POST('/api/volunteer/service-records/{recordId}/deny', { params: { path: { recordId } }, body: { reason } }))

/** 批量审核: each record on its own; one refused does not stop the others. */
export const approveRecords = (recordIds: string[], note?: string): Promise<ApprovalOutcome[]> =>
  data(volunteerApi.POST('/api/volunteer/service-records/approvals', { body: { recordIds, note } }))

// ---- the time bank ----

export const account = (volunteerId: string): Promise<AccountView> =>
  data(volunteerApi.GET('/api/volunteer/accounts/{volunteerId}', { params: { path: { volunteerId } } }))

/** 月度对账单 of a month (YYYY-MM): opening, each entry with its cause, closing. */
export const statement = (volunteerId: string, month: string): Promise<StatementView> =>
  data(volunteerApi.GET('/api/volunteer/accounts/{volunteerId}/statement', { params: { path: { volunteerId }, query: { month } } }))

/** 储蓄转赠 to a family member; once per Idempotency-Key. */
export const transfer = (volunteerId: string, body: TransferRequest, idempotencyKey: string): Promise<TransactionView> =>
  data(
    volunteerApi.POST('/api/volunteer/accounts/{volunteerId}/transfers', {
      params: { path: { volunteerId }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
  )

// ---- exchange ----

export const exchangeItems = (communityId?: string): Promise<ExchangeItemView[]> =>
  data(volunteerApi.GET('/api/volunteer/exchange/items', { params: { query: { communityId } } }))

/** 兑换: points and stock taken together or not at all; once per Idempotency-Key. */
export const redeem = (body: RedeemRequest, idempotencyKey: string): Promise<RedemptionView> =>
  data(
    volunteerApi.POST('/api/volunteer/exchange/redemptions', {
      // the bearer token is set by the clients' middleware, as on every call
      params: { header: { 'Idempotency-Key': idempotencyKey, Authorization: '' } },
      body,
    }),
  )

export const redemptions = (page = 0, size = 50): Promise<PageOfRedemptionView> =>
  data(volunteerApi.GET('/api/volunteer/exchange/redemptions', { params: { query: { page, size } } }))

export const cancelRedemption = (redemptionId: string, reason?: string): Promise<RedemptionView> =>
  data(volunteerApi.POST('/api/volunteer/exchange/redemptions/{redemptionId}/cancel', { params: { path: { redemptionId } }, body: { reason } }))

// ---- needs and invitations ----

export const needs = (query: { communityId?: string; state?: string; page?: number; size?: number }): Promise<PageOfNeedView> =>
  data(volunteerApi.GET('/api/volunteer/needs', { params: { query } }))

/** A need with its invitations; for its organisers also the ranked candidates and their scores. */
export const need = (needId: string): Promise<NeedView> =>
  data(volunteerApi.GET('/api/volunteer/needs/{needId}', { params: { path: { needId } } }))

export const inviteToNeed = (needId: string, volunteerId: string, reason?: string): Promise<NeedView> =>
  data(volunteerApi.POST('/api/volunteer/needs/{needId}/invitations', { params: { path: { needId } }, body: { volunteerId, reason } }))

/** The invitations waiting for the caller's answer. */
export const invitations = (): Promise<NeedView[]> => data(volunteerApi.GET('/api/volunteer/invitations'))

export const acceptNeed = (needId: string): Promise<NeedView> =>
  data(volunteerApi.POST('/api/volunteer/needs/{needId}/accept', { params: { path: { needId } } }))

export const declineNeed = (needId: string, reason?: string): Promise<NeedView> =>
  data(volunteerApi.POST('/api/volunteer/needs/{needId}/decline', { params: { path: { needId } }, body: { reason } }))

// ---- certificates ----

export const certificates = (volunteerId: string): Promise<CertificateView[]> =>
  data(volunteerApi.GET('/api/volunteer/volunteers/{volunteerId}/certificates', { params: { path: { volunteerId } } }))

export const issueCertificate = (
  volunteerId: string,
  body: { from: string; to: string; issuer?: { name: string; head: string; handler: string; contact: string } },
): Promise<CertificateView> =>
  data(volunteerApi.POST('/api/volunteer/volunteers/{volunteerId}/certificates', { params: { path: { volunteerId } }, body }))

/** The certificate's PDF, with the token like any call (never a link that carries it). */
export async function certificatePdf(number: string): Promise<Blob> {
  const { data: blob, error, response } = await volunteerApi.GET('/api/volunteer/certificates/{number}/pdf', {
    params: { path: { number } },
    headers: { Accept: 'application/pdf, application/problem+json' },
    parseAs: 'blob',
  })
  if (error !== undefined || !(blob instanceof Blob)) throw await toApiError(response, error)
  return blob
}

/** 证明核验: public, without a token; says whether the number is genuine and what it certifies. */
export const verifyCertificate = (number: string): Promise<VerificationView> =>
  data(anonymousVolunteerApi.GET('/api/volunteer/certificates/{number}/verification', { params: { path: { number } } }))
