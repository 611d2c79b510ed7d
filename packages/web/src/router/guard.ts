import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router';
import { isApiError } from '../api/errors';
import { firstVisibleItem } from '../menu/buildMenu';
import type { useSessionStore } from '../stores/session';
import './meta';

type Session = ReturnType<typeof useSessionStore>;

function toLogin(to: RouteLocationNormalized, extra: Record<string, string> = {}): RouteLocationRaw {
  const query: Record<string, string> = { ...extra };
  if (to.name !== 'home' && to.name !== 'login') query.redirect = to.fullPath;
  return { name: 'login', query };
}

/**
 * Decides where a navigation may go: sign-in first, then the forced password change, then the
 * page's permission code. Returns true to proceed or the location to go to instead.
 */
export async function guardNavigation(
  to: RouteLocationNormalized,
  session: Session,
  reportError: (error: unknown) => void = () => {},
): Promise<true | RouteLocationRaw> {
  if (to.meta.public) return true;
  if (!session.hasSession()) return toLogin(to);

  if (!session.loaded) {
    try {
      await session.loadMe();
    } catch (error) {
      if (isApiError(error, 'PASSWORD_CHANGE_REQUIRED')) return toLogin(to, { step: 'password' });
      // An ended session was already cleared by the API client; anything else (server
      // unreachable…) is worth telling before falling back to the sign-in page.
      if (session.hasSession()) reportError(error);
      return toLogin(to);
    }
  }
  if (session.user?.mustChangePassword) return toLogin(to, { step: 'password' });

  if (to.name === 'home') {
    const first = firstVisibleItem(session.menu);
    return first ? { name: first.name } : { name: 'forbidden' };
  }
  const access = to.meta.access;
  if (access && !session.can(access.code, access.scopes)) {
    return { name: 'forbidden', query: { from: to.fullPath } };
  }
  return true;
}
