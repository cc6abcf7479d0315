/**
 * Reading .xlsx containers safely. The central directory is inspected before anything is
 * inflated: too many entries, too much uncompressed data, or an entry that inflates far beyond
 * its compressed size is refused as a zip bomb. Entries are then read through yauzl, which
 * checks that each one inflates to exactly the size the directory declared, so the figures
 * checked here are the figures that are read.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../../platform/errors.js';

export const ZIP_LIMITS = {
  maxEntries: 10_000,
  /** All entries together, uncompressed. */
  maxUncompressedBytes: 2 * 1024 ** 3,
  /** Uncompressed : compressed, for entries large enough for the ratio to mean something. */
  maxRatio: 100,
  ratioFromBytes: 1024 * 1024,
} as const;

export interface ZipEntries {
  zip: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
  uncompressedBytes: number;
}

const corrupt = (reason: string) => new AppError('IMPORT_FILE_CORRUPT', { reason });

/** Opens a zip and checks its directory; throws IMPORT_ZIP_BOMB or IMPORT_FILE_CORRUPT. */
export async function openZip(path: string, fileBytes: number, limits = ZIP_LIMITS): Promise<ZipEntries> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true });
  } catch {
    throw corrupt('not a readable zip');
  }
  try {
    const entries = new Map<string, yauzl.Entry>();
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      if (entries.size >= limits.maxEntries) throw new AppError('IMPORT_ZIP_BOMB', { reason: 'too many entries' });
      if (entries.has(entry.fileName)) throw corrupt('duplicate entry');
      if (entry.isEncrypted()) throw corrupt('encrypted entry');
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw corrupt('unsupported compression');
      total += entry.uncompressedSize;
      if (total > limits.maxUncompressedBytes) throw new AppError('IMPORT_ZIP_BOMB', { reason: 'uncompressed size over the limit' });
      if (entry.uncompressedSize >= limits.ratioFromBytes && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)) {
        throw new AppError('IMPORT_ZIP_BOMB', { reason: 'compression ratio over the limit' });
      }
      entries.set(entry.fileName, entry);
    }
    if (total >= limits.ratioFromBytes && total > limits.maxRatio * Math.max(1, fileBytes)) {
      throw new AppError('IMPORT_ZIP_BOMB', { reason: 'compression ratio over the limit' });
    }
    return { zip, entries, uncompressedBytes: total };
  } catch (error) {
    zip.close();
    if (error instanceof AppError) throw error;
    throw corrupt('damaged zip directory');
  }
}

/** The inflated content of an entry, as a stream (sizes checked by yauzl while reading). */
export async function entryStream(zip: ZipEntries, name: string): Promise<Readable | null> {
  const entry = zip.entries.get(name);
  if (!entry) return null;
  try {
    return await zip.zip.openReadStreamPromise(entry);
  } catch {
    throw corrupt(`unreadable entry ${name}`);
  }
}

/** The whole (small) entry as text, refusing anything over `maxBytes`. */
export async function entryText(zip: ZipEntries, name: string, maxBytes = 8 * 1024 * 1024): Promise<string | null> {
  const entry = zip.entries.get(name);
  if (!entry) return null;
  if (entry.uncompressedSize > maxBytes) throw corrupt(`entry ${name} too large`);
  const stream = await entryStream(zip, name);
  if (!stream) return null;
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch {
    throw corrupt(`unreadable entry ${name}`);
  }
  return Buffer.concat(chunks).toString('utf8');
}
