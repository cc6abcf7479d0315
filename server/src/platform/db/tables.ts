/** Settings of the deployment the database itself reads (the time zone of `metric_day`). */
import { pgTable, text } from 'drizzle-orm/pg-core';

export const deploymentSetting = pgTable('deployment_setting', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
