import { createApiClient } from '../lib/api';
import { csrfToken, session } from './session-state';

/** The console's API client: CSRF from the session, back to sign-in on 401. */
export const api = createApiClient({
  csrfToken: () => csrfToken.value,
  onUnauthorized: () => {
    session.value = null;
  },
});
