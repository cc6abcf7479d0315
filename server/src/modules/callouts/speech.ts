/**
 * Text to speech behind an interface a cloud voice service can replace: `synthesize(text, locale)`
 * answers WAV bytes. The shipped engine is Debian's espeak-ng (`espeak-ng -v cmn --stdout`,
 * Mandarin; `-v en` for English). Without it, synthesis fails with CALLOUT_TTS_UNAVAILABLE and
 * campaigns still run (their prompts are marked unsynthesized).
 *
 * A campaign's prompts (greeting, each question with its options read out, the final message) are
 * synthesized once, at approval, and stored through the platform FileStore under the hash of
 * their text, voice and engine: the same prompt in another campaign is not made again.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { CalloutLocale, CalloutScript } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/store.js';

export interface SpeechSynthesizer {
  /** A name that changes when the voice would (part of the cache key). */
  readonly engine: string;
  synthesize(text: string, locale: CalloutLocale): Promise<Buffer>;
}

const VOICES: Record<CalloutLocale, string> = { 'zh-CN': 'cmn', en: 'en' };

export class EspeakSynthesizer implements SpeechSynthesizer {
  readonly engine = 'espeak-ng-1';
  constructor(private readonly command = 'espeak-ng', private readonly timeoutMs = 20_000) {}

  synthesize(text: string, locale: CalloutLocale): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      // The text goes on standard input, never on the command line.
      const child = spawn(this.command, ['-v', VOICES[locale], '-s', '150', '--stdout'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      let errText = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), this.timeoutMs);
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stderr.on('data', (c: Buffer) => (errText += c.toString()));
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(error.code === 'ENOENT' ? new AppError('CALLOUT_TTS_UNAVAILABLE') : new AppError('CALLOUT_TTS_FAILED', { reason: error.message }));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        const wav = Buffer.concat(chunks);
        if (code !== 0 || wav.length < 44 || wav.subarray(0, 4).toString('ascii') !== 'RIFF') reject(new AppError('CALLOUT_TTS_FAILED', { reason: errText.slice(0, 200) || `exit ${code}` }));
        else resolve(wav);
      });
      child.stdin.end(text);
    });
  }
}

export interface PromptText {
  key: string;
  text: string;
}

export interface StoredPrompt extends PromptText {
  hash: string;
  fileKey: string | null;
  bytes: number | null;
  error: string | null;
}

/** What the person hears: the greeting, each question followed by its options and the repeat key, the final message. */
export function promptTexts(script: CalloutScript): PromptText[] {
  const en = script.locale === 'en';
  const press = (key: string, label: string) => (en ? `For ${label}, press ${key}.` : `${label}请按${key}。`);
  const repeat = en ? `To hear this again, press ${script.repeatKey}.` : `重听请按${script.repeatKey}。`;
  return [
    { key: 'greeting', text: script.greeting },
    ...script.questions.map((q) => ({ key: `q_${q.key}`, text: [q.text, ...q.options.map((o) => press(o.key, o.label)), repeat].join(en ? ' ' : '') })),
    { key: 'final', text: script.final },
  ];
}

export const promptHash = (engine: string, locale: string, text: string) => createHash('sha256').update(`${engine}\0${locale}\0${text}`).digest('hex');

/** Synthesizes each prompt once (a stored file with the same hash is reused); a failure marks the prompt unsynthesized with its error code. */
export async function synthesizePrompts(files: FileStore, tts: SpeechSynthesizer, script: CalloutScript): Promise<StoredPrompt[]> {
  const out: StoredPrompt[] = [];
  for (const p of promptTexts(script)) {
    const hash = promptHash(tts.engine, script.locale, p.text);
    const fileKey = `callout-prompts/${hash}.wav`;
    const cached = await files.size(fileKey);
    if (cached !== null) {
      out.push({ ...p, hash, fileKey, bytes: cached, error: null });
      continue;
    }
    try {
      const wav = await tts.synthesize(p.text, script.locale);
      out.push({ ...p, hash, fileKey, bytes: await files.put(fileKey, wav), error: null });
    } catch (error) {
      out.push({ ...p, hash, fileKey: null, bytes: null, error: error instanceof AppError ? error.code : 'CALLOUT_TTS_FAILED' });
    }
  }
  return out;
}
