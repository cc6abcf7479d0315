import { defineMessages } from '../message-kit.js';

/** Stock alerts (once per crossing) and request steps. */
export const SUPPLIES_MESSAGES = defineMessages({
  'supplies.low': { zh: '{warehouse}：{item} 库存 {quantity}，低于下限 {min}', en: '{warehouse}: {item} stock {quantity} is below the minimum {min}' },
  'supplies.high': { zh: '{warehouse}：{item} 库存 {quantity}，高于上限 {max}', en: '{warehouse}: {item} stock {quantity} is above the maximum {max}' },
  'supplies.expiring': { zh: '{warehouse}：{item} 批次 {lotNo}（{quantity}）将于 {expiresOn} 过期', en: '{warehouse}: {item} lot {lotNo} ({quantity}) expires on {expiresOn}' },
  'supply_request.submitted': { zh: '物资申领 R{requestNo}（{siteName}，优先级 {priority}）待审批', en: 'Supply request R{requestNo} ({siteName}, priority {priority}) awaits approval' },
  'supply_request.approved': { zh: '物资申领 R{requestNo}（{siteName}）已批准', en: 'Supply request R{requestNo} ({siteName}) was approved' },
  'supply_request.rejected': { zh: '物资申领 R{requestNo}（{siteName}）被驳回', en: 'Supply request R{requestNo} ({siteName}) was rejected' },
  'supply_request.fulfilled': { zh: '物资申领 R{requestNo}（{siteName}）已发放', en: 'Supply request R{requestNo} ({siteName}) was fulfilled' },
});
