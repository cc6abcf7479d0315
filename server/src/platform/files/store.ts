/**
 * Where files live: uploads, import files and their error reports, exports. Keys are relative
 * paths (`attachments/<id>`). The local folder (`GRIDGOV_FILES_DIR`) is the store of one machine
 * or of several sharing a mount; an object store implements the same interface.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface FileStore {
  /** Writes a whole file (to a temporary name first, then renamed: a reader never sees half of it). Answers its size. */
  put(key: string, data: Buffer | Readable): Promise<number>;
  /** A stream of the file; fails with ENOENT when it does not exist. */
  read(key: string): Readable;
  /** The file's size, or null when it does not exist. */
  size(key: string): Promise<number | null>;
  delete(key: string): Promise<void>;
  /**
   * A path on this machine for readers that need random access (a zip's central directory) or
   * write in place (a streamed export). An object store would download to a temporary file.
   */
  localPath(key: string): string;
}

const KEY = /^[a-z0-9_-]+(\/[A-Za-z0-9._-]+)+$/;

export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  localPath(key: string): string {
    if (!KEY.test(key) || key.split('/').includes('..')) throw new Error(`Bad file key: ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer | Readable): Promise<number> {
    const target = this.localPath(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.part`;
    try {
      await pipeline(Buffer.isBuffer(data) ? Readable.from([data]) : data, fs.createWriteStream(temp, { mode: 0o600 }));
      await fs.promises.rename(temp, target);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
    return (await fs.promises.stat(target)).size;
  }

  read(key: string): Readable {
    return fs.createReadStream(this.localPath(key));
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await fs.promises.stat(this.localPath(key))).size;
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.localPath(key), { force: true });
  }
}
