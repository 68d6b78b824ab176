import { useEffect, useMemo, useState } from 'preact/hooks';
import { dateTime, relativeTime } from '../../lib/format';
import { can, session } from '../../stores/session';
import { Button } from '../../ui/Button';
import { Badge, Card, PageHeader } from '../../ui/Card';
import { Dialog } from '../../ui/Dialog';
import { Field, inputClass } from '../../ui/Field';
import ui from '../../ui/ui.module.css';
import { createUsersStore, roleSummary, roles, type UsersStore, type UserView } from './useUsers';

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
      {store.error.value && (
        <div class={ui.alert} role="alert">
          {store.error.value}
        </div>
      )}
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

function InviteDialog({
  store,
  open,
  onClose,
}: {
  store: UsersStore;
  open: boolean;
  onClose: () => void;
}) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserView['role']>('editor');
  const canInviteOwners = session.value?.user.role === 'owner';
  const errors = store.inviteErrors.value;
  return (
    <Dialog
      title="Invite a user"
      open={open}
      onClose={onClose}
      onSubmit={async () => {
        if (await store.invite({ email, role, name: name || undefined })) {
          setEmail('');
          setName('');
          onClose();
        }
      }}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={store.busy.value}>
            Send invitation
          </Button>
        </>
      }
    >
      <p>They get an email with a link to set a password. The link works for 7 days.</p>
      <Field label="Email" error={errors.email}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            class={inputClass}
            type="email"
            required
            value={email}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label="Name (optional)">
        {({ id }) => (
          <input
            id={id}
            class={inputClass}
            value={name}
            maxLength={100}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label="Role" hint={roleSummary[role]}>
        {({ id, describedBy }) => (
          <select
            id={id}
            class={inputClass}
            value={role}
            aria-describedby={describedBy}
            onChange={(e) => setRole(e.currentTarget.value as UserView['role'])}
          >
            {roles
              .filter((r) => r !== 'owner' || canInviteOwners)
              .map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
          </select>
        )}
      </Field>
    </Dialog>
  );
}
