/**
 * Name parts for the demo city: surnames, given-name characters, place and road words.
 * Everything the generator names is assembled from these lists with its seeded PRNG.
 */

export type Random = () => number;

/** Common surnames with rough relative frequency (per mille), tilted towards Hunan. */
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 71], ['李', 70], ['张', 68], ['刘', 54], ['陈', 46], ['杨', 31], ['黄', 25], ['赵', 23],
  ['吴', 21], ['周', 21], ['徐', 17], ['孙', 15], ['马', 15], ['朱', 13], ['胡', 13], ['郭', 12],
  ['何', 12], ['高', 11], ['林', 11], ['罗', 12], ['郑', 10], ['梁', 9], ['谢', 9], ['宋', 7],
  ['唐', 9], ['许', 7], ['韩', 6], ['冯', 6], ['邓', 8], ['曹', 6], ['彭', 8], ['曾', 7],
  ['肖', 7], ['田', 6], ['董', 5], ['袁', 5], ['潘', 5], ['于', 4], ['蒋', 6], ['蔡', 5],
  ['余', 5], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 4], ['魏', 4], ['吕', 4], ['丁', 4],
  ['任', 4], ['沈', 4], ['姚', 4], ['卢', 4], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 6],
  ['陆', 3], ['汪', 3], ['范', 3], ['金', 3], ['石', 3], ['廖', 4], ['贾', 3], ['夏', 3],
  ['付', 3], ['方', 3], ['白', 2], ['邹', 3], ['孟', 2], ['熊', 3], ['秦', 2], ['邱', 2],
  ['江', 2], ['尹', 2], ['薛', 2], ['段', 2], ['雷', 2], ['侯', 2], ['龙', 2], ['史', 2],
  ['陶', 2], ['黎', 2], ['贺', 3], ['顾', 2], ['毛', 2], ['郝', 2], ['龚', 3], ['邵', 2],
  ['万', 2], ['严', 2], ['覃', 3], ['戴', 2], ['莫', 2], ['向', 4], ['汤', 2], ['易', 3],
  ['文', 2], ['伍', 2], ['欧阳', 1], ['皮', 1], ['聂', 1], ['卜', 1],
];

const chars = (s: string): readonly string[] => Array.from(s);

const SURNAME_TOTAL = SURNAMES.reduce((sum, [, weight]) => sum + weight, 0);

const GIVEN_CHARS: Record<'male' | 'female', { older: string; younger: string }> = {
  male: {
    older: '国建华明军平志强伟勇刚斌波辉杰林海新春生荣庆东祥福德成兵永红文武光忠良金水松柏正清',
    younger: '浩宇轩睿泽博文涛鹏鑫凯豪铭晨阳子俊杰航宸瑞奕锦程一诚嘉逸皓然天佑思远毅恒',
  },
  female: {
    older: '秀英桂兰玉梅芳丽敏静艳娟霞凤琴云莲珍翠菊华萍燕红玲春美淑慧芬兰香',
    younger: '婷雪颖佳欣怡萱涵悦琪倩晶莉薇璐瑶妍诗雨梦思彤若可馨语心依安一紫嘉蕊',
  },
};

/** Characters that start and end a two-character place name (桃源, 白鹤, 丹阳, ...). */
const PLACE_HEADS = chars('桃柳丹德芷兰梅竹松荷龙凤金银玉青白红东西南北新长永兴安和平福寿康泰清明华光文武仁善沅澧汉鼎临石津洞湘楚嘉仙花樟枫双三马');
const PLACE_TAILS = chars('花园溪湖山岭桥港洲坪冲湾塘堰岗坡林源阳江河口坝田铺市城庄门台峰泉亭陵乡寿水塔垸');

/** Whole two-character words common in village and community names. */
const PLACE_WORDS = [
  '三合', '新建', '红旗', '团结', '双桥', '和平', '建设', '光明', '胜利', '五星', '前进', '东风',
  '民主', '友谊', '幸福', '永安', '太平', '长岭', '白鹤', '桃花', '荷花', '金山', '大堰', '石板',
  '黄土', '枫树', '杨柳', '七里', '九龙', '马鞍', '丹阳', '芙蓉', '朝阳', '滨湖', '紫桥', '府坪',
];

const ROAD_SUFFIXES = ['路', '路', '路', '街', '大道', '巷'];

/** Mobile prefixes of the three carriers. */
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155',
  '156', '157', '158', '159', '166', '173', '177', '180', '181', '182', '183', '185', '186', '187',
  '188', '189', '191', '198', '199',
];

const GIVEN = {
  male: { older: chars(GIVEN_CHARS.male.older), younger: chars(GIVEN_CHARS.male.younger) },
  female: { older: chars(GIVEN_CHARS.female.older), younger: chars(GIVEN_CHARS.female.younger) },
};

const DIGITS = '〇一二三四五六七八九';

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

export function surname(random: Random): string {
  let ticket = random() * SURNAME_TOTAL;
  for (const [name, weight] of SURNAMES) {
    ticket -= weight;
    if (ticket < 0) return name;
  }
  return '王';
}

/** A one- or two-character given name in the style of the birth year. */
export function givenName(random: Random, sex: 'male' | 'female', birthYear: number): string {
  const lists = GIVEN[sex];
  const pool = birthYear < 1980 === random() < 0.85 ? lists.older : lists.younger;
  const single = random() < (birthYear < 1980 ? 0.3 : 0.12);
  const first = pick(random, pool);
  if (single) return first;
  let second = pick(random, pool);
  if (second === first && random() < 0.8) second = pick(random, pool);
  return first + second;
}

/** A two-character place word, either a common whole word or head + tail. */
export function placeWord(random: Random): string {
  if (random() < 0.2) return pick(random, PLACE_WORDS);
  return pick(random, PLACE_HEADS) + pick(random, PLACE_TAILS);
}

/**
 * Draws `word() + suffix` until the name is not in `used` (and records it). After many clashes
 * it numbers the word (新建二村), so large cities never loop forever.
 */
export function uniqueName(used: Set<string>, word: () => string, suffix = ''): string {
  for (let attempt = 0; attempt < 40; attempt++) {
    const name = word() + suffix;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  const base = word();
  for (let n = 2; ; n++) {
    const name = base + chineseNumber(n) + suffix;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

export function roadName(random: Random): string {
  return placeWord(random) + pick(random, ROAD_SUFFIXES);
}

export function mobilePhone(random: Random): string {
  return pick(random, MOBILE_PREFIXES) + String(Math.floor(random() * 1e8)).padStart(8, '0');
}

/** 1 -> 一, 10 -> 十, 12 -> 十二, 45 -> 四十五; from 100 on, Arabic digits. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}

/** Province names by 2-digit code. */
export const PROVINCE_NAMES: Readonly<Record<string, string>> = {
  '11': '北京市', '12': '天津市', '13': '河北省', '14': '山西省', '15': '内蒙古自治区', '21': '辽宁省',
  '22': '吉林省', '23': '黑龙江省', '31': '上海市', '32': '江苏省', '33': '浙江省', '34': '安徽省',
  '35': '福建省', '36': '江西省', '37': '山东省', '41': '河南省', '42': '湖北省', '43': '湖南省',
  '44': '广东省', '45': '广西壮族自治区', '46': '海南省', '50': '重庆市', '51': '四川省', '52': '贵州省',
  '53': '云南省', '54': '西藏自治区', '61': '陕西省', '62': '甘肃省', '63': '青海省', '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区', '71': '台湾省', '81': '香港特别行政区', '82': '澳门特别行政区',
};
