import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus, { ElMessage } from 'element-plus';
import 'element-plus/dist/index.css';
import './styles/main.css';
import App from './App.vue';
import { connectClient } from './api/client';
import { stream } from './api/stream';
import { i18n } from './locales';
import { createAppRouter } from './router';
import { useSessionStore } from './stores/session';
import { errorText } from './utils/showError';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
app.use(ElementPlus);
const router = createAppRouter();
app.use(router);

const session = useSessionStore(pinia);
connectClient({
  navigate: (url) => void router.replace(url),
  // The watch socket re-authenticates with every refreshed token and keeps its subscriptions.
  onTokens: (pair) => stream.reauthenticate(pair.accessToken),
  onSessionEnded: (error) => {
    session.reset();
    // Say why the sign-in page appeared: an expired or revoked session is not the user's doing.
    ElMessage({ type: 'warning', message: errorText(error), grouping: true });
  },
  onPasswordChangeRequired: () => {
    session.markPasswordChangeRequired();
    if (router.currentRoute.value.name !== 'login') {
      void router.replace({ name: 'login', query: { step: 'password' } });
    }
  },
});

app.mount('#app');
