import { useState } from 'preact/hooks';
import { Link } from '../../app/Link';
import { errorMessage } from '../../lib/api';
import { api } from '../../stores/api';
import { Button } from '../../ui/Button';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field, inputClass } from '../../ui/Field';
import { AuthPage } from '../sign-in/SignIn';

/** Asks for a reset link. The answer is the same whether or not the account exists. */
export function ForgotPassword() {
  const [email, setEmail] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'sent'>('idle');
  const [error, setError] = useState<string | null>(null);
  if (state === 'sent') {
    return (
      <AuthPage title="Check your email">
        <p>
          If <strong>{email}</strong> has an account, a link to choose a new password is on its way.
          It works once, for 30 minutes.
        </p>
        <Link to="sign-in">Back to sign in</Link>
      </AuthPage>
    );
  }
  return (
    <AuthPage title="Reset your password" subtitle="We will email you a link to choose a new one.">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setState('busy');
          setError(null);
          try {
            await api('POST', '/api/auth/password-reset', { email });
            setState('sent');
          } catch (e) {
            setError(errorMessage(e));
            setState('idle');
          }
        }}
      >
        <ErrorAlert message={error} />
        <Field label="Email">
          {({ id }) => (
            <input
              id={id}
              class={inputClass}
              type="email"
              autocomplete="email"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" busy={state === 'busy'}>
          Send reset link
        </Button>{' '}
        <Link to="sign-in">Back to sign in</Link>
      </form>
    </AuthPage>
  );
}
