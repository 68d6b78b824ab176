import { useState } from 'preact/hooks';
import { Link } from '../../app/Link';
import { ApiError, errorMessage } from '../../lib/api';
import { tokenFromHash } from '../../lib/router';
import { api } from '../../stores/api';
import { Button } from '../../ui/Button';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field, inputClass } from '../../ui/Field';
import ui from '../../ui/ui.module.css';
import { AuthPage } from '../sign-in/SignIn';

/** Props of {@link SetPassword}. */
export interface SetPasswordProps {
  purpose: 'reset' | 'invite';
}

/** Chooses a password from an emailed reset or invitation link (`#token=…`). */
export function SetPassword({ purpose }: SetPasswordProps) {
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const title = purpose === 'invite' ? 'Join your workspace' : 'Choose a new password';
  if (done) {
    return (
      <AuthPage title="Password set">
        <p>You can now sign in as {done}.</p>
        <Link to="sign-in">Sign in</Link>
      </AuthPage>
    );
  }
  if (!token) {
    return (
      <AuthPage title={title}>
        <div class={ui.alert} role="alert">
          This link is incomplete. Open the link from your email again, or ask for a new one.
        </div>
        <Link to="forgot-password">Get a new link</Link>
      </AuthPage>
    );
  }
  const mismatch =
    confirm.length > 0 && confirm !== password ? 'The passwords do not match.' : null;
  return (
    <AuthPage
      title={title}
      subtitle="Use at least 10 characters; a phrase of a few words is easy to remember."
    >
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (mismatch) return;
          setBusy(true);
          setError(null);
          try {
            const result = await api<{ email: string }>('POST', '/api/auth/set-password', {
              token,
              password,
            });
            // Drop the token from the address bar and history once it is spent.
            window.history.replaceState(null, '', window.location.pathname);
            setDone(result.email);
          } catch (e) {
            setError(
              e instanceof ApiError && e.code === 'PARLEY_VALIDATION_FAILED'
                ? (e.fieldErrors().password ?? e.message)
                : errorMessage(e),
            );
          } finally {
            setBusy(false);
          }
        }}
      >
        <ErrorAlert message={error} />
        <Field label="New password">
          {({ id }) => (
            <input
              id={id}
              class={inputClass}
              type="password"
              autocomplete="new-password"
              minLength={10}
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Repeat the password" error={mismatch}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              class={inputClass}
              type="password"
              autocomplete="new-password"
              required
              value={confirm}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onInput={(e) => setConfirm(e.currentTarget.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" busy={busy}>
          {purpose === 'invite' ? 'Set password and join' : 'Set new password'}
        </Button>
      </form>
    </AuthPage>
  );
}
