/**
 * The API's types, from the services' OpenAPI documents (src/api/generated, `npm run
 * generate:api`). The order contract is the same in all four systems (module order-contract);
 * api/orders.ts checks at compile time that the four documents agree on it.
 */
import type { components } from './generated/public'
import type { components as SansheComponents } from './generated/sanshe'
import type { components as VolunteerComponents } from './generated/volunteer'

type Schemas = components['schemas']

export type OrderView = Schemas['OrderView']
export type OrderTypeView = Schemas['OrderTypeView']
export type TimelineEntry = Schemas['TimelineEntry']
export type PageOfOrderView = Schemas['PageOfOrderView']
export type PlaceOrderRequest = Schemas['PlaceOrderRequest']
export type OrderCommandRequest = Schemas['OrderCommandRequest']
export type ResidentView = Schemas['ResidentView']
export type RegisterResidentRequest = Schemas['RegisterResidentRequest']
export type Community = Schemas['Community']
export type DepartmentView = Schemas['DepartmentView']

export type OriginSystem = NonNullable<OrderView['originSystem']>
export type OrderStatus = NonNullable<OrderView['status']>
export type Channel = NonNullable<OrderView['channel']>
export type OrderAction = NonNullable<TimelineEntry['action']>
export type AssigneeType = NonNullable<Schemas['Assignment']['assigneeType']>
export type ConsentMethod = NonNullable<Schemas['Consent']['how']>
export type SatisfactionLevel = NonNullable<Schemas['Rating']['level']>

export const STATUSES: readonly OrderStatus[] = [
  'SUBMITTED',
  'ACCEPTED',
  'ASSIGNED',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
  'REJECTED',
]
export const CHANNELS: readonly Channel[] = ['WEB', 'APP', 'CALL_CENTER', 'DOOR_TO_DOOR']
export const CONSENT_METHODS: readonly ConsentMethod[] = ['PHONE_RECORDING', 'SIGNED_FORM', 'IN_PERSON']
export const LEVELS: readonly SatisfactionLevel[] = [
  'VERY_SATISFIED',
  'SATISFIED',
  'BASICALLY_SATISFIED',
  'DISSATISFIED',
  'VERY_DISSATISFIED',
]
export const ASSIGNEE_TYPES: readonly AssigneeType[] = [
  'ORGANISATION',
  'SOCIAL_WORKER',
  'VOLUNTEER',
  'PARTY_MEMBER',
  'DEPARTMENT',
]

export type ResidentSearchResult = Schemas['Found']
export type KeyCount = Schemas['Count']
export type OrderStatistics = Schemas['Statistics']

/** Query of the queue `GET /orders`. */
export interface QueueQuery {
  originSystem?: OriginSystem
  status?: OrderStatus
  channel?: Channel
  type?: string
  communityId?: string
  olderThanHours?: number
  sort?: 'newest' | 'oldest'
  page?: number
  size?: number
}

// 三社联动 (sanshe-service's own API)
type Sanshe = SansheComponents['schemas']

export type MenuView = Sanshe['MenuView']
export type MenuCategory = Sanshe['CategoryView']
export type MenuItem = Sanshe['ItemView']
export type Provider = Sanshe['Provider']
export type OrganisationView = Sanshe['OrganisationView']
export type Offer = Sanshe['Offer']
export type OfferRequest = Sanshe['OfferRequest']
export type StatusChange = Sanshe['StatusChange']
export type PageOfOrganisationView = Sanshe['PageOfOrganisationView']
export type RegisterOrganisationRequest = Sanshe['RegisterOrganisationRequest']
export type LegalRepresentativeView = Sanshe['LegalRepresentativeView']
export type DispatchView = Sanshe['DispatchView']
export type DispatchStep = Sanshe['Step']
export type PageOfDispatchView = Sanshe['PageOfDispatchView']
export type WorkerView = Sanshe['WorkerView']
export type PageOfWorkerView = Sanshe['PageOfWorkerView']
export type RoundView = Sanshe['RoundView']
export type EntryView = Sanshe['EntryView']
export type SanshePlaceOrderRequest = Sanshe['PlaceOrderRequest']

// 志愿者服务 (volunteer-service's own API)
type Volunteer = VolunteerComponents['schemas']

export type SkillView = Volunteer['Skill']
export type VolunteerView = Volunteer['VolunteerView']
export type RegisterVolunteerRequest = Volunteer['RegisterVolunteerRequest']
export type AvailabilityRequest = Volunteer['AvailabilityRequest']
export type PageOfVolunteerView = Volunteer['PageOfVolunteerView']
export type ActivityView = Volunteer['ActivityView']
export type ShiftView = Volunteer['Shift']
export type SignUpView = Volunteer['SignUp']
export type SignUpOutcome = Volunteer['SignUpOutcome']
export type PageOfActivityView = Volunteer['PageOfActivityView']
export type PublishActivityRequest = Volunteer['PublishActivityRequest']
export type ShiftRequest = Volunteer['ShiftRequest']
export type CheckInCode = Volunteer['CheckInCode']
export type RecordView = Volunteer['RecordView']
export type PageOfRecordView = Volunteer['PageOfRecordView']
export type CheckInRequest = Volunteer['CheckInRequest']
export type DeclareRequest = Volunteer['DeclareRequest']
export type Position = Volunteer['Position']
export type ApprovalOutcome = Volunteer['Approval']
export type AccountView = Volunteer['AccountView']
export type StatementView = Volunteer['Statement']
export type StatementLine = Volunteer['StatementLine']
export type TransferRequest = Volunteer['TransferRequest']
export type TransactionView = Volunteer['TransactionView']
export type ExchangeItemView = Volunteer['ItemView']
export type RedemptionView = Volunteer['RedemptionView']
export type PageOfRedemptionView = Volunteer['PageOfRedemptionView']
export type RedeemRequest = Volunteer['RedeemRequest']
export type NeedView = Volunteer['NeedView']
export type PageOfNeedView = Volunteer['PageOfNeedView']
export type CandidateScore = Volunteer['Score']
export type CertificateView = Volunteer['CertificateView']
export type VerificationView = Volunteer['Verification']
