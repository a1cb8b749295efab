/**
 * The API's types, from the services' OpenAPI documents (src/api/generated, `npm run
 * generate:api`). The order contract is the same in all four systems (module order-contract);
 * api/orders.ts checks at compile time that the four documents agree on it.
 */
import type { components } from './generated/public'
import type { components as SansheComponents } from './generated/sanshe'

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
