import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ElementPlus from 'element-plus';
import { ApiError } from '../../api/errors';
import { i18n, setLocale } from '../../locales';
import LoginForm from './LoginForm.vue';

const login = vi.fn();
vi.mock('../../api/auth', () => ({
  login: (...args: unknown[]) => login(...args),
  fetchMe: vi.fn(async () => ({
    user: { username: 'ann' },
    permissions: { platform: [], projects: {}, workspaces: {} },
  })),
}));

async function signIn(username: string, password: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(LoginForm, {
    global: { plugins: [pinia, i18n, ElementPlus] },
    attachTo: document.body,
  });
  await wrapper.get('[data-testid="login-username"]').setValue(username);
  await wrapper.get('[data-testid="login-password"]').setValue(password);
  await wrapper.get('[data-testid="login-form"]').trigger('submit');
  await flushPromises();
  await new Promise((resolve) => setTimeout(resolve, 0));
  await flushPromises();
  return wrapper;
}

describe('LoginForm', () => {
  beforeEach(() => {
    login.mockReset();
    setLocale('en');
  });

  it('tells a locked-out user how many minutes are left', async () => {
    login.mockRejectedValue(
      new ApiError(423, 'ACCOUNT_LOCKED', 'Account locked', { retryAfterSeconds: 601 }),
    );
    const wrapper = await signIn('ann', 'wrong');
    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('Try again in 11 minute(s)');
  });

  it('says the password was wrong, in the chosen language, and clears it', async () => {
    setLocale('zh-CN');
    login.mockRejectedValue(new ApiError(401, 'INVALID_CREDENTIALS', 'Invalid username or password'));
    const wrapper = await signIn('ann', 'wrong');
    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('用户名或密码错误');
    expect((wrapper.get('[data-testid="login-password"]').element as HTMLInputElement).value).toBe('');
  });

  it('asks for the password step when the account must change its password', async () => {
    login.mockResolvedValue({ user: { username: 'ann', mustChangePassword: true } });
    const wrapper = await signIn('ann', 'Initial123');
    expect(wrapper.emitted('signedIn')).toEqual([
      [{ username: 'ann', password: 'Initial123', mustChange: true }],
    ]);
  });

  it('does not call the server with an empty form', async () => {
    const wrapper = await signIn('', '');
    await vi.waitFor(() => expect(wrapper.text()).toContain('Please enter your username'));
    expect(login).not.toHaveBeenCalled();
  });
});
