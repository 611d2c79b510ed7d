import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as authApi from '../api/auth';
import { tokens } from '../api/client';
import { stream } from '../api/stream';
import type { PermissionSet, ScopeType, User } from '../api/types';
import { buildMenu } from '../menu/buildMenu';
import { menuTable } from '../menu/menuTable';
import { EMPTY_PERMISSIONS, holdsCode } from '../permissions/access';
import { useClustersStore } from './clusters';

/** Who is signed in and what they may do: the source of every menu entry and button shown. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null);
  const permissions = ref<PermissionSet>(EMPTY_PERMISSIONS);
  const loaded = ref(false);

  const menu = computed(() => buildMenu(menuTable, permissions.value));
  const displayName = computed(() => user.value?.displayName || user.value?.username || '');

  function can(code: string, scopes: readonly ScopeType[] = ['platform']): boolean {
    return holdsCode(permissions.value, code, scopes);
  }

  function hasSession(): boolean {
    return tokens.hasSession();
  }

  async function loadMe(): Promise<void> {
    const me = await authApi.fetchMe();
    user.value = me.user;
    permissions.value = me.permissions;
    loaded.value = true;
  }

  /** Signs in; the permissions are only loaded once no password change stands in the way. */
  async function signIn(username: string, password: string): Promise<User> {
    const pair = await authApi.login(username, password);
    user.value = pair.user;
    loaded.value = false;
    if (!pair.user.mustChangePassword) await loadMe();
    return pair.user;
  }

  /**
   * Changes the own password, then signs in again with it: the server may end the sessions that
   * were opened with the old password, this one included.
   */
  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const username = user.value?.username;
    await authApi.changeOwnPassword(currentPassword, newPassword);
    if (username) await signIn(username, newPassword);
  }

  function markPasswordChangeRequired(): void {
    if (user.value) user.value = { ...user.value, mustChangePassword: true };
  }

  function reset(): void {
    // The watch socket and what was read through it belong to the session: they must not outlive it.
    stream.disconnect();
    useClustersStore().forget();
    user.value = null;
    permissions.value = EMPTY_PERMISSIONS;
    loaded.value = false;
  }

  async function signOut(): Promise<void> {
    try {
      await authApi.logout();
    } finally {
      reset();
    }
  }

  return {
    user,
    permissions,
    loaded,
    menu,
    displayName,
    can,
    hasSession,
    loadMe,
    signIn,
    changePassword,
    markPasswordChangeRequired,
    reset,
    signOut,
  };
});
