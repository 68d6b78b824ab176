import { useEffect, useMemo, useState } from 'preact/hooks';
import { dateTime, relativeTime } from '../../lib/format';
import { can, session } from '../../stores/session';
import { Button } from '../../ui/Button';
import { Badge, Card, PageHeader } from '../../ui/Card';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { inputClass } from '../../ui/Field';
import ui from '../../ui/ui.module.css';
import { InviteDialog } from './InviteDialog';
import { createUsersStore, roles, type UsersStore, type UserView } from './useUsers';

const statusTone = { active: 'success', invited: 'info', disabled: 'neutral' } as const;

/** Users and roles: invite people, change roles, disable accounts, resend invitations. */
export function Users() {
  const store = useMemo(createUsersStore, []);
  const [inviting, setInviting] = useState(false);
  useEffect(() => {
    void store.load();
  }, [store]);
  const editable = can('users:write');
  const me = session.value?.user;
  const users = store.users.value;
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can manage this workspace, and what they may do."
        actions={
          editable && (
            <Button variant="primary" onClick={() => setInviting(true)}>
              Invite user
            </Button>
          )
        }
      />
      <ErrorAlert message={store.error.value} />
      <Card>
        {users === null ? (
          <p class={ui.empty}>Loading users…</p>
        ) : (
          <table class={ui.table}>
            <caption class="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  store={store}
                  editable={editable && user.id !== me?.id}
                />
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <InviteDialog store={store} open={inviting} onClose={() => setInviting(false)} />
    </>
  );
}

function UserRow({
  user,
  store,
  editable,
}: {
  user: UserView;
  store: UsersStore;
  editable: boolean;
}) {
  const canTouchOwners = session.value?.user.role === 'owner';
  const locked = !editable || (user.role === 'owner' && !canTouchOwners);
  return (
    <tr>
      <td>
        {user.name || user.email}
        {user.name && (
          <>
            <br />
            <small>{user.email}</small>
          </>
        )}
      </td>
      <td>
        {locked ? (
          user.role
        ) : (
          <select
            class={inputClass}
            aria-label={`Role of ${user.email}`}
            value={user.role}
            disabled={store.busy.value}
            onChange={(e) =>
              void store.update(user, { role: e.currentTarget.value as UserView['role'] })
            }
          >
            {roles
              .filter((role) => role !== 'owner' || canTouchOwners)
              .map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
          </select>
        )}
      </td>
      <td>
        <Badge tone={statusTone[user.status]}>{user.status}</Badge> {user.sso && <Badge>SSO</Badge>}
      </td>
      <td title={dateTime(user.lastLoginAt)}>{relativeTime(user.lastLoginAt)}</td>
      <td>
        {!locked && (
          <div style={{ display: 'flex', gap: '0.4rem', justifyContent: 'flex-end' }}>
            {user.status === 'invited' && (
              <Button size="small" onClick={() => void store.reinvite(user)}>
                Resend invite
              </Button>
            )}
            <Button
              size="small"
              variant={user.status === 'disabled' ? 'default' : 'danger'}
              aria-label={`${user.status === 'disabled' ? 'Enable' : 'Disable'} ${user.email}`}
              onClick={() => void store.update(user, { disabled: user.status !== 'disabled' })}
            >
              {user.status === 'disabled' ? 'Enable' : 'Disable'}
            </Button>
          </div>
        )}
      </td>
    </tr>
  );
}
