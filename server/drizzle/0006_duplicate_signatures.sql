ALTER TABLE "ticket" ADD COLUMN "text_sig" integer[];--> statement-breakpoint
CREATE INDEX "app_user_scope_grid_idx" ON "app_user" USING btree ("scope_grid_id");