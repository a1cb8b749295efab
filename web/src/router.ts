import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import {
  ASSISTING_ROLES,
  DASHBOARD_ROLES,
  DESK_ROLES,
  DISPATCH_ROLES,
  EVALUATION_ROLES,
  ORG_REGISTRAR_ROLES,
  REGISTERING_ROLES,
  REGISTRY_ROLES,
  SANSHE_ROLES,
  TASK_ROLES,
  VOLUNTEER_ORGANISER_ROLES,
  VOLUNTEER_REGISTER_ROLES,
  VOLUNTEER_ROLES,
  VOLUNTEER_SELF_ROLES,
  hasRole,
  homeOf,
  sansheHomeOf,
  volunteerHomeOf,
} from '@/auth/claims'
import { useSession } from '@/auth/session'
import { i18n } from '@/locales'
import { withVolunteerMessages } from '@/locales/volunteer'

/** Every screen is loaded when first opened; the first page carries only the shell. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('@/views/HomeView.vue'), meta: { public: true, title: 'app.home' } },
  { path: '/callback', name: 'callback', component: () => import('@/views/CallbackView.vue'), meta: { public: true, title: 'app.signIn' } },
  { path: '/settings', name: 'settings', component: () => import('@/views/SettingsView.vue'), meta: { public: true, title: 'settings.title' } },
  {
    path: '/resident',
    component: () => import('@/views/resident/ResidentLayout.vue'),
    meta: { roles: ['RESIDENT'] },
    children: [
      { path: '', redirect: { name: 'my-orders' } },
      { path: 'orders', name: 'my-orders', component: () => import('@/views/resident/MyOrdersView.vue'), meta: { roles: ['RESIDENT'], title: 'resident.myOrders' } },
      { path: 'orders/:orderId', name: 'my-order', component: () => import('@/views/resident/OrderDetailView.vue'), props: true, meta: { roles: ['RESIDENT'], title: 'resident.detail' } },
      { path: 'menu', name: 'sanshe-menu', component: () => import('@/views/resident/MenuView.vue'), meta: { roles: ['RESIDENT'], title: 'sanshe.menu.heading' } },
      { path: 'new', name: 'place-order', component: () => import('@/views/resident/PlaceOrderView.vue'), meta: { roles: ['RESIDENT'], title: 'place.heading' } },
      { path: 'communities', name: 'communities', component: () => import('@/views/resident/CommunitiesView.vue'), meta: { roles: ['RESIDENT'], title: 'resident.communities' } },
      { path: 'profile', name: 'profile', component: () => import('@/views/resident/ProfileView.vue'), meta: { roles: ['RESIDENT'], title: 'resident.profile' } },
    ],
  },
  {
    path: '/desk',
    component: () => import('@/views/desk/DeskLayout.vue'),
    meta: { roles: [...DESK_ROLES, ...REGISTERING_ROLES] },
    children: [
      { path: '', name: 'queue', component: () => import('@/views/desk/QueueView.vue'), meta: { roles: DESK_ROLES, title: 'desk.queue' } },
      { path: 'orders/:orderId', name: 'desk-order', component: () => import('@/views/desk/DeskOrderView.vue'), props: true, meta: { roles: DESK_ROLES, title: 'desk.orderPage' } },
      { path: 'register', name: 'register', component: () => import('@/views/desk/RegisterResidentView.vue'), meta: { roles: REGISTERING_ROLES, title: 'desk.register' } },
    ],
  },
  {
    path: '/sanshe',
    component: () => import('@/views/sanshe/SansheLayout.vue'),
    meta: { roles: SANSHE_ROLES },
    children: [
      // the area's first screen for the role, once the session is known
      { path: '', name: 'sanshe-home', component: { render: () => null }, beforeEnter: () => sansheHomeOf(useSession().principal) },
      { path: 'dispatch', name: 'sanshe-dispatch', component: () => import('@/views/sanshe/DispatchBoardView.vue'), meta: { roles: DISPATCH_ROLES, title: 'sanshe.dispatch.title' } },
      { path: 'tasks', name: 'sanshe-tasks', component: () => import('@/views/sanshe/TasksView.vue'), meta: { roles: TASK_ROLES, title: 'sanshe.tasks.title' } },
      { path: 'organisations', name: 'sanshe-organisations', component: () => import('@/views/sanshe/OrganisationsView.vue'), meta: { roles: REGISTRY_ROLES, title: 'sanshe.registry.title' } },
      { path: 'organisations/new', name: 'sanshe-register', component: () => import('@/views/sanshe/RegisterOrganisationView.vue'), meta: { roles: ORG_REGISTRAR_ROLES, title: 'sanshe.register.title' } },
      { path: 'organisations/:organisationId', name: 'sanshe-organisation', component: () => import('@/views/sanshe/OrganisationView.vue'), props: true, meta: { roles: REGISTRY_ROLES, title: 'sanshe.profile.title' } },
      { path: 'evaluation', name: 'sanshe-evaluation', component: () => import('@/views/sanshe/EvaluationView.vue'), meta: { roles: EVALUATION_ROLES, title: 'sanshe.evaluation.title' } },
    ],
  },
  {
    path: '/volunteer',
    component: withVolunteerMessages(() => import('@/views/volunteer/VolunteerLayout.vue')),
    meta: { roles: VOLUNTEER_ROLES },
    children: [
      { path: '', name: 'volunteer-home', component: { render: () => null }, beforeEnter: () => volunteerHomeOf(useSession().principal) },
      { path: 'me', name: 'volunteer-me', component: withVolunteerMessages(() => import('@/views/volunteer/MyVolunteerView.vue')), meta: { roles: VOLUNTEER_REGISTER_ROLES, title: 'volunteer.me.title' } },
      { path: 'register', name: 'volunteer-register', component: withVolunteerMessages(() => import('@/views/volunteer/RegisterVolunteerView.vue')), meta: { roles: VOLUNTEER_REGISTER_ROLES, title: 'volunteer.register.title' } },
      { path: 'shifts', name: 'volunteer-shifts', component: withVolunteerMessages(() => import('@/views/volunteer/ShiftsView.vue')), meta: { roles: VOLUNTEER_SELF_ROLES, title: 'volunteer.shifts.title' } },
      { path: 'points', name: 'volunteer-points', component: withVolunteerMessages(() => import('@/views/volunteer/PointsView.vue')), meta: { roles: VOLUNTEER_SELF_ROLES, title: 'volunteer.points.title' } },
      { path: 'exchange', name: 'volunteer-exchange', component: withVolunteerMessages(() => import('@/views/volunteer/ExchangeView.vue')), meta: { roles: VOLUNTEER_SELF_ROLES, title: 'volunteer.exchange.title' } },
      { path: 'invitations', name: 'volunteer-invitations', component: withVolunteerMessages(() => import('@/views/volunteer/InvitationsView.vue')), meta: { roles: VOLUNTEER_SELF_ROLES, title: 'volunteer.invitations.title' } },
      { path: 'certificates', name: 'volunteer-certificates', component: withVolunteerMessages(() => import('@/views/volunteer/CertificatesView.vue')), meta: { roles: [...VOLUNTEER_SELF_ROLES, ...VOLUNTEER_ORGANISER_ROLES], title: 'volunteer.certificates.title' } },
      { path: 'approvals', name: 'volunteer-approvals', component: withVolunteerMessages(() => import('@/views/volunteer/ApprovalQueueView.vue')), meta: { roles: VOLUNTEER_ORGANISER_ROLES, title: 'volunteer.approvals.title' } },
      { path: 'board', name: 'volunteer-board', component: withVolunteerMessages(() => import('@/views/volunteer/ShiftBoardView.vue')), meta: { roles: VOLUNTEER_ORGANISER_ROLES, title: 'volunteer.board.title' } },
      { path: 'volunteers', name: 'volunteer-review', component: withVolunteerMessages(() => import('@/views/volunteer/VolunteerReviewView.vue')), meta: { roles: VOLUNTEER_ORGANISER_ROLES, title: 'volunteer.review.title' } },
      { path: 'needs', name: 'volunteer-needs', component: withVolunteerMessages(() => import('@/views/volunteer/NeedsView.vue')), meta: { roles: VOLUNTEER_ORGANISER_ROLES, title: 'volunteer.needs.title' } },
    ],
  },
  // 志愿服务证明's public verification: anyone holding a certificate checks it, signed in or not
  { path: '/verify/:number?', name: 'verify-certificate', component: withVolunteerMessages(() => import('@/views/VerifyCertificateView.vue')), props: true, meta: { public: true, title: 'volunteer.verify.title' } },
  { path: '/console', name: 'console', component: () => import('@/views/console/ConsoleView.vue'), meta: { roles: ASSISTING_ROLES, title: 'console.title' } },
  { path: '/dashboard', name: 'dashboard', component: () => import('@/views/dashboard/DashboardView.vue'), meta: { roles: DASHBOARD_ROLES, title: 'dashboard.title' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue'), meta: { public: true, title: 'app.notFoundTitle' } },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  const session = useSession()
  await session.init()
  if (to.meta.public) return true
  if (!session.signedIn) {
    await session.signIn(to.fullPath)
    return false
  }
  const roles = to.meta.roles
  if (roles && !hasRole(session.principal, ...roles)) {
    const home = homeOf(session.principal)
    return home === to.path ? { name: 'settings' } : home
  }
  return true
})

/**
 * A screen's code could not be loaded (a new version was deployed and the old files are gone, or
 * the network dropped it): load the page once more from the server instead of showing nothing.
 */
const RELOADED = 'fourinone.reloaded-for'
router.onError((error: unknown, to) => {
  const message = error instanceof Error ? error.message : String(error)
  if (!/dynamically imported module|module script failed|Failed to fetch/i.test(message)) return
  if (sessionStorage.getItem(RELOADED) === to.fullPath) return
  sessionStorage.setItem(RELOADED, to.fullPath)
  window.location.assign(to.fullPath)
})

router.afterEach((to) => {
  sessionStorage.removeItem(RELOADED)
  const t = i18n.global.t
  const title = to.meta.title ? t(to.meta.title) : ''
  document.title = title ? `${title} - ${t('app.title')}` : t('app.title')
})
