/**
 * The simulator's side of the GridGov API, as the web console uses it: sign in (a session cookie,
 * `gg_sid`; the API needs no CSRF header, the cookie is SameSite=Strict), list the devices in the
 * operator's scope, and issue each driven device a new secret (which ROTATES it: the real device,
 * if any, is locked out until it gets a new one).
 */
import { DEVICE_KINDS, type DeviceKind } from '@gridgov/contracts';
import type { ListedDevice } from './messages.js';

/** A failure the command line reports as it is and exits with 1 (server unreachable, sign-in refused...). */
export class SimulatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatorError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string };
}

const describe = (body: unknown): string => {
  const e = (body as ErrorBody | null)?.error;
  return e?.code ? `${e.code}${e.message ? `: ${e.message}` : ''}` : JSON.stringify(body)?.slice(0, 200) ?? '';
};

export class GridGovApi {
  private cookie: string | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 15_000,
  ) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
    let res: globalThis.Response;
    try {
      res = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: { accept: 'application/json', 'accept-language': 'en', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.cookie ? { cookie: this.cookie } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new SimulatorError(`cannot reach the GridGov server at ${this.baseUrl} (${cause?.code ?? cause?.message ?? (error as Error).message}); is it running? (--url)`);
    }
    const sid = res.headers.getSetCookie().find((c) => c.startsWith('gg_sid='));
    if (sid) this.cookie = sid.split(';')[0]!;
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed as T };
  }

  /** Signs in (an operator: `device:read` lists, `device:manage` issues secrets). */
  async login(username: string, password: string, totp?: string): Promise<void> {
    const res = await this.call('POST', '/api/auth/login', { username, password, ...(totp ? { totp } : {}) });
    if (res.status !== 200 || !this.cookie) throw new SimulatorError(`sign-in as ${username} failed (HTTP ${res.status} ${describe(res.body)}); check --user and --password`);
  }

  /** Every device in the operator's scope (all pages). */
  async listDevices(): Promise<ListedDevice[]> {
    const all: ListedDevice[] = [];
    for (let page = 1; ; page++) {
      const res = await this.call<{ items: ListedDevice[]; total: number }>('GET', `/api/devices?pageSize=200&page=${page}`);
      if (res.status !== 200) throw new SimulatorError(`listing devices failed (HTTP ${res.status} ${describe(res.body)}); the account needs device:read`);
      all.push(...res.body.items.filter((d) => (DEVICE_KINDS as readonly string[]).includes(d.kind)));
      if (res.body.items.length < 200 || page * 200 >= res.body.total) return all;
    }
  }

  /** A new secret for the device (the old one stops working at once). */
  async rotateSecret(deviceId: string): Promise<string> {
    const res = await this.call<{ secret?: string }>('POST', `/api/devices/${deviceId}/credentials`, {});
    if (res.status !== 201 || typeof res.body?.secret !== 'string') throw new SimulatorError(`issuing a secret failed (HTTP ${res.status} ${describe(res.body)}); the account needs device:manage`);
    return res.body.secret;
  }
}

export type { DeviceKind };
