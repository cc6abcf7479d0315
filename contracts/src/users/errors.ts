import { defineErrors } from '../error-kit.js';

export const USER_ERRORS = defineErrors({
  /** The grid of a grid worker's or resident's account: not a grid, deleted, or outside the creator's scope (one answer for all three). */
  USER_GRID_INVALID: { status: 400, zh: '所选网格不存在或不在您的管辖范围内，请从列表中选择网格', en: 'The grid does not exist or is outside your scope; pick a grid from the list' },
});
