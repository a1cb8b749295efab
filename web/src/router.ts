import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { ASSISTING_ROLES, DASHBOARD_ROLES, DESK_ROLES, REGISTERING_ROLES, hasRole, homeOf } from '@/auth/claims'
import { useSession } from '@/auth/session'
import { i18n } from '@/locales'

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
