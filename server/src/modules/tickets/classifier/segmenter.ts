/**
 * Chinese word segmentation with @node-rs/jieba: the dictionary bundled with the package
 * plus the governance words below, so that "占道经营" or "飞线充电" stay one term.
 * Loading the dictionary takes a few hundred milliseconds, so it happens once, on first use.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Terms of grid governance that the bundled dictionary splits or lacks. The frequency is
 * high enough for the segmenter to prefer the whole word over its parts (checked in tests).
 */
export const GOVERNANCE_WORDS: readonly string[] = [
  // city management 城市管理
  '井盖', '窨井盖', '雨水篦子', '路灯', '路面塌陷', '坑洼', '人行道', '盲道', '护栏',
  '垃圾清运', '垃圾桶', '垃圾站', '建筑垃圾', '乱堆乱放', '违章搭建', '私搭乱建', '违建',
  '占道经营', '流动摊贩', '摆摊', '烧烤摊', '城管', '共享单车',
  // environment 生态环境
  '噪音扰民', '装修噪音', '广场舞', '油烟', '油烟机', '排烟管道', '污水', '偷排', '排污口',
  '黑臭水体', '下水道', '化粪池', '异味',
  // public security and fire 治安消防
  '电动车', '电瓶车', '飞线充电', '楼道堆物', '消防通道', '消防栓', '灭火器', '高空抛物',
  '群租房', '入室盗窃', '监控探头',
  // disputes 矛盾纠纷
  '邻里纠纷', '拖欠工资', '讨薪', '包工头', '劳动合同', '物业费', '物业公司', '业委会',
  '停车位', '漏水',
  // building and gas safety 房屋燃气
  '墙体开裂', '危房', '承重墙', '燃气泄漏', '煤气味', '液化气罐', '燃气灶', '燃气表',
  // livelihood 民生
  '停水', '水压', '自来水', '二次供水', '暖气', '供暖', '暖气片', '停电', '跳闸', '电表',
  '独居老人', '助餐', '老年食堂', '养老院', '养老金', '社保', '医保', '社保卡', '医保卡',
  '低保', '网格员',
];

const WORD_FREQUENCY = 20000;

let instance: Jieba | undefined;

/** The shared segmenter (created on first call). */
export function segmenter(): Jieba {
  if (!instance) {
    const jieba = Jieba.withDict(dict);
    const lines = GOVERNANCE_WORDS.map((word) => `${word} ${WORD_FREQUENCY} n`);
    jieba.loadDict(Buffer.from(lines.join('\n'), 'utf-8'));
    instance = jieba;
  }
  return instance;
}

/** Raw jieba segments (with HMM for words missing from the dictionary); search mode adds sub-words. */
export function segment(text: string, searchMode = false): string[] {
  return searchMode ? segmenter().cutForSearch(text, true) : segmenter().cut(text, true);
}
