import { watch } from 'vue';
import { createRouter, createWebHistory, type RouteLocationNormalized, type Router } from 'vue-router';
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
  const showTitle = (to: RouteLocationNormalized) => {
    const title = to.meta.titleKey ? i18n.global.t(to.meta.titleKey) : '';
    document.title = title ? `${title} · Atrium` : 'Atrium';
  };
  router.afterEach(showTitle);
  // A language switch retitles the open page, not only the next one.
  watch(i18n.global.locale, () => showTitle(router.currentRoute.value));
  return router;
}
