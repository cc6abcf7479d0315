import type { Role, User } from '@gridgov/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import { userKeys } from './keys';
import type { CreateUserRequest, Page, UpdateUserRequest } from './types';

export interface UserListParams {
  role?: Role;
  region?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export const usersApi = {
  list: (params: UserListParams, signal?: AbortSignal) => api.get<Page<User>>('/users', { ...params }, signal),
  create: (body: CreateUserRequest) => api.post<User>('/users', body),
  update: (id: string, body: UpdateUserRequest) => api.patch<User>(`/users/${encodeURIComponent(id)}`, body),
  unlock: (id: string) => api.post<unknown>(`/users/${encodeURIComponent(id)}/unlock`),
  /** An ordinary account gets the new password; an admin account (no password) a new enrolment code on the operator console. */
  resetPassword: (id: string, password?: string) =>
    api.post<unknown>(`/users/${encodeURIComponent(id)}/reset-password`, password === undefined ? {} : { password }),
};

export const userQueries = {
  list: (params: UserListParams) => queryOptions({ queryKey: userKeys.list({ ...params }), queryFn: ({ signal }) => usersApi.list(params, signal) }),
};
