import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CategorySuggester, TOKENIZER_VERSION } from './category-suggester.js';
import { generateLabelledTickets, seededRandom } from './training-texts.js';

describe('CategorySuggester', () => {
  const suggester = CategorySuggester.train(generateLabelledTickets(seededRandom(77), 1500));

  it('suggests categories for new Chinese reports', () => {
    assert.equal(suggester.suggest('小区门口井盖缺失，晚上很危险', 1)[0]?.category, 'city.manhole');
    assert.equal(suggester.suggest('楼下烧烤店油烟太大，窗户都不敢开', 1)[0]?.category, 'env.smoke');
    assert.equal(suggester.suggest('包工头拖欠我们三个月工资', 1)[0]?.category, 'dispute.labor');
    const top3 = suggester.suggest('楼道里有电动车在充电，电线从楼上拉下来', 3);
    assert.equal(top3.length, 3);
    assert.equal(top3[0]?.category, 'security.fire_risk');
  });

  it('learns, forgets and recategorizes by text', () => {
    const copy = CategorySuggester.fromJSON(suggester.toJSON());
    assert.ok(copy);
    const text = '人民路有个井盖塌了，周围路面也塌陷了';
    copy.learn(text, 'city.manhole');
    copy.recategorize(text, 'city.manhole', 'city.road');
    copy.forget(text, 'city.road');
    assert.deepEqual(copy.toJSON(), suggester.toJSON());
  });

  it('stores its tokenizer version and asks for retraining on another', () => {
    const stored = JSON.parse(JSON.stringify(suggester.toJSON())) as { tokenizer: number };
    assert.equal(stored.tokenizer, TOKENIZER_VERSION);
    const loaded = CategorySuggester.fromJSON(stored);
    assert.deepEqual(loaded?.suggest('路灯不亮了', 3), suggester.suggest('路灯不亮了', 3));
    assert.equal(CategorySuggester.fromJSON({ ...stored, tokenizer: TOKENIZER_VERSION + 1 }), undefined);
    assert.throws(() => CategorySuggester.fromJSON({ nope: true }));
  });
});
