import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import { i18n } from './locales'
import { setRequestContext } from './api/http'
import { useSession } from './auth/session'
import { currentLanguage, useLocaleStore } from './stores/locale'
import { useElderStore } from './stores/elder'
import './styles/base.css'
import './styles/elder.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)

useLocaleStore()
useElderStore()
const session = useSession()
setRequestContext({
  accessToken: () => session.accessToken(),
  language: currentLanguage,
  unauthorized: () => {
    session.expired = true
  },
})

app.use(router)
app.mount('#app')
