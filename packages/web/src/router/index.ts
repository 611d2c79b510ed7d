import { createRouter, createWebHistory, type Router } from 'vue-router';
import { i18n } from '../locales';
import { showError } from '../utils/showError';
import { useSessionStore } from '../stores/session';
import { guardNavigation } from './guard';
import { routes } from './routes';

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  });
  router.beforeEach((to) => guardNavigation(to, useSessionStore(), showError));
  router.afterEach((to) => {
    const title = to.meta.titleKey ? i18n.global.t(to.meta.titleKey) : '';
    document.title = title ? `${title} · Atrium` : 'Atrium';
  });
  return router;
}
