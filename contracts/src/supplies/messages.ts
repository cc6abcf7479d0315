import { defineMessages } from '../message-kit.js';

/** Stock alerts (once per crossing) and request steps. */
export const SUPPLIES_MESSAGES = defineMessages({
  'supplies.low': { zh: '{warehouse}：{item} 库存 {quantity}，低于下限 {min}', en: '{warehouse}: {item} stock {quantity} is below the minimum {min}' },
  'supplies.high': { zh: '{warehouse}：{item} 库存 {quantity}，高于上限 {max}', en: '{warehouse}: {item} stock {quantity} is above the maximum {max}' },
  'supplies.expiring': { zh: '{warehouse}：{item} 批次 {lotNo}（{quantity}）将于 {expiresOn} 过期', en: '{warehouse}: {item} lot {lotNo} ({quantity}) expires on {expiresOn}' },
  'supply_request.submitted': { zh: '物资申领 R{requestNo}（{siteName}，优先级 {priority}）待审批', en: 'Supply request R{requestNo} ({siteName}, priority {priority}) awaits approval' },
  'supply_request.decided': { zh: '物资申领 R{requestNo} 已{decision}', en: 'Supply request R{requestNo}: {decision}' },
});
