import type { ScopeType } from '../api/types';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** i18n key of the page title (document title and last breadcrumb). */
    titleKey?: string;
    /** i18n keys of the breadcrumb trail, last one being the page itself. */
    breadcrumbs?: string[];
    /** The code the user must hold (in one of `scopes`) to open the page. */
    access?: { code: string; scopes: readonly ScopeType[] };
    /** The side-menu entry to highlight while on this page. */
    menuName?: string;
  }
}

export {};
