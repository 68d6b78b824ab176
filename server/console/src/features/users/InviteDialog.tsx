import { useState } from 'preact/hooks';
import { session } from '../../stores/session';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, inputClass } from '../../ui/Field';
import { roleSummary, roles, type UsersStore, type UserView } from './useUsers';

/** Props of {@link InviteDialog}. */
export interface InviteDialogProps {
  store: UsersStore;
  open: boolean;
  onClose: () => void;
}

/** Invites someone by email with a role; owners only may invite owners. */
export function InviteDialog({
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
