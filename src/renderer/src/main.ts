import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { useKioskApi } from './kiosk-api'
import { createCourier, openOutbox } from './outbox'
import { servicesKey } from './services'
import { useSettingsStore } from './stores/settings'
import { useSyncStore } from './stores/sync'

/** Shown in place of the app when the outbox cannot be opened: nothing could be stored. */
const startFailure =
  'No se ha podido abrir el almacenamiento del quiosco. Por favor, avise al personal. / ' +
  'The kiosk storage could not be opened. Please tell a member of staff.'

async function start(): Promise<void> {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  const settings = useSettingsStore(pinia)

  const outbox = await openOutbox()
  const courier = createCourier({
    outbox,
    api: useKioskApi(),
    parallel: () => settings.parallelDeliveries,
    onError: (error) => useSyncStore(pinia).noteCourierError(error),
  })
  app.provide(servicesKey, { outbox, courier })

  courier.start()
  app.mount('#app')
}

start().catch(() => {
  const root = document.getElementById('app')
  if (root) root.textContent = startFailure
})
