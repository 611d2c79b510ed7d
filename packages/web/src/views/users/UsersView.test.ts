import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ElementPlus from 'element-plus';
import type { User } from '../../api/types';
import { i18n, setLocale } from '../../locales';
import { useSessionStore } from '../../stores/session';
import UsersView from './UsersView.vue';

const user = (id: string, username: string, status: User['status'] = 'active'): User => ({
  id,
  username,
  displayName: '',
  email: '',
  phone: '',
  status,
  mustChangePassword: false,
  lastLoginAt: null,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
});

const listUsers = vi.fn();
vi.mock('../../api/users', () => ({
  listUsers: (...args: unknown[]) => listUsers(...args),
  createUser: vi.fn(),
  updateUser: vi.fn(),
  deleteUser: vi.fn(),
  resetUserPassword: vi.fn(),
}));

async function render(codes: string[]) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const session = useSessionStore();
  session.user = user('u-admin', 'admin');
  session.permissions = { platform: codes, projects: {}, workspaces: {} };
  const wrapper = mount(UsersView, { global: { plugins: [pinia, i18n, ElementPlus] } });
  await flushPromises();
  await vi.waitFor(() => expect(wrapper.find('[data-testid="user-row-bob"]').exists()).toBe(true));
  return wrapper;
}

describe('UsersView', () => {
  beforeEach(() => {
    setLocale('en');
    listUsers.mockReset();
    listUsers.mockResolvedValue({
      items: [user('u-admin', 'admin'), user('u-bob', 'bob', 'disabled')],
      total: 2,
    });
  });

  it('shows a viewer the users but no button to change them', async () => {
    const wrapper = await render(['users:view']);
    expect(wrapper.find('[data-testid="users-create"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="user-edit-bob"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="user-delete-bob"]').exists()).toBe(false);
  });

  it('shows each button only with its permission code', async () => {
    const wrapper = await render(['users:view', 'users:create', 'users:delete']);
    expect(wrapper.find('[data-testid="users-create"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="user-delete-bob"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="user-reset-password-bob"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="user-toggle-bob"]').exists()).toBe(false);
  });

  it('offers to enable a disabled user and never to delete yourself', async () => {
    const wrapper = await render(['users:view', 'users:update', 'users:delete']);
    expect(wrapper.get('[data-testid="user-toggle-bob"]').text()).toBe('Enable');
    expect(wrapper.get('[data-testid="user-delete-admin"]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="user-delete-bob"]').attributes('disabled')).toBeUndefined();
  });

  it('asks the server for the first page', async () => {
    await render(['users:view']);
    expect(listUsers).toHaveBeenCalledWith({ search: '', status: '', limit: 10, offset: 0 });
  });
});
