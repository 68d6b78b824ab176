import { ApiError } from '../lib/api';
import { api } from './api';
import { forgetExpiredSession, type Session, session } from './session-state';

export {
  accountKey,
  can,
  csrfToken,
  expiredSession,
  forgetExpiredSession,
  type Session,
  session,
} from './session-state';

/** Loads the current session (null when signed out). */
export async function loadSession(): Promise<void> {
  try {
    session.value = await api<Session>('GET', '/api/auth/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) session.value = null;
    else throw error;
  }
}

/** Signs in with email and password (and a workspace slug when the email is in several). */
export async function signIn(input: {
  email: string;
  password: string;
  tenant?: string;
}): Promise<void> {
  session.value = await api<Session>('POST', '/api/auth/login', input);
}

/** Signs out and forgets the session. */
export async function signOut(): Promise<void> {
  try {
    await api('POST', '/api/auth/logout');
  } finally {
    session.value = null;
    // Signing out on purpose is not an expiry: nothing to come back to.
    forgetExpiredSession();
  }
}
