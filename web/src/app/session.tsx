/** Who is signed in. Loaded from /api/auth/me; ended by logout or by any 401 from the API. */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Me, Permission } from '@gridgov/contracts';
import { authApi } from '../api/auth';
import { setPasswordChangeHandler, setUnauthorizedHandler } from '../api/client';

type SessionState =
  | { status: 'loading' }
  /** `resume`: come back to the current page after signing in (the session ran out under the user). */
  | { status: 'anonymous'; notice: string | null; resume: boolean }
  | { status: 'signedIn'; me: Me };

interface SessionValue {
  state: SessionState;
  me: Me | null;
  signIn: (me: Me) => void;
  /** Forgets the session locally (already ended on the server), with an optional notice for the login page. */
  endSession: (notice?: string) => void;
  logout: () => Promise<void>;
  can: (permission: Permission) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const signedIn = useRef(false);
  useEffect(() => {
    signedIn.current = state.status === 'signedIn';
  }, [state]);

  useEffect(() => {
    setUnauthorizedHandler((error) => {
      // A stale session noticed mid-work deserves a word; a first visit does not.
      setState({ status: 'anonymous', notice: signedIn.current ? error.message : null, resume: true });
    });
    // The server refuses everything but the change while the password is not the account's own:
    // show the change-password dialog (AppLayout and the portal open it on mustChangePassword).
    setPasswordChangeHandler(() => {
      setState((prev) => (prev.status === 'signedIn' && !prev.me.mustChangePassword ? { status: 'signedIn', me: { ...prev.me, mustChangePassword: true } } : prev));
    });
    let cancelled = false;
    authApi
      .me()
      .then((me) => {
        if (!cancelled) setState({ status: 'signedIn', me });
      })
      .catch(() => {
        if (!cancelled) setState((prev) => (prev.status === 'loading' ? { status: 'anonymous', notice: null, resume: true } : prev));
      });
    return () => {
      cancelled = true;
      setUnauthorizedHandler(null);
      setPasswordChangeHandler(null);
    };
  }, []);

  const signIn = useCallback((me: Me) => setState({ status: 'signedIn', me }), []);
  const endSession = useCallback((notice?: string) => setState({ status: 'anonymous', notice: notice ?? null, resume: false }), []);
  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setState({ status: 'anonymous', notice: null, resume: false });
    }
  }, []);

  const value = useMemo<SessionValue>(() => {
    const me = state.status === 'signedIn' ? state.me : null;
    return {
      state,
      me,
      signIn,
      endSession,
      logout,
      can: (permission) => me?.permissions.includes(permission) ?? false,
    };
  }, [state, signIn, endSession, logout]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** For pages that only render inside the signed-in layout. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
