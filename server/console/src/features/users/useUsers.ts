import { signal } from '@preact/signals';
import { ApiError, errorMessage } from '../../lib/api';
import { api } from '../../stores/api';
import { notify } from '../../stores/toasts';

/** Roles a workspace user can have, strongest first. */
export const roles = ['owner', 'admin', 'editor', 'viewer'] as const;

/** What each role may do, in one line, for the invite form and the role menu. */
export const roleSummary: Record<(typeof roles)[number], string> = {
  owner: 'Everything, including billing and other owners',
  admin: 'Settings, users, keys, SSO and the audit log',
  editor: 'Theme and documents',
  viewer: 'Read-only access',
};

/** A user as `GET /api/users` lists them. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: (typeof roles)[number];
  status: 'active' | 'invited' | 'disabled';
  sso: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** The users store: list, invite, change role, disable / enable, resend invitation. */
export function createUsersStore() {
  const users = signal<UserView[] | null>(null);
  const error = signal<string | null>(null);
  const busy = signal(false);
  const inviteErrors = signal<Record<string, string>>({});
  const load = async () => {
    try {
      users.value = (await api<{ items: UserView[] }>('GET', '/api/users')).items;
    } catch (e) {
      error.value = errorMessage(e);
    }
  };
  const run = async (work: () => Promise<void>, done?: string) => {
    busy.value = true;
    try {
      await work();
      if (done) notify(done);
      await load();
      return true;
    } catch (e) {
      if (e instanceof ApiError) inviteErrors.value = e.fieldErrors();
      notify(errorMessage(e), 'error');
      return false;
    } finally {
      busy.value = false;
    }
  };
  return {
    users,
    error,
    busy,
    inviteErrors,
    load,
    invite: (input: { email: string; role: UserView['role']; name?: string }) => {
      inviteErrors.value = {};
      return run(async () => {
        await api('POST', '/api/users', input);
      }, `Invitation sent to ${input.email}`);
    },
    update: (
      user: UserView,
      change: Partial<Pick<UserView, 'role' | 'name'>> & { disabled?: boolean },
    ) =>
      run(async () => {
        await api('PATCH', `/api/users/${encodeURIComponent(user.id)}`, change);
      }, `${user.email} updated`),
    reinvite: (user: UserView) =>
      run(async () => {
        await api('POST', `/api/users/${encodeURIComponent(user.id)}/invitation`);
      }, `Invitation sent again to ${user.email}`),
  };
}

/** The users store's type. */
export type UsersStore = ReturnType<typeof createUsersStore>;
