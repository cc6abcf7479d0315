/** Who is signed in. Loaded from /api/auth/me; ended by logout or by any 401 from the API. */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Me, Permission } from '@gridgov/contracts';
import { authApi } from '../api/auth';
import { isApiError, setPasswordChangeHandler, setUnauthorizedHandler } from '../api/client';

/**
 * The signed-in account, remembered on this device so that the console opens without network
 * (the phone's offline work): only who it is, what it may open and its scope; the server still
 * decides everything from the session cookie. Forgotten when the session ends.
 */
const REMEMBERED_ME = 'gridgov.offline.me';

function rememberMe(me: Me | null): void {
  try {
    if (me) localStorage.setItem(REMEMBERED_ME, JSON.stringify(me));
    else localStorage.removeItem(REMEMBERED_ME);
  } catch {
    // Storage refused: the console just needs the network to open.
  }
}

function rememberedMe(): Me | null {
  try {
    const text = localStorage.getItem(REMEMBERED_ME);
    return text ? (JSON.parse(text) as Me) : null;
  } catch {
    return null;
  }
}

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
    if (state.status === 'signedIn') rememberMe(state.me);
    else if (state.status === 'anonymous') rememberMe(null);
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
      .catch((error: unknown) => {
        if (cancelled) return;
        // No network (a phone out of coverage): open as the account last signed in here; the
        // server answers for the session when the network returns.
        const offline = isApiError(error, 'NETWORK_ERROR') ? rememberedMe() : null;
        setState((prev) => (prev.status !== 'loading' ? prev : offline ? { status: 'signedIn', me: offline } : { status: 'anonymous', notice: null, resume: true }));
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
