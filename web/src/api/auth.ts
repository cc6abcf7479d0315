import type { Me } from '@gridgov/contracts';
import { api } from './client';
import type { ChangePasswordRequest, LoginRequest, LoginResponse, TotpEnrollRequest } from './types';

// Auth endpoints answer 401 as part of their normal flow (wrong password, TOTP needed), so
// they do not end the session on 401.
const own = { skipSessionCheck: true } as const;

export const authApi = {
  login: (body: LoginRequest) => api.post<LoginResponse>('/auth/login', body, own),
  enrollTotp: (body: TotpEnrollRequest) => api.post<{ status: 'ok'; user: Me }>('/auth/totp/enroll', body, own),
  logout: () => api.post<unknown>('/auth/logout', undefined, own),
  me: () => api.get<Me>('/auth/me'),
  changePassword: (body: ChangePasswordRequest) => api.post<unknown>('/auth/password', body),
};
