/** Who is asking, from where, and when: passed explicitly to every use-case. */
import type { Locale, Permission, Role } from '@gridgov/contracts';
import type { Clock } from './clock.js';

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  permissions: readonly Permission[];
  /** 12-digit code of the scope root region. */
  regionCode: string;
  /** The significant prefix of `regionCode`: every code in the subtree starts with it. */
  regionPrefix: string;
  /** Set for grid workers and residents: their scope is this one grid. */
  gridId: string | null;
  /** The departments whose work the account does (department handlers), part of its scope. */
  departmentIds: readonly string[];
  sessionId: string | null;
}

export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
  locale: Locale;
  clock: Clock;
}

/** The context of work the system does by itself (jobs, seeding, CLI). */
export function systemContext(clock: Clock, action = 'system'): RequestContext {
  return { actor: null, ip: null, requestId: action, locale: 'zh-CN', clock };
}
