/**
 * One GB/T 28181 device (a camera, an NVR, a lower video platform) over UDP or TCP: REGISTER
 * with Digest (its secret as password), re-REGISTER at half the granted lifetime, a Keepalive
 * MESSAGE every interval, an answer to every Catalog query (an NVR's channels are its child
 * devices in the registry), and an unREGISTER (Expires: 0) at the end. A device the platform no
 * longer knows (a Keepalive answered 403: it restarted) registers again.
 */
import { SipDeviceClient, type CatalogChannel, type SipTransportName } from '../../platform/protocols/gb28181/index.js';
import { reason, type DeviceContext } from './context.js';
import type { ListedDevice } from './messages.js';

export interface SipDeviceOptions {
  server: { host: string; port: number; id: string };
  transport: SipTransportName;
  /** The address this device binds and puts in its Contact (one the platform can reach). */
  localHost: string;
  device: ListedDevice;
  secret: string;
  channels: CatalogChannel[];
  /** Asked for in REGISTER (seconds). */
  expires?: number;
}

export class SipDeviceDriver {
  private readonly client: SipDeviceClient;
  private registered = false;
  private started = false;
  private refresh: NodeJS.Timeout | null = null;
  private catalogsSeen = 0;

  constructor(
    private readonly options: SipDeviceOptions,
    private readonly ctx: DeviceContext,
  ) {
    this.client = new SipDeviceClient({
      deviceId: options.device.code,
      password: options.secret,
      server: options.server,
      transport: options.transport,
      localHost: options.localHost,
      channels: options.channels,
      catalogPageSize: 4,
      transactionTimeoutMs: 5000,
    });
  }

  get device(): ListedDevice {
    return this.options.device;
  }

  private setRegistered(registered: boolean) {
    if (registered === this.registered) return;
    this.registered = registered;
    this.ctx.tally.online += registered ? 1 : -1;
  }

  /** Registered: the platform knows it now. */
  get ready(): boolean {
    return this.registered;
  }

  /** Catalog queries answered since the last look: counted into the tally. */
  private countCatalogs() {
    const n = this.client.stats.catalogQueries;
    this.ctx.tally.catalogs += n - this.catalogsSeen;
    this.catalogsSeen = n;
  }

  /** REGISTER (Digest); false when refused or unanswered. */
  async register(): Promise<boolean> {
    const code = this.options.device.code;
    this.ctx.tally.sent++;
    try {
      const res = await this.client.register(this.options.expires ?? 3600);
      if (res.status !== 200) {
        this.ctx.tally.refused++;
        this.ctx.notice(`${code}: REGISTER answered ${res.status} ${res.reason}`);
        this.setRegistered(false);
        return false;
      }
      this.ctx.tally.acked++;
      this.setRegistered(true);
      const granted = Number(/^\s*(\d+)/.exec(res.headers.find((h) => h.name.toLowerCase() === 'expires')?.value ?? '')?.[1] ?? this.options.expires ?? 3600);
      if (this.refresh) clearTimeout(this.refresh);
      this.refresh = setTimeout(() => void this.register(), Math.max(30, granted / 2) * 1000);
      this.refresh.unref();
      return true;
    } catch (error) {
      this.ctx.tally.failed++;
      this.ctx.notice(`${code}: REGISTER to ${this.options.server.host}:${this.options.server.port} got no answer (${reason(error)})`);
      this.setRegistered(false);
      return false;
    }
  }

  /** Binds its socket and registers. */
  async start(): Promise<boolean> {
    try {
      await this.client.start();
    } catch (error) {
      this.ctx.notice(`${this.options.device.code}: cannot open a SIP socket on ${this.options.localHost} (${reason(error)}); --local-ip`);
      return false;
    }
    this.started = true;
    return this.register();
  }

  /** One Keepalive (or a new REGISTER when the platform forgot the device). */
  async keepalive(): Promise<void> {
    this.countCatalogs();
    if (!this.started) return;
    if (!this.registered) {
      await this.register();
      return;
    }
    this.ctx.tally.sent++;
    try {
      const res = await this.client.keepalive();
      if (res.status === 200) {
        this.ctx.tally.acked++;
        return;
      }
      this.ctx.tally.refused++;
      this.ctx.notice(`${this.options.device.code}: Keepalive answered ${res.status} ${res.reason}`);
      if (res.status === 403) await this.register();
    } catch (error) {
      this.ctx.tally.failed++;
      this.ctx.notice(`${this.options.device.code}: Keepalive got no answer (${reason(error)})`);
    }
  }

  /** Brings the catalog count up to date (the tally reads it). */
  sync(): void {
    this.countCatalogs();
  }

  /** unREGISTER, then closes the socket. */
  async stop(): Promise<void> {
    if (this.refresh) clearTimeout(this.refresh);
    this.refresh = null;
    this.countCatalogs();
    if (this.registered) {
      this.ctx.tally.sent++;
      try {
        const res = await this.client.unregister();
        if (res.status === 200) this.ctx.tally.acked++;
        else this.ctx.tally.refused++;
      } catch {
        this.ctx.tally.failed++;
      }
      this.setRegistered(false);
    }
    if (this.started) await this.client.close();
    this.started = false;
  }
}
