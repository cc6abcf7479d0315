/** The speech engine: real WAV from espeak-ng when it is installed (Mandarin and English), and a clear error code when the engine is missing. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { AppError } from '../../platform/errors.js';
import { EspeakSynthesizer, promptTexts } from './speech.js';

const present = spawnSync('espeak-ng', ['--version']).status === 0;

describe('speech synthesis (espeak-ng)', () => {
  it(present ? 'speaks Mandarin and English as WAV (RIFF header, seconds of audio)' : 'reports CALLOUT_TTS_UNAVAILABLE without espeak-ng', async () => {
    const tts = new EspeakSynthesizer();
    if (!present) {
      await assert.rejects(tts.synthesize('您好', 'zh-CN'), (e: unknown) => e instanceof AppError && e.code === 'CALLOUT_TTS_UNAVAILABLE');
      return;
    }
    for (const [text, locale] of [['您好，这里是社区防疫专线。家中有人发热请按1，没有请按2。', 'zh-CN'], ['Hello, this is the community health line.', 'en']] as const) {
      const wav = await tts.synthesize(text, locale);
      assert.equal(wav.subarray(0, 4).toString('ascii'), 'RIFF');
      assert.equal(wav.subarray(8, 12).toString('ascii'), 'WAVE');
      // 22 kHz 16-bit mono: a sentence is well over a second.
      assert.ok(wav.length > 44_100, `only ${wav.length} bytes`);
    }
  });

  it('a missing engine is CALLOUT_TTS_UNAVAILABLE, never a crash', async () => {
    await assert.rejects(new EspeakSynthesizer('espeak-ng-not-installed').synthesize('您好', 'zh-CN'), (e: unknown) => e instanceof AppError && e.code === 'CALLOUT_TTS_UNAVAILABLE');
  });

  it('reads each question with its keys and the repeat key', () => {
    const texts = promptTexts({ locale: 'zh-CN', greeting: '您好', final: '再见', repeatKey: '9', questions: [{ key: 'fever', text: '家中是否有人发热？', options: [{ key: '1', label: '有人发热', outcome: { kind: 'none' } }, { key: '2', label: '没有', outcome: { kind: 'none' } }] }] });
    assert.deepEqual(texts.map((t) => t.key), ['greeting', 'q_fever', 'final']);
    assert.equal(texts[1]!.text, '家中是否有人发热？有人发热请按1。没有请按2。重听请按9。');
  });
});
