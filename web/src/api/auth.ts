import type { EnrolmentInfo, Me } from '@gridgov/contracts';
import { api } from './client';
import type { ChangePasswordRequest, EnrolmentCompleteRequest, EnrolmentInspectRequest, LoginRequest, LoginResponse } from './types';

// Auth endpoints answer 401 as part of their normal flow (wrong password or code), so
// they do not end the session on 401.
const own = { skipSessionCheck: true } as const;

export const authApi = {
  login: (body: LoginRequest) => api.post<LoginResponse>('/auth/login', body, own),
  /** An admin account's one-time enrolment code: whose account, and the authenticator secret to bind. */
  inspectEnrolment: (body: EnrolmentInspectRequest) => api.post<EnrolmentInfo>('/auth/enrolment/inspect', body, own),
  completeEnrolment: (body: EnrolmentCompleteRequest) => api.post<LoginResponse>('/auth/enrolment/complete', body, own),
  logout: () => api.post<unknown>('/auth/logout', undefined, own),
  me: () => api.get<Me>('/auth/me'),
  changePassword: (body: ChangePasswordRequest) => api.post<unknown>('/auth/password', body),
};
