/**
 * Emergency supplies coded by GB/T 38565-2020 (应急物资分类及编码): four levels, seven digits —
 * level 1 is one digit (1 基本生活保障物资, 2 应急装备及配套物资, 3 工程材料与机械加工设备), levels
 * 2–4 (中类/小类/细类) two digits each, 01–99, with 99 as the catch-all at every level.
 *
 * Shipped as data. `source` says where a node comes from:
 * - `gbt38565`: the standard's public structure (its three level-1 classes; the public excerpts
 *   of the standard give no more of its code table);
 * - `gridgov`: a provisional 中类/小类/细类 shipped with GridGov for the common reserve items, to
 *   be checked against (and replaced by) the standard's code table by a deployment that holds it;
 * - `local`: added by a locality (stored, not shipped), always a 细类 under an existing branch.
 */
export type SupplyCodeSource = 'gbt38565' | 'gridgov' | 'local';

export interface CatalogueNode {
  /** 1, 3, 5 or 7 digits (level 1..4). */
  code: string;
  zh: string;
  en: string;
  /** Items (level 4) only: the unit stock is counted in. */
  unit?: string;
  source: SupplyCodeSource;
}

const std = (code: string, zh: string, en: string): CatalogueNode => ({ code, zh, en, source: 'gbt38565' });
const ours = (code: string, zh: string, en: string, unit?: string): CatalogueNode => ({ code, zh, en, source: 'gridgov', ...(unit ? { unit } : {}) });

export const SUPPLY_CATALOGUE: readonly CatalogueNode[] = [
  std('1', '基本生活保障物资', 'Basic living supplies'),
  ours('101', '衣被类', 'Clothing and bedding'),
  ours('10101', '被褥', 'Bedding'),
  ours('1010101', '棉被', 'Cotton quilt', '床'),
  ours('1010102', '毛毯', 'Blanket', '条'),
  ours('10102', '服装', 'Clothing'),
  ours('1010201', '冲锋衣', 'Storm jacket', '件'),
  ours('102', '住宿类', 'Shelter'),
  ours('10201', '帐篷', 'Tents'),
  ours('1020101', '帐篷（12㎡）', 'Tent (12 m²)', '顶'),
  ours('10202', '床具', 'Beds'),
  ours('1020201', '折叠床', 'Folding bed', '张'),
  ours('103', '食品饮水类', 'Food and water'),
  ours('10301', '饮用水', 'Drinking water'),
  ours('1030101', '饮用水（瓶装）', 'Bottled drinking water', '箱'),
  ours('10302', '食品', 'Food'),
  ours('1030201', '方便食品', 'Ready-to-eat food', '箱'),
  ours('104', '生活用品类', 'Daily necessities'),
  ours('10401', '应急包', 'Emergency kits'),
  ours('1040101', '家庭生活应急包', 'Family emergency kit', '个'),
  ours('105', '卫生防疫类', 'Hygiene and epidemic prevention'),
  ours('10501', '防护用品', 'Protective equipment'),
  ours('1050101', '医用外科口罩', 'Surgical mask', '只'),
  ours('199', '其他基本生活保障物资', 'Other basic living supplies'),
  std('2', '应急装备及配套物资', 'Emergency equipment and accessories'),
  ours('201', '水上救援类', 'Water rescue'),
  ours('20101', '救生器材', 'Life-saving equipment'),
  ours('2010101', '冲锋舟', 'Assault boat', '艘'),
  ours('2010102', '救生衣', 'Life jacket', '件'),
  ours('202', '动力照明类', 'Power and lighting'),
  ours('20201', '发电设备', 'Generators'),
  ours('2020101', '发电机', 'Generator', '台'),
  ours('299', '其他应急装备及配套物资', 'Other emergency equipment'),
  std('3', '工程材料与机械加工设备', 'Engineering materials and machining equipment'),
  ours('301', '防汛抢险材料', 'Flood-fighting materials'),
  ours('30101', '袋类', 'Bags'),
  ours('3010101', '沙袋', 'Sandbag', '条'),
  ours('399', '其他工程材料与机械加工设备', 'Other engineering materials'),
];

/** The level of a code by its length (1, 3, 5, 7 digits), or null. */
export function supplyCodeLevel(code: string): 1 | 2 | 3 | 4 | null {
  return ({ 1: 1, 3: 2, 5: 3, 7: 4 } as const)[code.length as 1 | 3 | 5 | 7] ?? null;
}

/** The parent's code (null for level 1). */
export function supplyParentCode(code: string): string | null {
  return code.length <= 1 ? null : code.slice(0, code.length - 2);
}

export type SupplyCodeProblem =
  | { code: 'SUPPLIES_CODE_INVALID'; params: { reason: string } }
  | { code: 'SUPPLIES_CODE_BRANCH_UNKNOWN'; params: { branch: string } }
  | { code: 'SUPPLIES_CODE_TAKEN'; params: { code: string } };

/**
 * Whether a locality may add an item with this 7-digit code, given the codes already known
 * (shipped and local): seven digits; level 1 is 1, 2 or 3; each of 中类/小类/细类 is 01–99; the
 * code is new; and it sits under an existing branch — its 小类 exists, or its 小类 is the
 * catch-all 99 under an existing 中类, or its 中类 and 小类 are both 99 under the level-1 class.
 */
export function checkSupplyCode(code: string, known: ReadonlySet<string>): SupplyCodeProblem | null {
  if (!/^\d{7}$/.test(code)) return { code: 'SUPPLIES_CODE_INVALID', params: { reason: 'digits' } };
  if (!['1', '2', '3'].includes(code[0]!)) return { code: 'SUPPLIES_CODE_INVALID', params: { reason: 'level1' } };
  for (const at of [1, 3, 5]) if (code.slice(at, at + 2) === '00') return { code: 'SUPPLIES_CODE_INVALID', params: { reason: `level${(at + 1) / 2 + 1}` } };
  if (known.has(code)) return { code: 'SUPPLIES_CODE_TAKEN', params: { code } };
  const small = code.slice(0, 5);
  const middle = code.slice(0, 3);
  const underBranch = known.has(small) || (code.slice(3, 5) === '99' && known.has(middle)) || (code.slice(1, 5) === '9999' && known.has(code[0]!));
  if (!underBranch) return { code: 'SUPPLIES_CODE_BRANCH_UNKNOWN', params: { branch: small } };
  return null;
}

/**
 * The default reserve list (常备救灾物资目录) of a city Red Cross (Shanghai, 2021): the standing
 * quantity is the reserve floor and the minimum, the top of the range the maximum.
 */
export const DEFAULT_RESERVE_LIST: readonly { itemCode: string; reserve: number; min: number; max: number }[] = [
  { itemCode: '1010101', reserve: 1500, min: 1500, max: 3000 },
  { itemCode: '1020101', reserve: 100, min: 100, max: 200 },
  { itemCode: '1010102', reserve: 1500, min: 1500, max: 3000 },
  { itemCode: '1040101', reserve: 1000, min: 1000, max: 2000 },
  { itemCode: '1010201', reserve: 500, min: 500, max: 1000 },
  { itemCode: '1020201', reserve: 200, min: 200, max: 400 },
  { itemCode: '1050101', reserve: 5000, min: 5000, max: 10000 },
];
