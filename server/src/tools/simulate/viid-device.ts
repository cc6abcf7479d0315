/**
 * One GA/T 1400 device (a vehicle checkpoint, a face camera or gate): registers with Digest (its
 * 20-digit code as username, its secret as password), keeps alive, posts vehicles (checkpoints)
 * or faces (the others), and unregisters at the end. A session the platform forgot (it
 * restarted, or keepalives lapsed) is registered again.
 */
import { Gat1400Client, Gat1400ClientError } from '../../platform/protocols/gat1400/index.js';
import { reason, type DeviceContext } from './context.js';
import { faceCapture, randomPlate, vehicleCapture, type ListedDevice } from './messages.js';

export interface ViidDeviceOptions {
  /** The platform's origin (it serves /VIID/ on its HTTP port). */
  baseUrl: string;
  device: ListedDevice;
  secret: string;
}

export class ViidDevice {
  private readonly client: Gat1400Client;
  private registered = false;
  private lastSecond = 0;
  private sequence = 0;

  constructor(
    private readonly options: ViidDeviceOptions,
    private readonly ctx: DeviceContext,
  ) {
    const d = options.device;
    this.client = new Gat1400Client({ baseUrl: options.baseUrl, deviceId: d.code, password: options.secret, registerInfo: { DeviceName: d.name, Manufacturer: d.vendor ?? 'GridGov simulator', Model: d.model ?? 'simulated' } });
  }

  get device(): ListedDevice {
    return this.options.device;
  }

  /** Registered: it can post now. */
  get ready(): boolean {
    return this.registered;
  }

  /** A checkpoint posts vehicles; the others post faces. */
  get capturesVehicles(): boolean {
    return this.options.device.kind === 'vehicle_checkpoint';
  }

  private setRegistered(registered: boolean) {
    if (registered === this.registered) return;
    this.registered = registered;
    this.ctx.tally.online += registered ? 1 : -1;
  }

  /** Counts one call: sent, then acked, refused (the platform said no) or failed (no answer). */
  private async call<T>(what: string, run: () => Promise<T>): Promise<T | null> {
    this.ctx.tally.sent++;
    try {
      const result = await run();
      this.ctx.tally.acked++;
      return result;
    } catch (error) {
      if (error instanceof Gat1400ClientError) {
        this.ctx.tally.refused++;
        const hint = error.status === 404 && what === 'Register' ? ` (no GA/T 1400 at ${this.options.baseUrl}/VIID/?)` : '';
        this.ctx.notice(`${this.options.device.code}: ${what} refused: ${error.message.trim()}${hint}`);
        if (error.errorCode === 'GAT1400_NOT_REGISTERED') this.setRegistered(false);
      } else {
        this.ctx.tally.failed++;
        this.ctx.notice(`${this.options.device.code}: ${what} failed: ${reason(error)}`);
      }
      return null;
    }
  }

  /** Registers; false when the platform refused or did not answer. */
  async start(): Promise<boolean> {
    const ok = (await this.call('Register', () => this.client.register())) !== null;
    this.setRegistered(ok);
    return ok;
  }

  /** A keepalive (or a new Register when the session is gone). */
  async keepalive(): Promise<void> {
    if (!this.registered) {
      await this.start();
      return;
    }
    await this.call('Keepalive', () => this.client.keepalive());
  }

  /** The sequence number of a capture within its second (source IDs must differ). */
  private next(at: Date): number {
    const second = Math.floor(at.getTime() / 1000);
    if (second !== this.lastSecond) {
      this.lastSecond = second;
      this.sequence = 0;
    }
    return ++this.sequence % 100_000;
  }

  /** Posts one capture; true when the platform accepted it. */
  async capture(plateNo?: string): Promise<boolean> {
    if (!this.registered) return false;
    const at = new Date(this.ctx.now());
    const code = this.options.device.code;
    const objects = this.capturesVehicles
      ? await this.call('MotorVehicles', () => this.client.postMotorVehicles([vehicleCapture(code, at, this.next(at), plateNo ? { plateNo, plateColor: plateNo.length === 8 ? 9 : 5 } : randomPlate(this.options.device.regionCode, this.ctx.random), this.ctx.random)]))
      : await this.call('Faces', () => this.client.postFaces([faceCapture(code, at, this.next(at), this.ctx.random)]));
    const status = objects?.[0];
    if (objects && status && status.StatusCode !== 0) {
      // The batch was answered, but this object was turned down.
      this.ctx.tally.acked--;
      this.ctx.tally.refused++;
      this.ctx.notice(`${code}: capture refused: ${status.StatusString}`);
      return false;
    }
    return objects !== null;
  }

  /** A watch-listed plate passes (checkpoints only). */
  async alarm(plateNo: string): Promise<boolean> {
    if (!this.capturesVehicles || !this.registered) return false;
    this.ctx.tally.alarms++;
    return this.capture(plateNo);
  }

  /** UnRegister (with its Digest handshake). */
  async stop(): Promise<void> {
    if (!this.registered) return;
    await this.call('UnRegister', () => this.client.unregister());
    this.setRegistered(false);
  }
}
