import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router';
import type { ScopeType } from '../api/types';

/** One step of a breadcrumb trail: an i18n key or a literal (a cluster's name), maybe a link. */
export interface Crumb {
  key?: string;
  text?: string;
  to?: RouteLocationRaw;
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** i18n key of the page title (document title and last breadcrumb). */
    titleKey?: string;
    /** i18n keys of the breadcrumb trail, last one being the page itself. */
    breadcrumbs?: string[];
    /** A trail that depends on the route's params (pages inside a cluster). */
    crumbs?: (route: RouteLocationNormalized) => Crumb[];
    /** The code the user must hold (in one of `scopes`) to open the page. */
    access?: { code: string; scopes: readonly ScopeType[] };
    /** A page with a navigation of its own (inside a cluster): the side menu starts folded. */
    compactSidebar?: boolean;
    /** The side-menu entry to highlight while on this page. */
    menuName?: string;
  }
}

export {};
